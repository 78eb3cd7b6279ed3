/** One path's state as the all-paths walk carries it: the locks held, what variables hold, and the branches decided. */
import type { AstNode } from '../../sandbox/ast-walk.js';
import { childNodes } from '../../sandbox/ast-walk.js';
import type { LockFamily } from './lock-routines.js';

/** A lock the path holds (or the IRQL it raised). */
export interface Held {
  /** What pairs it: the lock's path, or the queue handle's, or `irql#<node>`. */
  readonly key: string;
  readonly family: LockFamily;
  /** The lock as the student wrote it (`ext.Lock`). */
  readonly lock: string;
  /** The acquisition whose saved IRQL the release must restore (the acquiring node), or null. */
  readonly token: number | null;
  /** The node that acquired it (a kernel call or a helper's). */
  readonly site: number;
  readonly line: number;
  /** Its saved IRQL or handle left the function (stored in a field, returned): another routine may release it. */
  readonly escaped: boolean;
}

/** What a variable or field holds, as far as the walk knows. */
export type Value =
  | { readonly kind: 'const'; readonly value: unknown }
  | { readonly kind: 'token'; readonly id: number }
  | { readonly kind: 'alias'; readonly path: string }
  /** A value the walk does not follow; `version` tells two assignments apart (`new…`: a fresh object, aliasing nothing). */
  | { readonly kind: 'unknown'; readonly version: number | string };

/** A branch decided on the path. */
export interface Decision {
  /** The condition's text, `!`/`!==` folded into the value. */
  readonly text: string;
  readonly value: boolean;
  /** What the condition reads. */
  readonly atoms: readonly string[];
  /** What its arms write (a flag set beside a lock call). */
  readonly writes: readonly string[];
  /** Where its arms are in the source. */
  readonly span: readonly [number, number];
  /** An arm takes or drops a lock (a lock call, a helper that does, an unknown call). */
  readonly decisive: boolean;
  /** For `left === right`: its sides (a switch's cases compare one value with several). */
  readonly equality?: { readonly left: string; readonly right: string };
  /** Nothing it reads was written since: the same condition decides the same way. */
  readonly fresh: boolean;
}

/** One path's state. */
export interface PathState {
  readonly node: number;
  readonly held: readonly Held[];
  readonly env: ReadonlyMap<string, Value>;
  readonly decisions: readonly Decision[];
  /** A correlated condition may make this path impossible: nothing found on it is reported. */
  readonly doubtful: boolean;
  /** A call the rule cannot follow may have taken or dropped a lock: nothing after it is reported. */
  readonly opaque: boolean;
  /** Locks this function took and released on the path (a second release is a double release). */
  readonly released: readonly string[];
  /** Lines worth showing: each branch, lock call and the exit. */
  readonly lines: readonly number[];
}

/** Distinguishes states that may lead to different findings (the lines a path took do not). */
export function stateKey(state: PathState): string {
  const held = state.held.map((h) => `${h.key}/${h.family.name}/${h.token}/${h.escaped}`).join(',');
  const env = [...state.env].map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',');
  const decisions = state.decisions.map((d) => `${d.text}:${d.value}:${d.fresh}:${d.decisive}:${d.span.join('-')}`).join(',');
  return `${state.node}|${held}|${env}|${decisions}|${state.doubtful}|${state.opaque}|${state.released.join(',')}`;
}

/** `lines` with `line` appended, unless it is the last already. */
export function withLine(lines: readonly number[], line: number): readonly number[] {
  return lines[lines.length - 1] === line ? lines : [...lines, line];
}

/**
 * Whether two keys cannot name the same lock or handle: two fresh objects
 * (`new KLOCK_QUEUE_HANDLE()` each), or two fields of one object.
 */
export function distinct(a: string, b: string): boolean {
  if (/#new\d+$/.test(a) && /#new\d+$/.test(b)) return a !== b;
  const parent = (key: string) => key.slice(0, Math.max(key.lastIndexOf('.'), 0));
  return parent(a) !== '' && parent(a) === parent(b) && a !== b;
}

/** `list` with `items` added, each once, in order (so a loop's states repeat). */
export function addAll(list: readonly string[], items: readonly string[]): readonly string[] {
  return [...new Set([...list, ...items])].sort();
}

/** The acquiring sites this path took and released. */
export function siteReleases(state: PathState): number[] {
  return state.released.filter((k) => k.startsWith('site:')).map((k) => Number(k.slice(5)));
}

/** The saved IRQLs an expression hands out (the return value `irql`, `{ irql }`, `[irql, x]`). */
export function tokensIn(expr: AstNode, lookup: (expr: AstNode) => Value | undefined): Set<number> {
  const found = new Set<number>();
  const visit = (node: AstNode): void => {
    const value = node.type === 'Identifier' || node.type === 'MemberExpression' ? lookup(node) : undefined;
    if (value?.kind === 'token') found.add(value.id);
    for (const child of childNodes(node)) visit(child);
  };
  visit(expr);
  return found;
}

