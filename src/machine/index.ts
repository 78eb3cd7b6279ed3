/** The simulated multicore machine: CPUs, contexts, IRQL, the run loop, memory and the event stream. */
export type { Action, SchedulePicker } from './actions.js';
export { Context, type ContextKind, type ContextState, type PendingCall } from './context.js';
export { Cpu } from './cpu.js';
export type * from './events.js';
export { EventBus } from './event-bus.js';
export { Execution, OpStatus, SITE_FRAMES, type ExecutionOptions, type ExecutionOutcome, type KernelServices } from './execution.js';
export { Frame, type FrameKind, type FrameOutcome } from './frame.js';
export { createHostBridge, createMarkers } from './host-bridge.js';
export { InterruptSource, InterruptState } from './interrupts.js';
export { FAMILY_ROUTINES, HandleState, LockFamily, LockState, restoresIrql, type Acquisition } from './locks.js';
export { Memory, HostObject, childPath, isSharedState, type Cell } from './memory.js';
export { ntKernel, IoManager, irqlMisuseRule, type IrpResult, type IrpSpec } from './nt/index.js';
export { LocalRealm, locateInStack, type GuestRealm, type RawSite } from './realm.js';
export type { TraceEntry } from './trace.js';
