/** Every schedule's choices, kept compactly so any of them can be turned into a schedule code later. */
import type { RunOutcome } from './execution-runner.js';
import type { FaultTarget } from './fault-plan.js';
import { encodeSchedule } from './schedule-code.js';

/** One logged schedule: what a schedule code is made of. */
export interface LoggedSchedule {
  readonly seed: number;
  readonly digest: number;
  /** The scheduling choices (a fault run's fault decisions left out: followers decide those by {@link fault}). */
  readonly choices: readonly number[];
  readonly radices: readonly number[];
  /** The call a fault run failed, or null for the strategy's own runs. */
  readonly fault: FaultTarget | null;
}

interface Entry {
  readonly seed: number;
  readonly digest: number;
  /** Every choice, fault decisions included (what the code holds). */
  readonly choices: Uint8Array | Uint16Array;
  readonly radices: Uint8Array | Uint16Array;
  /** Positions of the fault decisions in `choices`. */
  readonly faultChoices: readonly number[];
  readonly faults: boolean;
  readonly fault: FaultTarget | null;
}

/** The schedules of one exploration. */
export class ScheduleLog {
  private readonly entries: Array<Entry | undefined> = [];

  /** Keeps schedule `index`'s choices (`fault`: the call a fault run failed). */
  record(index: number, outcome: RunOutcome, fault: FaultTarget | null = null): void {
    const wide = outcome.radices.some((r) => r > 255);
    const make = (values: readonly number[]): Uint8Array | Uint16Array => (wide ? Uint16Array.from(values) : Uint8Array.from(values));
    this.entries[index] = {
      seed: outcome.seed,
      digest: outcome.digest,
      choices: make(outcome.choices),
      radices: make(outcome.radices),
      faultChoices: outcome.faultChoices.length === 0 ? [] : [...outcome.faultChoices],
      faults: outcome.faultsDecided,
      fault,
    };
  }

  /** The schedule code of schedule `index`, if it ran. */
  code(index: number): string | undefined {
    const entry = this.entries[index];
    return entry === undefined ? undefined : encodeSchedule(entry.seed, entry.digest, Array.from(entry.choices), Array.from(entry.radices), entry.faults);
  }

  /** Schedule `index`'s seed, digest, scheduling choices and fault target, if it ran. */
  entry(index: number): LoggedSchedule | undefined {
    const entry = this.entries[index];
    if (entry === undefined) return undefined;
    const faultAt = new Set(entry.faultChoices);
    const keep = (values: Uint8Array | Uint16Array): number[] => Array.from(values).filter((_, i) => !faultAt.has(i));
    return { seed: entry.seed, digest: entry.digest, choices: keep(entry.choices), radices: keep(entry.radices), fault: entry.fault };
  }
}
