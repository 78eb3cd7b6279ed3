/**
 * Where a routine returned, found in its source: a run sees that a routine
 * returned, never which `return` statement did it. Given the last place the
 * routine was seen before it returned, the `return` it took is the first one
 * at or after that place in the routine's own function (else the function's
 * end, when it fell off the end).
 */
import { parse } from 'acorn';
import { transformSync } from 'esbuild';
import { walk, type AstNode } from './ast-walk.js';
import { SourceMap, type SourcePosition } from './source-map.js';

interface Span {
  readonly node: AstNode;
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** The `return` (or the closing brace) routine `routine` of `file` took after `after`; undefined if it cannot be told. */
export function returnSiteAfter(file: string, source: string, routine: string, after: SourcePosition): SourcePosition | undefined {
  let output;
  try {
    output = transformSync(source, { loader: 'ts', format: 'esm', target: 'es2022', sourcemap: 'external', sourcefile: file });
  } catch {
    return undefined;
  }
  const map = new SourceMap(JSON.parse(output.map) as { sources: string[]; mappings: string });
  let program: AstNode;
  try {
    program = parse(output.code, { ecmaVersion: 'latest', sourceType: 'module', locations: true }) as unknown as AstNode;
  } catch {
    return undefined;
  }
  const toTs = (p: { line: number; column: number }): SourcePosition => {
    const original = map.original(p.line, p.column + 1);
    return { file, line: original?.line ?? p.line, column: original?.column ?? p.column + 1 };
  };
  const functions: Span[] = [];
  const returns: Span[] = [];
  walk(program, (node) => {
    const loc = (node as unknown as { loc: { start: { line: number; column: number }; end: { line: number; column: number } } }).loc;
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') {
      functions.push({ node, start: toTs(loc.start), end: toTs({ line: loc.end.line, column: Math.max(0, loc.end.column - 1) }) });
    } else if (node.type === 'ReturnStatement') returns.push({ node, start: toTs(loc.start), end: toTs(loc.end) });
  });
  const before = (a: { line: number; column: number }, b: { line: number; column: number }) => a.line < b.line || (a.line === b.line && a.column <= b.column);
  const contains = (f: Span, p: { line: number; column: number }) => before(f.start, p) && before(p, f.end);
  // The routine's own function (by name), else the innermost function around the last place seen.
  const named = functions.filter((f) => nameOf(f.node, program) === routine && contains(f, after));
  const around = functions.filter((f) => contains(f, after)).sort((a, b) => (before(a.start, b.start) ? 1 : -1));
  const fn = named[0] ?? around[0];
  if (fn === undefined) return undefined;
  const innermost = (p: Span) => functions.filter((f) => contains(f, p.start)).sort((a, b) => (before(a.start, b.start) ? 1 : -1))[0];
  const own = returns.filter((r) => innermost(r) === fn && before(after, r.start)).sort((a, b) => (before(a.start, b.start) ? -1 : 1));
  return own[0]?.start ?? fn.end;
}

/** A function's name: its own, or the variable or property it is assigned to. */
function nameOf(fn: AstNode, program: AstNode): string | undefined {
  const id = fn.id as { name?: string } | null | undefined;
  if (id?.name !== undefined) return id.name;
  let found: string | undefined;
  walk(program, (node) => {
    if (found !== undefined) return;
    if (node.type === 'VariableDeclarator' && node.init === fn) found = (node.id as { name?: string }).name;
    else if (node.type === 'Property' && node.value === fn) found = (node.key as { name?: string }).name;
  });
  return found;
}
