/**
 * Where a routine returned, found in its source: a run sees that a routine
 * returned, never which `return` statement did it. Given the last place the
 * routine was seen before it returned, the `return` it took is the first one
 * at or after that place in the routine's own function (else the function's
 * end, when it fell off the end). One parse and one walk per file (the
 * outline is kept with the parsed module, which typescript-module.ts keeps
 * for the last few files: a result describes many findings), and
 * each `return` knows its function from the walk, so finding the one taken is
 * a pass over the returns, whatever the number of functions.
 */
import type { AstNode } from './ast-walk.js';
import type { SourcePosition } from './source-map.js';
import { parseTypeScriptSync, type TypeScriptModule } from './typescript-module.js';

interface Span {
  readonly node: AstNode;
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** A `return`, and the function it returns from (the innermost around it). */
interface ReturnSpan extends Span {
  readonly fn: AstNode | null;
}

/** A file's functions and `return`s, in walk order, with the names functions are assigned to. */
interface Outline {
  readonly functions: readonly Span[];
  readonly returns: readonly ReturnSpan[];
  /** Function node → the variable or property it is the value of. */
  readonly names: ReadonlyMap<AstNode, string>;
}

type Point = { readonly line: number; readonly column: number };

/**
 * The `return` (or the closing brace) routine `routine` took after the last
 * place it was seen, `places[0]`; undefined if it cannot be told. The other
 * places are those below it on its stack, innermost first: when the first is
 * in a helper the routine called, the routine's own place is among them, and
 * its `return` is the one taken (a helper's `return` hands the lock back to
 * the routine). `sourceOf` gives a file's TypeScript.
 */
export function returnSiteAfter(sourceOf: (file: string) => string | undefined, routine: string, places: readonly SourcePosition[]): SourcePosition | undefined {
  // The routine's own function (by name) around one of the places, else the innermost function around the first.
  for (const place of places) {
    const found = outlineAt(sourceOf, place.file);
    const fn = found?.functions.find((f) => nameOf(f.node, found.names) === routine && contains(f, place));
    if (found !== undefined && fn !== undefined) return returnIn(found, fn, place);
  }
  const first = places[0];
  if (first === undefined) return undefined;
  const found = outlineAt(sourceOf, first.file);
  const fn = found === undefined ? undefined : innermost(found.functions, first);
  return found === undefined || fn === undefined ? undefined : returnIn(found, fn, first);
}

/** The name of the innermost named function around `place` (its own name, or the variable or property it is assigned to); undefined if none, or the file does not parse. */
export function functionNameAt(sourceOf: (file: string) => string | undefined, place: SourcePosition): string | undefined {
  const found = outlineAt(sourceOf, place.file);
  if (found === undefined) return undefined;
  let named: Span | undefined;
  for (const f of found.functions) if (contains(f, place) && nameOf(f.node, found.names) !== undefined && (named === undefined || !before(f.start, named.start))) named = f;
  return named === undefined ? undefined : nameOf(named.node, found.names);
}

function outlineAt(sourceOf: (file: string) => string | undefined, file: string): Outline | undefined {
  const source = sourceOf(file);
  return source === undefined ? undefined : outlineOf(file, source);
}

/** The `return` of `fn` taken after `after`: the one around it, else the first after it, else the function's end. */
function returnIn({ returns }: Outline, fn: Span, after: SourcePosition): SourcePosition {
  let first: SourcePosition | undefined;
  for (const r of returns) {
    // The place is in the returned expression (`return helper(…)`): that `return` is the one taken.
    if (r.fn === fn.node && contains(r, after)) return r.start;
    if (r.fn === fn.node && before(after, r.start) && (first === undefined || !before(first, r.start))) first = r.start;
  }
  return first ?? fn.end;
}

/** The outline of each parsed module walked so far (parseTypeScriptSync hands back the same module for the same file and source). */
const outlines = new WeakMap<TypeScriptModule, Outline>();

/** The outline of `file` (walked once per parsed module); undefined when it does not parse. */
function outlineOf(file: string, source: string): Outline | undefined {
  try {
    const module = parseTypeScriptSync(file, source);
    let outline = outlines.get(module);
    if (outline === undefined) outlines.set(module, (outline = outlineFrom(file, module)));
    return outline;
  } catch {
    return undefined;
  }
}

/** One walk over the module: its functions, its `return`s with their own function (TypeScript places) and the names functions are assigned to. */
function outlineFrom(file: string, module: TypeScriptModule): Outline {
  const toTs = (p: Point): SourcePosition => ({ file, ...module.place(p) });
  const functions: Span[] = [];
  const returns: ReturnSpan[] = [];
  const names = new Map<AstNode, string>();
  const name = (value: unknown, key: unknown): void => {
    const found = (key as { name?: string }).name;
    if (typeof value === 'object' && value !== null && found !== undefined && !names.has(value as AstNode)) names.set(value as AstNode, found);
  };
  // Parents first, as ast-walk's walk, with the innermost function passed down (a stack, not recursion: a deep file must not overflow it).
  const stack: Array<{ node: AstNode; fn: AstNode | null }> = [{ node: module.program as unknown as AstNode, fn: null }];
  while (stack.length > 0) {
    const { node, fn } = stack.pop()!;
    const loc = node.loc!;
    let inner = fn;
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') {
      functions.push({ node, start: toTs(loc.start), end: toTs({ line: loc.end.line, column: Math.max(0, loc.end.column - 1) }) });
      inner = node;
    } else if (node.type === 'ReturnStatement') returns.push({ node, start: toTs(loc.start), end: toTs(loc.end), fn });
    else if (node.type === 'VariableDeclarator') name(node.init, node.id);
    else if (node.type === 'Property') name(node.value, node.key);
    const children: AstNode[] = [];
    for (const key of Object.keys(node)) {
      if (key === 'loc') continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) children.push(child);
      } else if (isNode(value)) children.push(value);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, fn: inner });
  }
  return { functions, returns, names };
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
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
