/**
 * What an exploration saw of the names a rubric and an exercise rely on: the
 * routines that ran (findings name a routine by its function's name, which
 * the student chose) and the lock and field paths the driver touched. An
 * item filtered to a routine that never ran, or to a field nobody touched,
 * has no evidence: a race-free `ext.Count` proves nothing when the driver
 * counts in `ext.count`.
 */
import type { Execution, MachineEvent, MachineEventType, MachineObserver, Memory } from '../machine/index.js';
import { childPath } from '../machine/index.js';

/** The routines and paths to look out for. */
export interface CoverageWatch {
  readonly routines: readonly string[];
  readonly paths: readonly string[];
}

/** Those of a {@link CoverageWatch} seen in at least one schedule. */
export interface CoverageSeen {
  readonly routines: readonly string[];
  readonly paths: readonly string[];
}

/** Whether path filter `filter` covers `path`: `ext.Queue` covers `ext.Queue`, `ext.Queue.Count` and `ext.Queue[3]`. */
export function pathCovers(filter: string, path: string): boolean {
  return path === filter || path.startsWith(`${filter}.`) || path.startsWith(`${filter}[`);
}

/** Watches an exploration: routines as their frames start, paths in the memory each schedule leaves. */
export class CoverageTracker implements MachineObserver {
  readonly events: readonly MachineEventType[] = ['frame-enter'];
  private readonly routinesSeen = new Set<string>();
  private readonly pathsSeen = new Set<string>();
  private readonly watchedRoutines: ReadonlySet<string>;

  constructor(private readonly watch: CoverageWatch) {
    this.watchedRoutines = new Set(watch.routines);
  }

  handle(event: MachineEvent): void {
    if (event.type === 'frame-enter' && this.watchedRoutines.has(event.frame.routine)) this.routinesSeen.add(event.frame.routine);
  }

  /** A schedule of `x` ended: notes the watched paths its memory holds (an object there, or a field read or written under one). */
  afterSchedule(x: Execution): void {
    const unseen = this.watch.paths.filter((path) => !this.pathsSeen.has(path));
    if (unseen.length === 0) return;
    for (const path of touchedPaths(x.memory)) {
      for (const filter of unseen) if (pathCovers(filter, path)) this.pathsSeen.add(filter);
    }
  }

  /** What was seen so far, in the watch's order. */
  seen(): CoverageSeen {
    return {
      routines: this.watch.routines.filter((routine) => this.routinesSeen.has(routine)),
      paths: this.watch.paths.filter((path) => this.pathsSeen.has(path)),
    };
  }
}

/** The path of every object in `memory` and of every field of one that was read or written (a field is made on its first access). */
function* touchedPaths(memory: Memory): Generator<string> {
  for (let id = 1; id <= memory.count; id++) {
    const object = memory.get(id);
    if (object === undefined) continue;
    yield object.path;
    for (const key of object.fields.keys()) yield childPath(object.path, key);
  }
}
