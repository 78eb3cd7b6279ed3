/**
 * Runs an example of `spinlab explain` as a driver: the example's routines
 * inside the usual driver its documentation promises (src/checks/explanations/
 * explanation.ts), each default routine replaced by the example's own.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Example } from '../../src/checks/explanations/index.js';
import * as kernelApi from '../../src/kernel/index.js';
import type { ExploreOptions } from '../../src/explore/index.js';
import type { ScenarioDefinition } from '../../src/scenario/index.js';
import { interrupts, readersWriters, writeThenRead, writers } from '../fixtures/scenarios/index.js';
import { exploreDriverFile, type FixtureRun } from './explore-fixture.js';

const COMMON = fileURLToPath(new URL('../fixtures/drivers/common.ts', import.meta.url));

const SCENARIOS: Readonly<Record<Example['scenario'], () => ScenarioDefinition>> = {
  writers: () => writers(),
  'readers-writers': () => readersWriters(),
  'write-then-read': () => writeThenRead,
  interrupts: () => interrupts(),
};

const DEVICE_EXTENSION = `interface Extension {
  Lock: KSPIN_LOCK;
  Lock2: KSPIN_LOCK;
  Count: number;
  Seen: number;
  IsrLock: KSPIN_LOCK;
  Interrupt: KINTERRUPT;
  Interrupts: number;
  Drained: number;
  Writes: number;
}`;

/** The routines a driver has unless the example brings its own, by name: for a device with no interrupt, and for one with. */
function defaults(interrupt: boolean): Record<string, string> {
  const connect = `
  ext.IsrLock = new KSPIN_LOCK();
  await KeInitializeSpinLock(ext.IsrLock);
  await IoInitializeDpcRequest(device, DpcForIsr);
  const connected = await IoConnectInterrupt({ ServiceRoutine: Isr, ServiceContext: device, SpinLock: ext.IsrLock, Vector: device.Resources.Vector, Irql: device.Resources.Level, SynchronizeIrql: device.Resources.Level });
  if (connected.InterruptObject === null) return connected.Status;
  ext.Interrupt = connected.InterruptObject;`;
  const routines: Record<string, string> = {
    AddDevice: `export async function AddDevice(_driver: DRIVER_OBJECT, device: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = device.DeviceExtension as Extension;
  ext.Lock = new KSPIN_LOCK();
  ext.Lock2 = new KSPIN_LOCK();
  ext.Count = 0;
  ext.Seen = 0;
  ext.Interrupts = 0;
  ext.Drained = 0;
  ext.Writes = 0;
  await KeInitializeSpinLock(ext.Lock);
  await KeInitializeSpinLock(ext.Lock2);${interrupt ? connect : ''}
  return STATUS_SUCCESS;
}`,
    DispatchWrite: interrupt
      ? `function countWrite(ext: Extension): boolean {
  ext.Writes = ext.Writes + 1;
  return true;
}
export async function DispatchWrite(device: DEVICE_OBJECT, irp: IRP): Promise<NTSTATUS> {
  const ext = device.DeviceExtension as Extension;
  await KeSynchronizeExecution(ext.Interrupt, countWrite, ext);
  return complete(irp);
}`
      : `export async function DispatchWrite(device: DEVICE_OBJECT, irp: IRP): Promise<NTSTATUS> {
  const ext = device.DeviceExtension as Extension;
  const oldIrql = await KeAcquireSpinLock(ext.Lock);
  ext.Count = ext.Count + 1;
  await KeReleaseSpinLock(ext.Lock, oldIrql);
  return complete(irp);
}`,
  };
  if (!interrupt) return routines;
  routines.Isr = `export async function Isr(_interrupt: KINTERRUPT, device: DEVICE_OBJECT): Promise<boolean> {
  const ext = device.DeviceExtension as Extension;
  ext.Interrupts = ext.Interrupts + 1;
  await IoRequestDpc(device, null, null);
  return true;
}`;
  routines.DpcForIsr = `function takeInterrupts(ext: Extension): boolean {
  ext.Drained = ext.Drained + ext.Interrupts;
  ext.Interrupts = 0;
  return true;
}
export async function DpcForIsr(_dpc: KDPC, device: DEVICE_OBJECT): Promise<void> {
  const ext = device.DeviceExtension as Extension;
  await KeSynchronizeExecution(ext.Interrupt, takeInterrupts, ext);
}`;
  return routines;
}

/** The whole driver `example` runs as. */
export function exampleDriverSource(example: Example): string {
  const defines = (name: string): boolean => new RegExp(`\\bfunction ${name}\\(`).test(example.code);
  const own = Object.entries(defaults(example.scenario === 'interrupts')).filter(([name]) => !defines(name)).map(([, code]) => code);
  const body = [DEVICE_EXTENSION, `export async function DriverEntry(driver: DRIVER_OBJECT): Promise<NTSTATUS> {\n  return register(driver, AddDevice, DispatchWrite${defines('DispatchRead') ? ', DispatchRead' : ''});\n}`, ...own, example.code].join('\n\n');
  const used = Object.keys(kernelApi).filter((name) => new RegExp(`\\b${name}\\b`).test(body));
  return [
    `import { ${used.join(', ')} } from 'spinlab/kernel';`,
    `import type { DEVICE_OBJECT, DRIVER_OBJECT, IRP, NTSTATUS } from 'spinlab/kernel';`,
    `import { complete, register } from './common.js';`,
    '',
    body,
    '',
  ].join('\n');
}

/** Explores `example` as a driver under its scenario (pct, seed 1, 40 schedules unless `options` say otherwise). */
export async function exploreExample(example: Example, options: Partial<Omit<ExploreOptions, 'driver' | 'scenario'>> = {}): Promise<FixtureRun> {
  const dir = mkdtempSync(join(tmpdir(), 'spinlab-example-'));
  copyFileSync(COMMON, join(dir, 'common.ts'));
  writeFileSync(join(dir, 'driver.ts'), exampleDriverSource(example));
  return exploreDriverFile(join(dir, 'driver.ts'), dir, SCENARIOS[example.scenario](), { schedules: 40, ...options });
}
