/** The shape of a check, and helpers checks share. */
import type { Acquisition, Context, Execution, LockState, MachineObserver } from '../machine/index.js';
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

/** A related site known only by routine and CPU (another schedule's, a recorded writer's): no context kind or IRQL. */
export function relatedAt(site: { readonly label: string; readonly seq: number; readonly schedule?: number; readonly cpu: number; readonly routine: string }): RelatedSite {
  return { ...site, context: null, irql: null };
}

/** The routine that took `acquisition`: its frame's, or its context's when it was taken outside a routine. */
export function acquirerRoutine(acquisition: Acquisition): string {
  return acquisition.frame?.routine ?? acquisition.ctx.routine;
}

/** Whether `ctx` runs at interrupt level: an ISR, or a SynchCritSection routine (run under the interrupt spin lock). */
export function inInterruptContext(ctx: Context): boolean {
  return ctx.kind === 'isr' || ctx.frame?.kind === 'synch';
}

/** Whether `lock` is an ordinary spin lock: not an interrupt object's lock, nor one IoConnectInterrupt made its interrupt spin lock. */
export function ordinarySpinLock(lock: LockState): boolean {
  return !lock.owned && !lock.interruptLock;
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
