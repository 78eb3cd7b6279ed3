/**
 * The statements of the student's functions in a bundle, for line coverage
 * (line-coverage.ts): every statement in statement position — an item of a
 * block or a `case`, the body of an `if`, a loop or a label — whose nearest
 * enclosing function is the student's. Declarations of functions and
 * classes, empty statements, directives and blocks are not statements here
 * (a block's statements are); nor is a label's body (the labelled statement
 * stands for it, so a `continue label` keeps its loop). Code outside any
 * function of the student's (module top level, which runs once at load) has
 * none.
 */
import { isNode, type AstNode as Node } from './ast-walk.js';

/** One statement the walk found. */
export interface WalkedStatement {
  readonly node: Node;
  /** `list`: an item of a statement list (a mark can go before it); `single`: the lone body of an if, a loop (a mark needs braces around it). */
  readonly position: 'list' | 'single';
  /** Nesting depth in the tree (orders insertions at one offset). */
  readonly depth: number;
  /** The function it runs in. */
  readonly fn: Node;
  /** The nearest enclosing function that has a name, with the node naming it (null for none). */
  readonly named: { readonly fn: Node; readonly name: Node } | null;
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
const NOT_STATEMENTS = new Set(['FunctionDeclaration', 'ClassDeclaration', 'EmptyStatement', 'BlockStatement', 'StaticBlock']);
const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

/**
 * Calls `found` on every statement of the functions `isStudent` accepts in
 * `program`, in the order of their starts.
 */
export function walkStatements(program: Node, isStudent: (fn: Node) => boolean, found: (statement: WalkedStatement) => void): void {
  interface Scope {
    readonly fn: Node | null;
    readonly student: boolean;
    readonly named: WalkedStatement['named'];
  }
  const visit = (node: Node, parent: Node | null, key: string, depth: number, scope: Scope): void => {
    let inner = scope;
    if (FUNCTIONS.has(node.type)) {
      const name = parent === null ? null : nameOf(node, parent, key);
      inner = { fn: node, student: isStudent(node), named: name === null ? scope.named : { fn: node, name } };
    }
    const position = parent === null ? null : positionOf(parent, key);
    if (position !== null && scope.student && scope.fn !== null && isStatement(node, parent!)) {
      found({ node, position, depth, fn: scope.fn, named: scope.named });
    }
    for (const childKey of Object.keys(node)) {
      if (childKey === 'loc') continue;
      const value = node[childKey];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) visit(child, node, childKey, depth + 1, inner);
      } else if (isNode(value)) visit(value, node, childKey, depth + 1, inner);
    }
  };
  visit(program, null, '', 0, { fn: null, student: false, named: null });
}

/** Whether a child under `key` of `parent` is in statement position, and which. */
function positionOf(parent: Node, key: string): WalkedStatement['position'] | null {
  if (key === 'body' && (parent.type === 'BlockStatement' || parent.type === 'Program' || parent.type === 'StaticBlock')) return 'list';
  if (key === 'consequent' && parent.type === 'SwitchCase') return 'list';
  if ((key === 'consequent' || key === 'alternate') && parent.type === 'IfStatement') return 'single';
  if (key === 'body' && LOOPS.has(parent.type)) return 'single';
  return null;
}

function isStatement(node: Node, parent: Node): boolean {
  if (NOT_STATEMENTS.has(node.type) || parent.type === 'LabeledStatement') return false;
  return typeof node.directive !== 'string';
}

/** The node that names function `fn` (its own name, or what it is assigned to), or null when it has none. */
function nameOf(fn: Node, parent: Node, key: string): Node | null {
  const id = fn.id as Node | null | undefined;
  if (isNode(id)) return id;
  const named = (node: unknown): Node | null => (isNode(node) && node.type === 'Identifier' ? node : null);
  switch (parent.type) {
    case 'VariableDeclarator':
      return key === 'init' ? named(parent.id) : null;
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return key === 'value' && parent.computed !== true ? named(parent.key) : null;
    case 'AssignmentExpression': {
      const left = parent.left as Node;
      if (key !== 'right') return null;
      if (left.type === 'MemberExpression') return left.computed === true ? null : named(left.property);
      return named(left);
    }
    default:
      return null;
  }
}
