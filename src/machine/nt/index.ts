/** The simulated NT kernel's side of the machine: what every kernel call does. */
import type { KernelServices, OpHandler } from '../execution.js';
import { deliverInterrupt, interruptOps } from './interrupt-ops.js';
import { dpcOps, startDpc } from './dpc-ops.js';
import { eventOps } from './event-ops.js';
import { interlockedOps } from './interlocked-ops.js';
import { irpOps } from './irp-ops.js';
import { irqlOps } from './irql-ops.js';
import { finish } from './lifecycle.js';
import { pointOps } from './point-ops.js';
import { poolOps } from './pool-ops.js';
import { queuedLockOps } from './queued-lock-ops.js';
import { spinLockOps } from './spin-lock-ops.js';

const ops: Readonly<Record<number, OpHandler>> = {
  ...spinLockOps,
  ...queuedLockOps,
  ...irqlOps,
  ...interlockedOps,
  ...dpcOps,
  ...interruptOps,
  ...irpOps,
  ...poolOps,
  ...eventOps,
  ...pointOps,
};

/** The kernel services every execution uses. */
export const ntKernel: KernelServices = { ops, startDpc, deliverInterrupt, finish };

export { IoManager, type IrpResult, type IrpSpec } from './io-manager.js';
export { irqlMisuseRule } from './irql-ops.js';
export { initKernelState } from './states.js';
