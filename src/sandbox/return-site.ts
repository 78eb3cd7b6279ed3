/**
 * Where a routine returned, found in its source: a run sees that a routine
 * returned, never which `return` statement did it. Given the last place the
 * routine was seen before it returned, the `return` it took is the first one
 * at or after that place in the routine's own function (else the function's
 * end, when it fell off the end).
 */
import { walk, type AstNode } from './ast-walk.js';
import type { SourcePosition } from './source-map.js';
import { parseTypeScriptSync, type TypeScriptModule } from './typescript-module.js';

interface Span {
  readonly node: AstNode;
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** A file's functions and `return`s, in walk order, with the names functions are assigned to. */
interface Outline {
  readonly functions: readonly Span[];
  readonly returns: readonly Span[];
  /** Function node → the variable or property it is the value of. */
  readonly names: ReadonlyMap<AstNode, string>;
}

type Point = { readonly line: number; readonly column: number };

/** The `return` (or the closing brace) routine `routine` of `file` took after `after`; undefined if it cannot be told. */
export function returnSiteAfter(file: string, source: string, routine: string, after: SourcePosition): SourcePosition | undefined {
  let module: TypeScriptModule;
  try {
    module = parseTypeScriptSync(file, source);
  } catch {
    return undefined;
  }
  const { functions, returns, names } = outline(file, module);
  // The routine's own function (by name), else the innermost function around the last place seen.
  const fn = functions.find((f) => nameOf(f.node, names) === routine && contains(f, after)) ?? innermost(functions, after);
  if (fn === undefined) return undefined;
  let first: SourcePosition | undefined;
  for (const r of returns) {
    if (before(after, r.start) && (first === undefined || !before(first, r.start)) && innermost(functions, r.start) === fn) first = r.start;
  }
  return first ?? fn.end;
}

/** One walk over the module: its functions, its `return`s (TypeScript places) and the names functions are assigned to. */
function outline(file: string, module: TypeScriptModule): Outline {
  const toTs = (p: Point): SourcePosition => ({ file, ...module.place(p) });
  const functions: Span[] = [];
  const returns: Span[] = [];
  const names = new Map<AstNode, string>();
  const name = (value: unknown, key: unknown): void => {
    const found = (key as { name?: string }).name;
    if (typeof value === 'object' && value !== null && found !== undefined && !names.has(value as AstNode)) names.set(value as AstNode, found);
  };
  walk(module.program as unknown as AstNode, (node) => {
    const loc = node.loc!;
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') {
      functions.push({ node, start: toTs(loc.start), end: toTs({ line: loc.end.line, column: Math.max(0, loc.end.column - 1) }) });
    } else if (node.type === 'ReturnStatement') returns.push({ node, start: toTs(loc.start), end: toTs(loc.end) });
    else if (node.type === 'VariableDeclarator') name(node.init, node.id);
    else if (node.type === 'Property') name(node.value, node.key);
  });
  return { functions, returns, names };
}

/** A function's name: its own, or the variable or property it is assigned to. */
function nameOf(fn: AstNode, names: ReadonlyMap<AstNode, string>): string | undefined {
  const id = fn.id as { name?: string } | null | undefined;
  return id?.name ?? names.get(fn);
}

/** The function around `p` that starts last (the innermost); the first such in walk order on a tie. */
function innermost(functions: readonly Span[], p: Point): Span | undefined {
  let found: Span | undefined;
  for (const f of functions) if (contains(f, p) && (found === undefined || !before(f.start, found.start))) found = f;
  return found;
}

/** Whether `a` is at or before `b`. */
function before(a: Point, b: Point): boolean {
  return a.line < b.line || (a.line === b.line && a.column <= b.column);
}

function contains(f: Span, p: Point): boolean {
  return before(f.start, p) && before(p, f.end);
}
