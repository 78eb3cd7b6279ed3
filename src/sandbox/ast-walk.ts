/** A minimal walk over an ESTree syntax tree (acorn's), for the static scans of student code. */

/** An ESTree node as the scans see it. */
export interface AstNode {
  readonly type: string;
  readonly start: number;
  readonly loc?: { start: { line: number; column: number }; end: { line: number; column: number } };
  readonly [key: string]: unknown;
}

/** Calls `visit` on `node` and every node below it, parents first. */
export function walk(node: AstNode, visit: (node: AstNode) => void): void {
  visit(node);
  for (const child of childNodes(node)) walk(child, visit);
}

/** The syntax nodes directly below `node`, in source order (for walks that choose where to descend). */
export function childNodes(node: AstNode): AstNode[] {
  const children: AstNode[] = [];
  for (const key of Object.keys(node)) {
    if (key === 'loc') continue;
    const value = node[key];
    if (Array.isArray(value)) children.push(...value.filter(isNode));
    else if (isNode(value)) children.push(value);
  }
  return children;
}

/** Whether `value` is a syntax-tree node (an object with a string `type`). */
export function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
