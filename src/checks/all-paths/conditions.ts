/**
 * Conditions on a path: what a branch's test reads, whether the values the
 * walk knows decide it, and whether it is correlated with one decided
 * before (then a path taking both ways may be impossible).
 */
import { childNodes, type AstNode } from '../../sandbox/ast-walk.js';
import { atomsOverlap, readAtoms, textOf } from './access-path.js';
import { lockRoutine, UNFOLLOWED_ROUTINES } from './lock-routines.js';
import type { Decision, Value } from './path-state.js';
import type { WalkContext } from './path-walk.js';
import type { StudentFunction } from './program-index.js';

/** A test folded to a condition and a polarity (`a !== b` is `a === b`, false); an equality keeps its sides. */
export function foldTest(test: AstNode, source: string): { text: string; polarity: boolean; equality?: { left: string; right: string } } {
  if (test.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(test.operator as string)) {
    const left = textOf(test.left as AstNode, source);
    const right = textOf(test.right as AstNode, source);
    const strict = test.operator === '===' || test.operator === '!==';
    return { text: `${left} ${strict ? '===' : '=='} ${right}`, polarity: test.operator === '===' || test.operator === '==', equality: { left, right } };
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
    // A let or const declared in an arm is a new binding, out of scope after it: only `var` outlives the arm.
    if (node.type === 'VariableDeclaration' && node.kind === 'var') for (const d of node.declarations as AstNode[]) names.push(textOf(d.id as AstNode, source));
    for (const child of childNodes(node)) visit(child);
  };
  if (arm !== null) visit(arm);
  return names;
}

/** What a decision on `test` (with `arms`) reads, what its arms write, and the source span of its arms. */
export function decisionAtoms(test: AstNode | null, arms: readonly [AstNode | null, AstNode | null], source: string, node: number): Pick<Decision, 'atoms' | 'writes' | 'span'> {
  const atoms = test === null ? [`$iteration#${node}`] : readAtoms(test, source);
  const writes = [...new Set([...armWrites(arms[0], source), ...armWrites(arms[1], source)])];
  const present = arms.filter((arm): arm is AstNode => arm !== null);
  const span: readonly [number, number] = present.length === 0 ? [0, 0] : [Math.min(...present.map((a) => a.start)), Math.max(...present.map((a) => a.end as number))];
  return { atoms, writes, span };
}

/**
 * Whether a new decision (at source offset `at`) is correlated with an
 * earlier one on the path in a way that may decide a lock operation. Inside
 * the earlier decision's arm, what that arm writes later is no flag of it.
 */
export function correlated(next: Pick<Decision, 'atoms' | 'writes' | 'decisive' | 'equality'>, at: number, earlier: readonly Decision[]): boolean {
  const mine = [...next.atoms, ...next.writes];
  return earlier.some((d) => {
    if (!(next.decisive || d.decisive) || nextCase(d, next.equality)) return false;
    const theirs = at >= d.span[0] && at < d.span[1] ? d.atoms : [...d.atoms, ...d.writes];
    return theirs.some((a) => mine.some((b) => atomsOverlap(a, b)));
  });
}

/**
 * `x === B` after `x === A` was found false (a switch's next case, an
 * else-if on the same code): every outcome of the second is possible, so
 * the two are not correlated.
 */
function nextCase(earlier: Decision, equality: { left: string; right: string } | undefined): boolean {
  return equality !== undefined && earlier.equality !== undefined && !earlier.value && earlier.equality.left === equality.left && earlier.equality.right !== equality.right;
}

/** Decisions after `written` was assigned: those reading it are no longer fresh. */
export function staleAfterWrite(decisions: readonly Decision[], written: string): Decision[] {
  return decisions.map((d) => (d.fresh && d.atoms.some((a) => atomsOverlap(a, written)) ? { ...d, fresh: false } : d));
}

/** Decisions after a call: those reading a field may see another value (the call, or another CPU, may write it). */
export function staleAfterCall(decisions: readonly Decision[]): Decision[] {
  return decisions.map((d) => (d.fresh && d.atoms.some((a) => a.includes('.') || a.includes('['))) ? { ...d, fresh: false } : d);
}

/**
 * Whether an arm may take or drop a lock: a lock call, a helper that does,
 * an unknown call. An arm that only exits is not one: a path correlated
 * with it reaches its exit with the same locks (at worst the exit is dead
 * code that returns holding a lock).
 */
export function armDecides(arm: AstNode, fn: StudentFunction, ctx: WalkContext): boolean {
  let decides = false;
  const visit = (node: AstNode): void => {
    if (decides || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'FunctionDeclaration') return;
    if (node.type === 'CallExpression') {
      const target = ctx.index.resolveCall(fn.module, node, fn);
      if (target.kind === 'kernel' && (lockRoutine(target.routine) !== undefined || UNFOLLOWED_ROUTINES.has(target.routine))) decides = true;
      if (target.kind === 'student' && ctx.summaryOf(target.fn).kind !== 'neutral') decides = true;
      if (target.kind === 'unknown' && ctx.unknownCallMayLock(node)) decides = true;
    }
    for (const child of childNodes(node)) visit(child);
  };
  visit(arm);
  return decides;
}
