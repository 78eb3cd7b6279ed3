/** Every schedule's choices, kept compactly so any of them can be turned into a schedule code later. */
import type { RunOutcome } from './execution-runner.js';
import { encodeSchedule } from './schedule-code.js';

/** One logged schedule: what a schedule code is made of. */
export interface LoggedSchedule {
  readonly seed: number;
  readonly digest: number;
  readonly choices: readonly number[];
  readonly radices: readonly number[];
}

interface Entry {
  readonly seed: number;
  readonly digest: number;
  readonly choices: Uint8Array | Uint16Array;
  readonly radices: Uint8Array | Uint16Array;
}

/** The schedules of one exploration. */
export class ScheduleLog {
  private readonly entries: Array<Entry | undefined> = [];

  /** Keeps schedule `index`'s choices. */
  record(index: number, outcome: RunOutcome): void {
    const wide = outcome.radices.some((r) => r > 255);
    const make = (values: readonly number[]): Uint8Array | Uint16Array => (wide ? Uint16Array.from(values) : Uint8Array.from(values));
    this.entries[index] = { seed: outcome.seed, digest: outcome.digest, choices: make(outcome.choices), radices: make(outcome.radices) };
  }

  /** The schedule code of schedule `index`, if it ran. */
  code(index: number): string | undefined {
    const entry = this.entry(index);
    return entry === undefined ? undefined : encodeSchedule(entry.seed, entry.digest, entry.choices, entry.radices);
  }

  /** Schedule `index`'s seed, digest and choices, if it ran. */
  entry(index: number): LoggedSchedule | undefined {
    const entry = this.entries[index];
    return entry === undefined ? undefined : { seed: entry.seed, digest: entry.digest, choices: Array.from(entry.choices), radices: Array.from(entry.radices) };
  }
}
