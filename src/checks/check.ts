/** The shape of a check, and helpers checks share. */
import type { Context, Execution, MachineObserver } from '../machine/index.js';
import type { CheckId, ContextInfo, FindingDraft, RelatedSite } from './finding.js';

/** Where a check sends what it finds. */
export type FindingSink = (finding: FindingDraft) => void;

/** A check's state for one exploration: it reads events and reports findings. */
export interface CheckInstance extends MachineObserver {
  /** A new schedule starts (checks reset per-schedule state here). */
  startSchedule?(x: Execution, index: number): void;
}

/** A check. */
export interface Check {
  readonly id: CheckId;
  /** The authority it applies. */
  readonly rule: string;
  /** One line: what it finds. */
  readonly describe: string;
  /** Makes its state for one exploration. */
  create(sink: FindingSink): CheckInstance;
}

/** The context fields of a finding, from a context. */
export function where(ctx: Context | null): ContextInfo {
  if (ctx === null) return { cpu: null, context: null, routine: null, irql: null };
  const frame = ctx.frame;
  return { cpu: ctx.cpu.id, context: frame?.kind === 'synch' ? 'synch' : ctx.kind, routine: ctx.routine, irql: ctx.irql };
}

/** A related site in the same schedule. */
export function related(label: string, ctx: Context, seq: number, extra: Partial<RelatedSite> = {}): RelatedSite {
  return { label, seq, ...where(ctx), ...extra };
}

/** `DispatchWrite on CPU 1` */
export function who(ctx: Context): string {
  return `${ctx.routine} on CPU ${ctx.cpu.id}`;
}

/** `holding ext.A and ext.B` / `holding no lock` */
export function holding(locks: readonly string[]): string {
  return locks.length === 0 ? 'holding no lock' : `holding ${locks.join(' and ')}`;
}

/**
 * A path as findings are grouped by it: pool allocations, IRPs and local
 * handles are numbered per schedule or per call (`pool#3`, `IRP#2`), so the
 * number is dropped; a device's number is kept (`ext#2` is another device).
 */
export function groupingPath(path: string): string {
  return path.replace(/(?<!\bext|\bdevice)#\d+/g, '#');
}
