/**
 * Expressions into CFG nodes, in evaluation order: each call is a node (its
 * arguments first), `?:`, `&&`, `||` and `??` branch, and an assignment
 * records what is stored where. Function bodies met inside are not run here:
 * each is a function of its own.
 */
import { childNodes, type AstNode } from '../../sandbox/ast-walk.js';
import type { Frontier } from './cfg.js';
import type { GraphBuilder } from './graph-builder.js';

const NOT_RUN = new Set(['FunctionExpression', 'ArrowFunctionExpression', 'ClassExpression']);

/** Both ways out of a condition. */
export interface TestExits {
  readonly whenTrue: Frontier;
  readonly whenFalse: Frontier;
}

/** `undefined`, as a declaration without an initializer stores it. */
export const UNDEFINED: AstNode = { type: 'Identifier', name: 'undefined', start: 0, end: 0 };

/** Emits `expr`'s calls and branches after `from`. */
export function emitExpression(b: GraphBuilder, expr: AstNode | null | undefined, from: Frontier): Frontier {
  if (expr === null || expr === undefined || NOT_RUN.has(expr.type)) return from;
  switch (expr.type) {
    case 'AwaitExpression':
    case 'ChainExpression':
    case 'SpreadElement':
      return emitExpression(b, (expr.argument ?? expr.expression) as AstNode, from);
    case 'CallExpression':
      return emitCall(b, expr, null, from);
    case 'ConditionalExpression': {
      const exits = emitTest(b, expr.test as AstNode, from, [expr.consequent as AstNode, expr.alternate as AstNode]);
      return [...emitExpression(b, expr.consequent as AstNode, exits.whenTrue), ...emitExpression(b, expr.alternate as AstNode, exits.whenFalse)];
    }
    case 'LogicalExpression': {
      const left = emitExpression(b, expr.left as AstNode, from);
      const right = expr.right as AstNode;
      if (expr.operator === '??') {
        const [taken, skipped] = [...b.add(left, { kind: 'branch', test: null, arms: [right, null] }, expr, 2)];
        return [...emitExpression(b, right, [taken!]), skipped!];
      }
      const and = expr.operator === '&&';
      const [whenTrue, whenFalse] = b.add(left, { kind: 'branch', test: expr.left as AstNode, arms: and ? [right, null] : [null, right] }, expr, 2);
      return and ? [...emitExpression(b, right, [whenTrue!]), whenFalse!] : [whenTrue!, ...emitExpression(b, right, [whenFalse!])];
    }
    case 'AssignmentExpression':
      if (expr.operator === '=') return emitAssignment(b, expr.left as AstNode, expr.right as AstNode, from);
      return b.add(emitExpression(b, expr.right as AstNode, from), { kind: 'assign', target: expr.left as AstNode, value: null }, expr);
    case 'UpdateExpression':
      return b.add(from, { kind: 'assign', target: expr.argument as AstNode, value: null }, expr);
    case 'YieldExpression':
      return b.add(from, { kind: 'undecidable', why: 'a generator' }, expr);
    default:
      return emitChildren(b, expr, from);
  }
}

/** Emits `target = value`: a call's result, each arm of a conditional, or a plain value. */
export function emitAssignment(b: GraphBuilder, target: AstNode, value: AstNode, from: Frontier): Frontier {
  let inner = value;
  while (inner.type === 'AwaitExpression') inner = inner.argument as AstNode;
  if (target.type !== 'Identifier' && target.type !== 'MemberExpression') {
    // A destructuring pattern: what each name gets is not followed.
    let after = emitExpression(b, value, from);
    for (const name of patternNames(target)) after = b.add(after, { kind: 'assign', target: name, value: null }, target);
    return after;
  }
  if (inner.type === 'CallExpression') return emitCall(b, inner, target, from);
  if (inner.type === 'ConditionalExpression') {
    const exits = emitTest(b, inner.test as AstNode, from, [inner.consequent as AstNode, inner.alternate as AstNode]);
    return [...emitAssignment(b, target, inner.consequent as AstNode, exits.whenTrue), ...emitAssignment(b, target, inner.alternate as AstNode, exits.whenFalse)];
  }
  const after = emitExpression(b, value, from);
  const plain = ['Identifier', 'Literal', 'MemberExpression', 'ThisExpression', 'NewExpression', 'ObjectExpression', 'ArrayExpression'].includes(inner.type);
  return b.add(after, { kind: 'assign', target, value: plain ? inner : null }, target);
}

/** Emits a condition: `&&`, `||` and `!` split into their parts; a constant decides alone. */
export function emitTest(b: GraphBuilder, test: AstNode, from: Frontier, arms: readonly [AstNode | null, AstNode | null]): TestExits {
  if (test.type === 'UnaryExpression' && test.operator === '!') {
    const inner = emitTest(b, test.argument as AstNode, from, [arms[1], arms[0]]);
    return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
  }
  if (test.type === 'LogicalExpression' && test.operator !== '??') {
    const left = emitTest(b, test.left as AstNode, from, arms);
    if (test.operator === '&&') {
      const right = emitTest(b, test.right as AstNode, left.whenTrue, arms);
      return { whenTrue: right.whenTrue, whenFalse: [...left.whenFalse, ...right.whenFalse] };
    }
    const right = emitTest(b, test.right as AstNode, left.whenFalse, arms);
    return { whenTrue: [...left.whenTrue, ...right.whenTrue], whenFalse: right.whenFalse };
  }
  if (test.type === 'Literal') return test.value ? { whenTrue: from, whenFalse: [] } : { whenTrue: [], whenFalse: from };
  const evaluated = emitExpression(b, test, from);
  const [whenTrue, whenFalse] = b.add(evaluated, { kind: 'branch', test, arms }, test, 2);
  return { whenTrue: [whenTrue!], whenFalse: [whenFalse!] };
}

/** Emits a call (callee object and arguments first); `result` is where its value goes. */
function emitCall(b: GraphBuilder, call: AstNode, result: AstNode | null, from: Frontier): Frontier {
  const callee = call.callee as AstNode;
  let after = callee.type === 'MemberExpression' ? emitExpression(b, callee.object as AstNode, from) : emitExpression(b, callee, from);
  for (const argument of call.arguments as AstNode[]) after = emitExpression(b, argument, after);
  return b.add(after, { kind: 'call', call, result }, call);
}

/** Emits every child expression of `node` in source order. */
function emitChildren(b: GraphBuilder, node: AstNode, from: Frontier): Frontier {
  let after = from;
  for (const child of childNodes(node)) after = emitExpression(b, child, after);
  return after;
}

/** The identifiers a destructuring pattern binds. */
export function patternNames(pattern: AstNode): AstNode[] {
  if (pattern.type === 'Identifier') return [pattern];
  const names: AstNode[] = [];
  const visit = (node: AstNode): void => {
    if (node.type === 'Identifier') names.push(node);
    else if (node.type === 'Property') visit(node.value as AstNode);
    else if (node.type === 'ArrayPattern') for (const element of node.elements as Array<AstNode | null>) element !== null && visit(element);
    else if (node.type === 'ObjectPattern') for (const property of node.properties as AstNode[]) visit(property);
    else if (node.type === 'RestElement') visit(node.argument as AstNode);
    else if (node.type === 'AssignmentPattern') visit(node.left as AstNode);
  };
  visit(pattern);
  return names;
}
