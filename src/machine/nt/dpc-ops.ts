/** DPCs: KeInitializeDpc, KeInsertQueueDpc, IoInitializeDpcRequest, IoRequestDpc, and running them. */
import { DISPATCH_LEVEL } from '../../kernel/irql.js';
import { Op, Refusal, type Prim } from '../../kernel/protocol.js';
import type { Context } from '../context.js';
import type { Cpu, QueuedDpc } from '../cpu.js';
import type { Execution, OpHandler } from '../execution.js';
import { bugCheck } from './bug-checks.js';
import { deviceOf, dpcOf, type DpcState } from './states.js';

/** The name of the student routine with host id `id`. */
export function functionName(x: Execution, id: Prim): string {
  return x.memory.get(id)?.label ?? 'routine';
}

const initializeDpc: OpHandler = (x, ctx, call) => {
  const dpc = dpcOf(x, call.a);
  if (dpc === undefined || x.memory.get(call.b) === undefined) {
    return x.failCall(ctx, call, Refusal.BadArgument, 'KeInitializeDpc: expected a KDPC and a routine.');
  }
  dpc.routine = call.b as number;
  dpc.routineName = functionName(x, call.b);
  dpc.context = [call.c, call.d === true];
  dpc.initialized = true;
  return x.returns(undefined);
};

/** Queues `dpc` on the caller's CPU; false if it was already queued. */
function queue(x: Execution, ctx: Context, dpcId: number, dpc: DpcState, args: ReadonlyArray<readonly [Prim, boolean]>, seq: number): boolean {
  if (dpc.queued) return false;
  dpc.queued = true;
  const entry: QueuedDpc = { dpc: dpcId, routine: dpc.routine, routineName: dpc.routineName, args, queuedBy: ctx, seq };
  ctx.cpu.dpcQueue.push(entry);
  x.bus.sync('release', ctx, entry);
  return true;
}

const insertQueueDpc: OpHandler = (x, ctx, call) => {
  const dpc = dpcOf(x, call.a);
  if (dpc === undefined) return x.failCall(ctx, call, Refusal.BadArgument, 'KeInsertQueueDpc: Dpc is not a KDPC.');
  if (!dpc.initialized) return bugCheck(x, ctx, '0xC4/0xB0', 'DRIVER_VERIFIER_DETECTED_VIOLATION', 'KeInsertQueueDpc on a KDPC that KeInitializeDpc never initialized: initialize each DPC once before queuing it');
  const args = [[call.a, true], dpc.context, [call.b, call.c === true], [call.d, call.e === true]] as const;
  return x.returns(queue(x, ctx, call.a as number, dpc, args, call.seq));
};

const initializeDpcRequest: OpHandler = (x, ctx, call) => {
  const device = deviceOf(x, call.a);
  const dpcObject = device?.dpc;
  if (device === undefined || dpcObject === null || dpcObject === undefined || x.memory.get(call.b) === undefined) {
    return x.failCall(ctx, call, Refusal.BadArgument, 'IoInitializeDpcRequest: expected a DEVICE_OBJECT and a routine.');
  }
  const dpc = dpcObject.state as DpcState;
  dpc.routine = call.b as number;
  dpc.routineName = functionName(x, call.b);
  dpc.context = [call.a, true];
  dpc.initialized = true;
  return x.returns(undefined);
};

const requestDpc: OpHandler = (x, ctx, call) => {
  const device = deviceOf(x, call.a);
  const dpcObject = device?.dpc;
  if (device === undefined || dpcObject === null || dpcObject === undefined) {
    return x.failCall(ctx, call, Refusal.BadArgument, 'IoRequestDpc: DeviceObject is not a DEVICE_OBJECT.');
  }
  const dpc = dpcObject.state as DpcState;
  if (!dpc.initialized) return bugCheck(x, ctx, '0xC4/0xB0', 'DRIVER_VERIFIER_DETECTED_VIOLATION', "IoRequestDpc before IoInitializeDpcRequest: initialize the device's DPC in AddDevice");
  const args = [[dpcObject.id, true], [call.a, true], [call.b, call.c === true], [call.d, call.e === true]] as const;
  queue(x, ctx, dpcObject.id, dpc, args, call.seq);
  return x.returns(undefined);
};

/** The DPC ops. */
export const dpcOps: Readonly<Record<number, OpHandler>> = {
  [Op.KeInitializeDpc]: initializeDpc,
  [Op.KeInsertQueueDpc]: insertQueueDpc,
  [Op.IoInitializeDpcRequest]: initializeDpcRequest,
  [Op.IoRequestDpc]: requestDpc,
};

/** Runs the next DPC queued on `cpu` in a new context at DISPATCH_LEVEL. */
export function startDpc(x: Execution, cpu: Cpu): Context {
  const entry = cpu.dpcQueue.shift()!;
  const dpc = x.memory.get(entry.dpc)?.state as DpcState | undefined;
  if (dpc !== undefined) dpc.queued = false;
  const ctx = x.createContext('dpc', `DPC ${entry.routineName}`, cpu, DISPATCH_LEVEL);
  ctx.purpose = entry.routineName;
  cpu.stack.push(ctx);
  x.bus.sync('acquire', ctx, entry);
  x.launch(ctx, async () => {
    await x.invoke(ctx, entry.routine, 'dpc', entry.routineName, entry.args);
  });
  return ctx;
}
