/**
 * The schedules a bounded search still owes, kept compactly: each is a node
 * of a tree of choices (its parent is the schedule prefix it extends), in
 * typed arrays, so a pending schedule costs 8 bytes.
 */

/** The empty prefix. */
export const ROOT = -1;

/** A tree of choice prefixes. */
export class PrefixTree {
  private parents = new Int32Array(1024);
  private choices = new Uint16Array(1024);
  private radices = new Uint16Array(1024);
  private size = 0;

  /** The node for `parent`'s prefix followed by option `choice` of `radix` (at most 65 535 options). */
  add(parent: number, choice: number, radix: number): number {
    if (radix > 0xffff) throw new Error(`a bounded search cannot branch ${radix} ways at one decision`);
    if (this.size === this.parents.length) this.grow();
    const node = this.size++;
    this.parents[node] = parent;
    this.choices[node] = choice;
    this.radices[node] = radix;
    return node;
  }

  /** The choices from the root to `node`, and the number of options at each. */
  path(node: number): { choices: number[]; radices: number[] } {
    const choices: number[] = [];
    const radices: number[] = [];
    for (let at = node; at !== ROOT; at = this.parents[at]!) {
      choices.push(this.choices[at]!);
      radices.push(this.radices[at]!);
    }
    return { choices: choices.reverse(), radices: radices.reverse() };
  }

  private grow(): void {
    const length = this.parents.length * 2;
    const parents = new Int32Array(length);
    const choices = new Uint16Array(length);
    const radices = new Uint16Array(length);
    parents.set(this.parents);
    choices.set(this.choices);
    radices.set(this.radices);
    this.parents = parents;
    this.choices = choices;
    this.radices = radices;
  }
}
