/** Every schedule's choices, kept compactly so any of them can be turned into a schedule code later. */
import type { RunOutcome } from './execution-runner.js';
import { encodeSchedule } from './schedule-code.js';

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
    const entry = this.entries[index];
    return entry === undefined ? undefined : encodeSchedule(entry.seed, entry.digest, Array.from(entry.choices), Array.from(entry.radices));
  }
}
