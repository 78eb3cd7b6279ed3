/**
 * Conditions on a path: what a branch's test reads, whether the values the
 * walk knows decide it, and whether it is correlated with one decided
 * before (then a path taking both ways may be impossible).
 */
import type { AstNode } from '../../sandbox/ast-walk.js';
import { atomsOverlap, isNode, readAtoms, textOf } from './access-path.js';
import type { Decision, Value } from './path-state.js';

/** A test folded to a condition and a polarity (`a !== b` is `a === b`, false). */
export function foldTest(test: AstNode, source: string): { text: string; polarity: boolean } {
  if (test.type === 'BinaryExpression' && (test.operator === '!==' || test.operator === '!=')) {
    return { text: `${textOf(test.left as AstNode, source)} ${test.operator === '!==' ? '===' : '=='} ${textOf(test.right as AstNode, source)}`, polarity: false };
  }
  return { text: textOf(test, source), polarity: true };
}

/** The test's value from what the walk knows (`lookup` gives a variable's or field's value), or undefined. */
export function evaluateTest(test: AstNode, lookup: (expr: AstNode) => Value | undefined): boolean | undefined {
  const valueOf = (expr: AstNode): { known: true; value: unknown } | { known: false; notNullish: boolean } => {
    if (expr.type === 'Literal') return { known: true, value: expr.value };
    if (expr.type === 'Identifier' && expr.name === 'undefined') return { known: true, value: undefined };
    const found = lookup(expr);
    if (found?.kind === 'const') return { known: true, value: found.value };
    // A saved IRQL is a number: never null or undefined, though it may be 0.
    return { known: false, notNullish: found?.kind === 'token' };
  };
  if (test.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(test.operator as string)) {
    const left = valueOf(test.left as AstNode);
    const right = valueOf(test.right as AstNode);
    const negate = test.operator === '!==' || test.operator === '!=';
    const loose = test.operator === '==' || test.operator === '!=';
    let equal: boolean | undefined;
    if (left.known && right.known) equal = loose ? left.value == right.value : left.value === right.value;
    else if (left.known && !right.known && right.notNullish && left.value == null) equal = false;
    else if (right.known && !left.known && left.notNullish && right.value == null) equal = false;
    return equal === undefined ? undefined : equal !== negate;
  }
  const value = valueOf(test);
  return value.known ? Boolean(value.value) : undefined;
}

/** The names an arm writes (assignments, updates, declarations), outside nested functions. */
export function armWrites(arm: AstNode | null, source: string): string[] {
  const names: string[] = [];
  const visit = (node: AstNode): void => {
    if (node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'FunctionDeclaration') return;
    if (node.type === 'AssignmentExpression') names.push(textOf(node.left as AstNode, source));
    if (node.type === 'UpdateExpression') names.push(textOf(node.argument as AstNode, source));
    if (node.type === 'VariableDeclarator') names.push(textOf(node.id as AstNode, source));
    for (const key of Object.keys(node)) {
      if (key === 'loc') continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) visit(child);
      } else if (isNode(value)) visit(value);
    }
  };
  if (arm !== null) visit(arm);
  return names;
}

/** The atoms a decision on `test` (with `arms`) is known by. */
export function decisionAtoms(test: AstNode | null, arms: readonly [AstNode | null, AstNode | null], source: string, node: number): string[] {
  const read = test === null ? [`$iteration#${node}`] : readAtoms(test, source);
  return [...new Set([...read, ...armWrites(arms[0], source), ...armWrites(arms[1], source)])];
}

/** Whether a new decision is correlated with an earlier one on the path in a way that may decide a lock operation. */
export function correlated(atoms: readonly string[], decisive: boolean, earlier: readonly Decision[]): boolean {
  return earlier.some((d) => (decisive || d.decisive) && d.atoms.some((a) => atoms.some((b) => atomsOverlap(a, b))));
}

/** Decisions after `written` was assigned: those reading it are no longer fresh. */
export function staleAfterWrite(decisions: readonly Decision[], written: string): Decision[] {
  return decisions.map((d) => (d.fresh && d.atoms.some((a) => atomsOverlap(a, written)) ? { ...d, fresh: false } : d));
}

/** Decisions after a call: those reading a field may see another value (the call, or another CPU, may write it). */
export function staleAfterCall(decisions: readonly Decision[]): Decision[] {
  return decisions.map((d) => (d.fresh && d.atoms.some((a) => a.includes('.') || a.includes('['))) ? { ...d, fresh: false } : d);
}
