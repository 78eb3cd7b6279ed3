// The peer benchmark's workload, written twice: for fast-check's scheduler (`fc.scheduler()`), bare
// or with a minimal lockset check, and as a spinlab scenario sending the driver one IRP per CPU. Both
// are bench/fixtures/loop-driver.ts's work: THREADS threads, ITERATIONS locked increments each.
import fc from 'fast-check';
import { defineScenario } from '../dist/scenario/index.js';

export const THREADS = 4;
export const ITERATIONS = 64; // as in loop-driver.ts

/**
 * Eraser's lockset discipline (Savage et al., SOSP 1997) as small as it goes: per field, the locks
 * held at every access so far (a bit mask); a field accessed by two threads, one access a write,
 * with no lock common to every access, is a race. No state machine for initialization or read-sharing.
 */
function createLockset() {
  const fields = new Map();
  return {
    /** Locks each thread holds (bit 0: the one spin lock). */
    held: new Array(THREADS).fill(0),
    race: null,
    access(thread, field, write) {
      let f = fields.get(field);
      if (f === undefined) fields.set(field, (f = { locks: ~0, threads: 0, written: false }));
      f.locks &= this.held[thread];
      f.threads |= 1 << thread;
      f.written ||= write;
      if (f.locks === 0 && f.written && (f.threads & (f.threads - 1)) !== 0) this.race ??= field;
    },
  };
}

/**
 * One schedule of the workload on scheduler `s`. Every kernel call of the driver (the lock's
 * initialization, each acquire attempt, release, stall, the IRP's completion) is a promise `s`
 * releases when it picks it, and takes effect then, as in spinlab, where the code between two
 * calls runs atomically. The lock is test-and-set: an attempt that finds it held yields and retries.
 * `bug`: null (correct), 'write' or 'stall'. Resolves with the final Count.
 */
async function runWorkload(s, bug, lockset, counts) {
  const shared = { locked: false, Count: 0 };
  const call = () => {
    counts.calls++;
    return s.schedule(Promise.resolve());
  };
  await call(); // KeInitializeSpinLock
  const thread = async (t) => {
    for (let i = 0; i < ITERATIONS; i++) {
      for (;;) {
        await call(); // KeAcquireSpinLock: one test-and-set
        if (!shared.locked) break;
        counts.spins++;
      }
      shared.locked = true;
      if (lockset !== null) lockset.held[t] |= 1;
      if (lockset !== null) lockset.access(t, 'Count', false);
      const count = shared.Count;
      if (bug === null) {
        if (lockset !== null) lockset.access(t, 'Count', true);
        shared.Count = count + 1;
      }
      await call(); // KeReleaseSpinLock
      shared.locked = false;
      if (lockset !== null) lockset.held[t] &= ~1;
      if (bug === 'stall') await call(); // KeStallExecutionProcessor
      if (bug !== null) {
        if (lockset !== null) lockset.access(t, 'Count', true);
        shared.Count = count + 1;
      }
    }
    await call(); // IoCompleteRequest
  };
  const threads = [];
  for (let t = 0; t < THREADS; t++) threads.push(thread(t));
  await Promise.all(threads);
  return shared.Count;
}

/** The property: the workload under `fc.scheduler()`, asserting the final Count (and, with the check, no lockset race). */
export function workloadProperty(bug, withLockset, counts) {
  return fc.asyncProperty(fc.scheduler(), async (s) => {
    const lockset = withLockset ? createLockset() : null;
    const done = runWorkload(s, bug, lockset, counts);
    await s.waitIdle();
    const count = await done;
    counts.schedules++;
    if (lockset?.race != null) throw new Error(`lockset: ${lockset.race} accessed by two threads, one writing, with no common lock`);
    if (count !== THREADS * ITERATIONS) throw new Error(`Count is ${count}`);
  });
}

/** spinlab's scenario: one thread per CPU sending one IRP (`send`), and Count's invariant. */
export function workloadScenario(send) {
  return defineScenario({
    title: 'peer benchmark',
    cpus: THREADS,
    async run(sim) {
      const device = await sim.start();
      if (device === null) return;
      for (const cpu of sim.cpus) sim.thread(`writer${cpu}`, cpu, async (t) => { await send(t, device); });
      await sim.join();
    },
    invariants: { count: (s) => s.ext.Count === THREADS * ITERATIONS || `Count is ${s.ext.Count}` },
  });
}
