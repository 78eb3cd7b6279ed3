/**
 * Witnesses for predicted interrupt self-deadlocks (checks/interrupt-hazard.ts):
 * the schedule in which a lock was held below an interrupt's DIRQL is run
 * again, choice for choice, until the first decision where that interrupt
 * can be delivered to the CPU holding the lock — and there it is delivered.
 * Its ISR then takes the lock its own CPU holds: a self-deadlock, stopped
 * and reported as the running machine reports one. The finding is revised
 * to that run (its sites, its schedule code), so the code printed with the
 * hazard replays the deadlock itself.
 */
import { related, where } from '../checks/check.js';
import { CHECKS, type Finding, type FindingDraft } from '../checks/index.js';
import type { InterruptWitness } from '../checks/finding.js';
import { EventBus, type Acquisition, type Action, type GuestRealm, type SchedulePicker, type StopReason } from '../machine/index.js';
import type { ScenarioDefinition } from '../scenario/index.js';
import type { FindingGroup } from './collector.js';
import { runExecution } from './execution-runner.js';
import { failingAt } from './fault-plan.js';
import { mixSeed, Rng } from './rng.js';
import { encodeSchedule } from './schedule-code.js';
import type { ScheduleLog } from './schedule-log.js';

/** What a witness run needs. */
export interface WitnessOptions {
  readonly realm: GuestRealm;
  readonly scenario: ScenarioDefinition;
  readonly cpus: number;
  readonly maxSteps: number;
  readonly accessPoints?: boolean;
}

/** A hazard confirmed: the group's finding as the witness run reported it, and the witness's schedule code. */
export interface Witnessed {
  readonly id: string;
  readonly finding: Finding;
  readonly code: string;
}

const RECURSIVE_ACQUIRE = CHECKS.find((check) => check.id === 'recursive-acquire')!;

/** Builds a witness for every predicted hazard among `groups` that has one; hazards none could be built for stay predictions. */
export async function witnessHazards(groups: readonly FindingGroup[], log: ScheduleLog, options: WitnessOptions): Promise<Witnessed[]> {
  const found: Witnessed[] = [];
  for (const group of groups) {
    const witness = group.finding.witness;
    if (witness === undefined) continue;
    // The schedules that held the lock below DIRQL, the one the prediction named first.
    const candidates = [witness.schedule, ...group.schedules.filter((s) => s !== witness.schedule)].slice(0, MAX_TRIES);
    for (const schedule of candidates) {
      const made = await tryWitness(group, witness, log, schedule, options);
      if (made === null) continue;
      found.push(made);
      break;
    }
  }
  return found;
}

/** At most this many explored schedules are tried as the start of one hazard's witness. */
const MAX_TRIES = 8;

/** Runs schedule `schedule` again, delivering the interrupt where it deadlocks; the witness, or null if it did not. */
async function tryWitness(group: FindingGroup, witness: InterruptWitness, log: ScheduleLog, schedule: number, options: WitnessOptions): Promise<Witnessed | null> {
  const entry = log.entry(schedule);
  if (entry === undefined) return null;
  const drafts: FindingDraft[] = [];
  const check = RECURSIVE_ACQUIRE.create((draft) => drafts.push(draft));
  const picker = new WitnessPicker(entry.seed, entry.choices, witness);
  const outcome = await runExecution({
    realm: options.realm,
    scenario: options.scenario,
    plan: { picker: entry.fault === null ? picker : failingAt(picker, entry.fault), seed: entry.seed },
    cpus: options.cpus,
    maxSteps: options.maxSteps,
    bus: new EventBus([check]),
    onStart: (x) => check.startSchedule?.(x, 0),
    capture: false,
    timeline: false,
    accessPoints: options.accessPoints,
    print: () => undefined,
  });
  const seen = whatHappened(outcome.stopped, drafts, picker, group.finding);
  if (seen === null) return null;
  // Reported under the explored schedule's number, as a minimized finding is; its sites are all in the witness run.
  const finding: Finding = {
    ...seen,
    schedule: group.finding.schedule,
    step: outcome.steps,
    rule: group.finding.rule,
    key: group.finding.key,
    message: `${group.finding.message} This schedule delivers the interrupt on CPU ${picker.cpu} while ${witness.lock} is held there: ${outcome.stopped?.kind === 'self-deadlock' ? 'the ISR spins forever' : 'the ISR stops at the bug check Verifier raises first (without it, it would spin forever)'}.`,
  };
  return { id: group.id, finding, code: encodeSchedule(entry.seed, outcome.digest, outcome.choices, outcome.radices, outcome.faultsDecided) };
}

/**
 * What the witness run shows, as a finding's sites: the self-deadlock the
 * running machine reported — or, for an ISR that calls KeAcquireSpinLock,
 * the bug check it stopped at (Verifier's 0xC4/0x42 comes first), with the
 * holder's acquire — or null if the interrupt was not delivered or the run
 * did not stop in that ISR.
 */
function whatHappened(stop: StopReason | null, drafts: readonly FindingDraft[], picker: WitnessPicker, hazard: Finding): FindingDraft | null {
  const holder = picker.holder;
  if (!picker.delivered || stop === null || holder === null) return null;
  if (stop.kind === 'self-deadlock') return drafts.find((d) => !d.key.startsWith('hazard|') && d.lock === holder.lock.name) ?? null;
  if (stop.kind !== 'bug-check' || stop.ctx.cpu.id !== picker.cpu || !(stop.ctx.kind === 'isr' || stop.ctx.frame?.kind === 'synch')) return null;
  const seq = stop.ctx.pending[0]?.seq;
  if (seq === undefined) return null;
  return { ...hazard, seq, related: [related(`${holder.lock.name} held here, on the same CPU`, holder.ctx, holder.seq)], ...where(stop.ctx) };
}

/**
 * Follows a logged schedule's choices until the first decision where the
 * interrupt can be delivered to a CPU that holds the lock, and delivers
 * it there; until then it delivers none of that interrupt's (so they are
 * not all spent before the lock is taken). Afterwards it keeps running the
 * context that ran last (the ISR, spinning) while it can.
 */
class WitnessPicker implements SchedulePicker {
  delivered = false;
  /** The CPU it was delivered on, and the lock's acquisition there. */
  cpu = -1;
  holder: Acquisition | null = null;
  private readonly entropy: Rng;
  private decision = 0;

  constructor(
    seed: number,
    private readonly choices: readonly number[],
    private readonly witness: InterruptWitness,
  ) {
    this.entropy = new Rng(mixSeed(seed, 2));
  }

  pick(actions: readonly Action[], count: number, current: number): number {
    const at = this.decision++;
    if (!this.delivered) {
      for (let i = 0; i < count; i++) {
        const action = actions[i]!;
        const held = this.isOurs(action) ? heldOn(action, this.witness.lock) : undefined;
        if (held !== undefined) {
          this.delivered = true;
          this.cpu = action.cpu.id;
          this.holder = held;
          return i;
        }
      }
      const logged = this.choices[at];
      if (logged !== undefined && logged < count && !this.holdsBack(actions[logged]!)) return logged;
    }
    let fallback = -1;
    for (let i = 0; i < count; i++) {
      if (actions[i]!.key === current) return i;
      if (fallback < 0 && !this.holdsBack(actions[i]!)) fallback = i;
    }
    return Math.max(0, fallback);
  }

  nextRandom(): number {
    return this.entropy.next();
  }

  /** Whether `action` delivers the witnessed interrupt before its moment. */
  private holdsBack(action: Action): boolean {
    return !this.delivered && this.isOurs(action);
  }

  private isOurs(action: Action): boolean {
    return action.kind === 'interrupt' && action.source?.index === this.witness.source;
  }
}

/** The acquisition of `lock` by a context on `action`'s CPU, if one holds it. */
function heldOn(action: Action, lock: string): Acquisition | undefined {
  for (const ctx of action.cpu.stack) {
    const held = ctx.held.find((a) => a.lock.name === lock);
    if (held !== undefined) return held;
  }
  return undefined;
}
