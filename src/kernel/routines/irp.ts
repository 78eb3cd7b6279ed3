import { Note, Op } from '../protocol.js';
import { trackedArg } from '../guest/args.js';
import { bridge, kcall } from '../guest/runtime.js';
import type { IO_STACK_LOCATION, IRP } from '../objects/driver.js';

/**
 * Completes an IRP: the I/O manager takes it back and the requester sees
 * `Irp.IoStatus`. **IRQL ≤ DISPATCH_LEVEL, and never while holding a spin
 * lock** (SDV SpinLockSafe): release the lock first, then complete. After
 * this call the IRP is no longer yours; completing it twice is a bug check.
 */
export function IoCompleteRequest(Irp: IRP, PriorityBoost: number): Promise<void> {
  return kcall(Op.IoCompleteRequest, trackedArg(Irp, 'IoCompleteRequest', 'Irp', 'IRP'), typeof PriorityBoost === 'number' ? PriorityBoost : 0);
}

/**
 * Marks an IRP pending: the dispatch routine will return STATUS_PENDING and
 * complete it later (from a DPC, say). **Any IRQL.** Not a scheduling point.
 */
export function IoMarkIrpPending(Irp: IRP): void {
  bridge().note(Note.MarkIrpPending, trackedArg(Irp, 'IoMarkIrpPending', 'Irp', 'IRP'), undefined);
}

/** The IRP's current stack location: its MajorFunction and Parameters. **Any IRQL.** Not a scheduling point. */
export function IoGetCurrentIrpStackLocation(Irp: IRP): IO_STACK_LOCATION {
  trackedArg(Irp, 'IoGetCurrentIrpStackLocation', 'Irp', 'IRP');
  return (Irp as unknown as { CurrentStackLocation: IO_STACK_LOCATION }).CurrentStackLocation;
}
