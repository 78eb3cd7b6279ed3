/**
 * A set of field paths (`ext.Queue`, `ext.Count`) that answers whether a
 * field is one of them or inside one (`ext.Queue.Flink`, `ext.Queue[3]`) in
 * one pass over the field, whatever the number of paths: a trie walked one
 * UTF-16 unit at a time. A node keeps its first child inline and only the
 * rest in a map, so a long path costs two array slots a character. The
 * timeline asks it of every line of a trace.
 */

const DOT = '.'.charCodeAt(0);
const BRACKET = '['.charCodeAt(0);
const NONE = -1;

/** Paths, for {@link PathSet.covers}. Node 0 is the root. */
export class PathSet {
  /** Each node's first child: its unit and its node (NONE: a leaf). */
  private readonly firstUnit: number[] = [NONE];
  private readonly firstChild: number[] = [NONE];
  /** A node's other children, by unit. */
  private readonly others = new Map<number, Map<number, number>>();
  /** Nodes where a path ends. */
  private readonly ends = new Set<number>();

  constructor(paths: Iterable<string>) {
    for (const path of paths) {
      let node = 0;
      for (let i = 0; i < path.length; i++) node = this.child(node, path.charCodeAt(i)) ?? this.add(node, path.charCodeAt(i));
      this.ends.add(node);
    }
  }

  /** Whether `field` is one of the paths or inside one: the path, then `.` or `[`, or nothing. */
  covers(field: string): boolean {
    let node = 0;
    for (let i = 0; i < field.length; i++) {
      const unit = field.charCodeAt(i);
      if ((unit === DOT || unit === BRACKET) && this.ends.has(node)) return true;
      const next = this.child(node, unit);
      if (next === undefined) return false;
      node = next;
    }
    return this.ends.has(node);
  }

  private child(node: number, unit: number): number | undefined {
    return this.firstUnit[node] === unit ? this.firstChild[node] : this.others.get(node)?.get(unit);
  }

  private add(node: number, unit: number): number {
    const child = this.firstUnit.length;
    this.firstUnit.push(NONE);
    this.firstChild.push(NONE);
    if (this.firstUnit[node] === NONE) {
      this.firstUnit[node] = unit;
      this.firstChild[node] = child;
    } else {
      let more = this.others.get(node);
      if (more === undefined) this.others.set(node, (more = new Map()));
      more.set(unit, child);
    }
    return child;
  }
}
