import { Op } from '../protocol.js';
import { objectArg, trackedArg } from '../guest/args.js';
import { encodeValue, functionId, kcall } from '../guest/runtime.js';
import { KDPC } from '../objects/dpc.js';
import type { DEVICE_OBJECT, IO_DPC_ROUTINE, IRP, KDEFERRED_ROUTINE } from '../objects/driver.js';

/**
 * Initializes a DPC object with its routine and context. **Any IRQL.** Do it
 * once (in AddDevice), before the DPC is queued.
 */
export function KeInitializeDpc(Dpc: KDPC, DeferredRoutine: KDEFERRED_ROUTINE, DeferredContext: unknown): Promise<void> {
  const [context, isRef] = encodeValue(DeferredContext);
  return kcall(
    Op.KeInitializeDpc,
    objectArg(Dpc, KDPC, 'KeInitializeDpc', 'Dpc'),
    functionId(DeferredRoutine, 'KeInitializeDpc: DeferredRoutine'),
    context,
    isRef,
  );
}

/**
 * Queues a DPC on the current CPU. **Any IRQL** (an ISR queues its DPC this
 * way). Returns FALSE if it was already queued. The routine runs at
 * DISPATCH_LEVEL once this CPU's IRQL drops below DISPATCH_LEVEL.
 */
export function KeInsertQueueDpc(Dpc: KDPC, SystemArgument1: unknown, SystemArgument2: unknown): Promise<boolean> {
  const [a1, r1] = encodeValue(SystemArgument1);
  const [a2, r2] = encodeValue(SystemArgument2);
  return kcall(Op.KeInsertQueueDpc, objectArg(Dpc, KDPC, 'KeInsertQueueDpc', 'Dpc'), a1, r1, a2, r2);
}

/** Registers the device's DpcForIsr routine, which {@link IoRequestDpc} queues. **IRQL = PASSIVE_LEVEL**, in AddDevice. */
export function IoInitializeDpcRequest(DeviceObject: DEVICE_OBJECT, DpcRoutine: IO_DPC_ROUTINE): Promise<void> {
  return kcall(
    Op.IoInitializeDpcRequest,
    trackedArg(DeviceObject, 'IoInitializeDpcRequest', 'DeviceObject', 'DEVICE_OBJECT'),
    functionId(DpcRoutine, 'IoInitializeDpcRequest: DpcRoutine'),
  );
}

/** Queues the device's DpcForIsr from its ISR. **IRQL = DIRQL.** */
export function IoRequestDpc(DeviceObject: DEVICE_OBJECT, Irp: IRP | null, Context: unknown): Promise<void> {
  const [irp, irpRef] = encodeValue(Irp);
  const [context, contextRef] = encodeValue(Context);
  return kcall(
    Op.IoRequestDpc,
    trackedArg(DeviceObject, 'IoRequestDpc', 'DeviceObject', 'DEVICE_OBJECT'),
    irp,
    irpRef,
    context,
    contextRef,
  );
}
