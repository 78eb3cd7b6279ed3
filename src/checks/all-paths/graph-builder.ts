/** The mutable graph a function's CFG is built into, and the jump targets in scope while building it. */
import type { AstNode } from '../../sandbox/ast-walk.js';
import type { CfgNode, CfgOp, Frontier } from './cfg.js';

/** Where `break`, `continue`, `throw` and `return` may lead while a statement is built. */
export type JumpScope =
  | { readonly kind: 'loop'; readonly labels: readonly string[]; readonly breaks: Array<readonly [number, number]>; readonly continues: Array<readonly [number, number]> }
  | { readonly kind: 'switch' | 'block'; readonly labels: readonly string[]; readonly breaks: Array<readonly [number, number]> }
  /** A `try` with a `finally`: every jump out of it runs the finalizer first. */
  | { readonly kind: 'finally'; readonly finalizer: AstNode }
  /** A `try` with a `catch`: an explicit `throw` inside it lands there. */
  | { readonly kind: 'catch'; readonly throws: Array<readonly [number, number]> };

/** Builds one function's nodes. */
export class GraphBuilder {
  readonly nodes: CfgNode[] = [];
  /** The scopes jumps may target, innermost last. */
  scopes: JumpScope[] = [];

  /** `line` maps an acorn node to the student's TypeScript line. */
  constructor(readonly lineOf: (node: AstNode) => number) {}

  /** Adds a node after `from` (every open edge), returning the frontier after it (one edge per successor slot). */
  add(from: Frontier, op: CfgOp, at: AstNode | number, slots = 1): Frontier {
    const id = this.nodes.length;
    this.nodes.push({ id, op, line: typeof at === 'number' ? at : this.lineOf(at), next: new Array<number>(slots).fill(-1) });
    this.connect(from, id);
    return Array.from({ length: slots }, (_, slot) => [id, slot] as const);
  }

  /** Points every open edge of `from` at node `to`. */
  connect(from: Frontier, to: number): void {
    for (const [node, slot] of from) this.nodes[node]!.next[slot] = to;
  }

  /** A pass-through node (a join, a loop head), to point edges at. */
  join(from: Frontier, line: number): number {
    const [[id]] = this.add(from, { kind: 'nop' }, line) as [[number, number]];
    return id;
  }

  /** Runs `build` with the jump scopes cut back to the first `depth` (for a finalizer, which runs outside its own try). */
  within<T>(depth: number, build: () => T): T {
    const saved = this.scopes;
    this.scopes = saved.slice(0, depth);
    try {
      return build();
    } finally {
      this.scopes = saved;
    }
  }
}
