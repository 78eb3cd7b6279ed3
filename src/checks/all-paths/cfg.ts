/** A routine's control-flow graph, as the all-paths rule walks it: one node per call, assignment, branch or exit. */
import type { AstNode } from '../../sandbox/ast-walk.js';

/** What a node does. Calls are classified when walked (a kernel routine, a student function, unknown). */
export type CfgOp =
  | { readonly kind: 'nop' }
  /** A call; `result` is where its value is stored (`const irql = await KeAcquireSpinLock(…)`), if anywhere. */
  | { readonly kind: 'call'; readonly call: AstNode; readonly result: AstNode | null }
  /** `target = value`; a null value is one the rule does not follow. */
  | { readonly kind: 'assign'; readonly target: AstNode; readonly value: AstNode | null }
  /**
   * A two-way branch: `next[0]` when `test` holds, `next[1]` when not. A null
   * test is a loop over a collection (`for … of`): either way, uncorrelated
   * with anything. `arms` are the syntax each way leads into, for telling
   * whether a branch decides a lock operation.
   */
  | { readonly kind: 'branch'; readonly test: AstNode | null; readonly arms: readonly [AstNode | null, AstNode | null] }
  | { readonly kind: 'return'; readonly value: AstNode | null }
  /** The function ends by an exception (no finding: the thrown error is its own). */
  | { readonly kind: 'throw' }
  /** Something the rule cannot follow (`yield`, a try-acquire): the function is left undecided. */
  | { readonly kind: 'undecidable'; readonly why: string }
  | { readonly kind: 'exit' };

/** One node. */
export interface CfgNode {
  readonly id: number;
  readonly op: CfgOp;
  /** The student's TypeScript line. */
  readonly line: number;
  /** Successors (a branch: [when true, when false]). */
  readonly next: number[];
}

/** A function's graph: node 0 is its entry. */
export interface Cfg {
  readonly nodes: readonly CfgNode[];
  /** The single exit node every return and the end of the body lead to. */
  readonly exit: number;
}

/** Open edges: a node, and which of its successor slots still points nowhere. */
export type Frontier = ReadonlyArray<readonly [node: number, slot: number]>;
