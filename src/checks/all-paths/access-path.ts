/**
 * Access paths: the syntactic name of a lock, a handle or a saved IRQL
 * (`ext.Lock`, `this.handle`), as the all-paths rule compares them. Two
 * expressions name the same thing only if their paths are equal; anything
 * else (a computed index, a call) has no path, and the rule says nothing
 * about it.
 */
import { childNodes, type AstNode } from '../../sandbox/ast-walk.js';

/** Resolves an identifier to its current path (an alias, a parameter, a variable's version). */
export type ResolveName = (name: string) => string | null;

/** The path of `expr` (TypeScript wrappers already stripped by esbuild), or null when it has none. */
export function accessPath(expr: AstNode, resolve: ResolveName): string | null {
  switch (expr.type) {
    case 'Identifier':
      return resolve(expr.name as string);
    case 'ThisExpression':
      return '$this';
    case 'ChainExpression':
      return accessPath(expr.expression as AstNode, resolve);
    case 'AwaitExpression':
      return null;
    case 'MemberExpression': {
      const object = accessPath(expr.object as AstNode, resolve);
      if (object === null) return null;
      const property = expr.property as AstNode;
      if (expr.computed !== true) return `${object}.${property.name as string}`;
      if (property.type === 'Literal') return `${object}[${JSON.stringify(property.value)}]`;
      return null;
    }
    default:
      return null;
  }
}

/** The names a condition reads (identifiers and member chains, as written), for telling correlated conditions apart. */
export function readAtoms(expr: AstNode, source: string): string[] {
  const atoms: string[] = [];
  const visit = (node: AstNode): void => {
    if (node.type === 'Identifier' || node.type === 'MemberExpression' || node.type === 'ThisExpression') {
      // The whole chain is the atom (`ext.A` and `ext.B` are apart); only what computes a part of it is read besides.
      atoms.push(textOf(node, source));
      if (node.type === 'MemberExpression' && !isChain(node.object as AstNode)) visit(node.object as AstNode);
      if (node.type === 'MemberExpression' && node.computed === true) visit(node.property as AstNode);
      return;
    }
    for (const child of childNodes(node)) visit(child);
  };
  visit(expr);
  return atoms;
}

/** Whether `node` is a plain chain of names (`ext.Queue.Count`, `this.x`). */
function isChain(node: AstNode): boolean {
  if (node.type === 'Identifier' || node.type === 'ThisExpression') return true;
  return node.type === 'MemberExpression' && isChain(node.object as AstNode) && (node.computed !== true || (node.property as AstNode).type === 'Literal');
}

/** Whether two atoms may name overlapping state (one is the other or a part of it). */
export function atomsOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`) || a.startsWith(`${b}[`) || b.startsWith(`${a}[`);
}

/** The source text of `node`. */
export function textOf(node: AstNode, source: string): string {
  return source.slice(node.start, node.end as number);
}

