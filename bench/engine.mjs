// Engine benchmark: kernel calls and schedules per second with every check on,
// against the floor — the same compiled routines, same loop, run with a no-op
// async kernel and a plain object — in the same kind of vm realm. Two figures in
// between say where the cost goes: the engine with no check on, and the bare
// bridge the sandbox needs with no machine behind it (mechanism.mjs).
import vm from 'node:vm';
import { explore } from '../dist/explore/index.js';
import { driverFactorySource } from '../dist/sandbox/bundle-format.js';
import { createVmRealm } from '../dist/sandbox/vm-realm.js';
import { compileFixture } from './fixture-driver.mjs';
import { DRIVE_SOURCE, measureMechanism, NO_STATE_SOURCE } from './mechanism.mjs';
// ITERATIONS per IRP, fixed in the driver: 2 kernel calls each, so 4 × 128 + setup ≥ 500 calls per schedule.
import { ITERATIONS, THREADS as CPUS, workloadScenario } from './peer-workload.mjs';
import { round } from './stats.mjs';

/** The workload: one writer thread per CPU, one IRP each, whose dispatch routine loops ITERATIONS times. */
const scenario = workloadScenario((t, device) => t.write(device, [1]));

/** `checks`: the checks to run (undefined: every check); `accessPoints`: whether unlocked accesses make scheduling points. */
async function measureEngine(driver, schedules, rounds, checks, accessPoints = true) {
  const realm = await createVmRealm(driver);
  let best = { callsPerSec: 0, schedulesPerSec: 0, callsPerSchedule: 0 };
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    const result = await explore({ driver: realm, scenario, strategy: 'random', seed: round + 1, schedules, locate: false, checks, accessPoints });
    const seconds = (performance.now() - started) / 1000;
    if (result.groups.length > 0) throw new Error(`benchmark driver has findings: ${result.groups.map((g) => g.id).join(', ')}`);
    const callsPerSec = result.totals.kernelCalls / seconds;
    if (callsPerSec > best.callsPerSec) best = { callsPerSec, schedulesPerSec: result.schedulesRun / seconds, callsPerSchedule: result.totals.kernelCalls / result.schedulesRun };
  }
  return best;
}

/** The floor: the bundle's DispatchWrite on CPUS concurrent promise chains, with a no-op kernel and plain objects. */
async function measureFloor(driver, schedules, rounds) {
  const context = vm.createContext(Object.create(null));
  const factory = new vm.Script(driverFactorySource(driver.code, driver.stateParameter)).runInContext(context);
  const noState = vm.runInContext(NO_STATE_SOURCE, context);
  const noop = vm.runInContext(`({
    STATUS_SUCCESS: 0, IO_NO_INCREMENT: 0, IRP_MJ_WRITE: 4,
    KSPIN_LOCK: class KSPIN_LOCK {},
    async KeInitializeSpinLock() {}, async KeAcquireSpinLock() { return 0; }, async KeReleaseSpinLock() {}, async IoCompleteRequest() {},
  })`, context);
  const device = vm.runInContext('(() => ({ DeviceExtension: {} }))', context);
  const drive = vm.runInContext(DRIVE_SOURCE, context);
  let best = 0;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    let calls = 0;
    for (let s = 0; s < schedules; s++) {
      await drive(factory(noop, noState), device(), CPUS);
      calls += 1 + CPUS * (2 * ITERATIONS + 1);
    }
    best = Math.max(best, calls / ((performance.now() - started) / 1000));
  }
  return best;
}

/** Runs the engine benchmark; returns its figures. */
export async function benchEngine({ quick = false } = {}) {
  const driver = await compileFixture('loop-driver.ts', 'benchmark driver');
  const schedules = quick ? 50 : 200;
  const rounds = quick ? 3 : 6;
  const engine = await measureEngine(driver, schedules, rounds);
  const machine = await measureEngine(driver, schedules, rounds, []);
  // The same run with the scheduling sites inert: what asking at every site costs a locked driver.
  const pointsOff = await measureEngine(driver, schedules, rounds, undefined, false);
  // The same run without line coverage's marks: what marking every statement costs.
  const unmarked = await compileFixture('loop-driver.ts', 'benchmark driver', { lineCoverage: false });
  const marksOff = await measureEngine(unmarked, schedules, rounds);
  const mechanism = await measureMechanism(driver, CPUS, schedules * 4, rounds);
  const floor = await measureFloor(driver, schedules * 4, rounds);
  return {
    kernelCallsPerSec: round(engine.callsPerSec),
    schedulesPerSec: round(engine.schedulesPerSec, 1),
    kernelCallsPerSchedule: round(engine.callsPerSchedule),
    noChecksCallsPerSec: round(machine.callsPerSec),
    pointsOffCallsPerSec: round(pointsOff.callsPerSec),
    accessPointsCost: round(pointsOff.callsPerSec / engine.callsPerSec, 2),
    marksOffCallsPerSec: round(marksOff.callsPerSec),
    lineCoverageCost: round(marksOff.callsPerSec / engine.callsPerSec, 2),
    mechanismCallsPerSec: round(mechanism),
    floorCallsPerSec: round(floor),
    mechanismVsNoop: round(floor / mechanism, 1),
    noChecksVsNoop: round(floor / machine.callsPerSec, 1),
    overheadVsNoop: round(floor / engine.callsPerSec, 1),
  };
}
