/**
 * Syntax a driver may not use even though it compiles: a dynamic `import()`
 * (the only way a script in a `vm` context can ask the host for a module,
 * and the route by which a host-realm error once reached student code) and
 * `import.meta`. Found in the bundle itself, so nothing the compiler let
 * through is missed.
 */
import { parse } from 'acorn';
import { walk, type AstNode } from './ast-walk.js';

/** A forbidden construct at a 1-based line and column of the bundle. */
export interface ForbiddenUse {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Every forbidden construct in bundle `code` (a script). */
export function findForbiddenSyntax(code: string): ForbiddenUse[] {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'script', locations: true, allowAwaitOutsideFunction: false }) as unknown as AstNode;
  const found: ForbiddenUse[] = [];
  walk(program, (node) => {
    const at = node.loc!.start;
    if (node.type === 'ImportExpression') {
      found.push({ line: at.line, column: at.column + 1, message: "import() is not allowed: a driver imports only 'spinlab/kernel' and its own files, with static imports" });
    } else if (node.type === 'MetaProperty' && (node.meta as { name?: string }).name === 'import') {
      found.push({ line: at.line, column: at.column + 1, message: 'import.meta is not available to a driver' });
    }
  });
  return found;
}
