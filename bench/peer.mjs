// Against the peer: the engine benchmark's workload (bench/fixtures/loop-driver.ts) written again
// for fast-check's scheduler (`fc.scheduler()`), run bare and with a minimal lockset check, timed in
// the same run and the same way as spinlab's engine on the driver; then the schedules each needs to
// first catch a lost update (bench/fixtures/lost-update-driver.ts), median over 20 seeds.
import fc from 'fast-check';
import { explore } from '../dist/explore/index.js';
import { createVmRealm } from '../dist/sandbox/vm-realm.js';
import { compileFixture } from './fixture-driver.mjs';
import { ITERATIONS, THREADS, workloadProperty, workloadScenario } from './peer-workload.mjs';
import { firstDetection, median, round } from './stats.mjs';

export const SEEDS = 20;

/**
 * The lost-update variants: `write` reads Count under the lock and writes it right after the
 * release (DispatchWrite); `stall` makes one more kernel call between the release and the write
 * (DispatchRead's KeStallExecutionProcessor), a scheduling point at which the update can be lost.
 */
export const VARIANTS = { write: 'write after release', stall: 'stall, then write after release' };

/** The vm realm of the driver bench/fixtures/`fixture`. */
async function realmOf(fixture) {
  return createVmRealm(await compileFixture(fixture));
}

/** CPU seconds (user + system) of this process since `since`: other load on the machine moves it less than wall time. */
const cpuSecondsSince = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

async function timeSpinlab(realm, scenario, schedules, seed) {
  const started = process.cpuUsage();
  const result = await explore({ driver: realm, scenario, strategy: 'random', seed, schedules, locate: false });
  const seconds = cpuSecondsSince(started);
  if (result.groups.length > 0) throw new Error(`benchmark driver has findings: ${result.groups.map((g) => g.id).join(', ')}`);
  return { seconds, schedules: result.schedulesRun, calls: result.totals.kernelCalls, spins: 0 };
}

async function timeFastCheck(withLockset, runs, seed) {
  const counts = { schedules: 0, calls: 0, spins: 0 };
  const started = process.cpuUsage();
  const details = await fc.check(workloadProperty(null, withLockset, counts), { numRuns: runs, seed });
  const seconds = cpuSecondsSince(started);
  if (details.failed) throw new Error(`fast-check workload failed: ${String(details.errorInstance)}`);
  return { seconds, ...counts };
}

/** Medians over rounds of schedules and calls per CPU second, with calls per schedule (kernel calls, and failed test-and-set attempts). */
function summarize(samples) {
  const perSchedule = (key) => samples.reduce((n, x) => n + x[key], 0) / samples.reduce((n, x) => n + x.schedules, 0);
  return {
    schedulesPerCpuSec: round(median(samples.map((x) => x.schedules / x.seconds)), 1),
    callsPerCpuSec: round(median(samples.map((x) => x.calls / x.seconds))),
    callsPerSchedule: round(perSchedule('calls')),
    kernelCallsPerSchedule: round(perSchedule('calls') - perSchedule('spins')),
    spinsPerSchedule: round(perSchedule('spins')),
  };
}

/** Schedules (1-based) fast-check needs before the property fails, or null within `budget`. */
async function fastCheckCatch(bug, withLockset, seed, budget) {
  const details = await fc.check(workloadProperty(bug, withLockset, { schedules: 0, calls: 0, spins: 0 }), { numRuns: budget, seed, endOnFailure: true });
  if (!details.failed) return null;
  if (!/^(Count is|lockset:)/.test(String(details.errorInstance?.message))) throw new Error(`fast-check workload threw: ${String(details.errorInstance)}`);
  return details.numRuns;
}

/** Schedules (1-based) spinlab needs before a finding `caught` accepts, or null within `budget`. */
function spinlabCatch(realm, scenario, strategy, seed, budget, caught) {
  return firstDetection({ driver: realm, scenario, strategy, seed, schedules: budget, locate: false }, caught);
}

const onCount = (group) => group.finding.check === 'invariant' || (group.finding.check === 'data-race' && group.id.includes('|ext.Count|'));
const onInvariant = (group) => group.finding.check === 'invariant';

/** The catchers compared, in table order: who, what counts as caught, and how to run one seed. */
function catchers(realm, scenarios) {
  const spinlab = (strategy, caught) => (bug, seed, budget) => spinlabCatch(realm, scenarios[bug], strategy, seed, budget, caught);
  const wrong = `final Count ≠ ${THREADS * ITERATIONS}`;
  return [
    { id: 'fastCheck', name: 'fast-check', caught: `the property: ${wrong}`, run: (bug, seed, budget) => fastCheckCatch(bug, false, seed, budget) },
    { id: 'fastCheckLockset', name: 'fast-check + lockset', caught: 'the property or the lockset check', run: (bug, seed, budget) => fastCheckCatch(bug, true, seed, budget) },
    { id: 'spinlabPct', name: 'spinlab pct', caught: 'a data-race finding on ext.Count or the invariant', run: spinlab('pct', onCount) },
    { id: 'spinlabRandom', name: 'spinlab random', caught: 'a data-race finding on ext.Count or the invariant', run: spinlab('random', onCount) },
    { id: 'spinlabPctInvariant', name: 'spinlab pct, invariant only', caught: `the invariant: ${wrong}`, run: spinlab('pct', onInvariant) },
    { id: 'spinlabRandomInvariant', name: 'spinlab random, invariant only', caught: `the invariant: ${wrong}`, run: spinlab('random', onInvariant) },
  ];
}

/**
 * Runs the comparison; returns its figures. Throughput: after a warm-up, `rounds` rounds each
 * timing spinlab (random strategy, every check, vm realm), fast-check bare and fast-check with the
 * lockset check, one after the other, in CPU seconds; medians. `fastCheckRatio` is spinlab's calls per CPU second over
 * fast-check's with the lockset check, counting every scheduled call (failed attempts included),
 * as the median of the rounds' ratios. `quick`: shorter rounds and a budget of 100 (default false);
 * `onLine`: called with each part's figures as they come (for progress).
 */
export async function benchPeer({ quick = false, seeds = SEEDS, onLine } = {}) {
  const loop = await realmOf('loop-driver.ts');
  const scenario = workloadScenario((t, device) => t.write(device, [1]));
  const schedules = quick ? 50 : 200;
  const runs = quick ? 20 : 80;
  const rounds = quick ? 3 : 11;
  const samples = { spinlab: [], fastCheck: [], fastCheckLockset: [] };
  const timers = {
    spinlab: (seed) => timeSpinlab(loop, scenario, schedules, seed),
    fastCheck: (seed) => timeFastCheck(false, runs, seed),
    fastCheckLockset: (seed) => timeFastCheck(true, runs, seed),
  };
  // Warm-up: spinlab's engine and the driver's realm take a few hundred schedules to reach full speed.
  await timeSpinlab(loop, scenario, 400, 1000);
  await timeFastCheck(false, 80, 1000);
  await timeFastCheck(true, 80, 1000);
  const order = Object.keys(timers);
  for (let round = 0; round < rounds; round++) {
    // Each round starts with the next of the three, so none always runs first.
    for (let k = 0; k < order.length; k++) {
      const name = order[(round + k) % order.length];
      samples[name].push(await timers[name](round + 1));
    }
  }
  const speed = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)]));
  onLine?.('throughput', speed);

  const lost = await realmOf('lost-update-driver.ts');
  // IRP_MJ_WRITE runs the `write` variant, IRP_MJ_READ the `stall` one.
  const lostScenarios = { write: workloadScenario((t, device) => t.write(device, [1])), stall: workloadScenario((t, device) => t.read(device, 1)) };
  const budget = quick ? 100 : 500;
  const detection = {};
  for (const catcher of catchers(lost, lostScenarios)) {
    detection[catcher.id] = { name: catcher.name, caught: catcher.caught };
    for (const bug of Object.keys(VARIANTS)) {
      const hits = [];
      for (let seed = 1; seed <= seeds; seed++) {
        const at = await catcher.run(bug, seed, budget);
        if (at !== null) hits.push(at);
      }
      detection[catcher.id][bug] = { median: median(hits), caught: hits.length / seeds };
    }
    onLine?.('detection', detection[catcher.id]);
  }
  // Ratios pair the samples of one round (taken back to back, under the same load), median over rounds.
  const ratio = (a, b, key) => round(median(samples[a].map((x, i) => (x[key] / x.seconds) / (samples[b][i][key] / samples[b][i].seconds))), 2);
  return {
    fastCheckVersion: fc.__version,
    threads: THREADS,
    iterations: ITERATIONS,
    rounds,
    ...speed,
    fastCheckRatio: ratio('spinlab', 'fastCheckLockset', 'calls'),
    fastCheckScheduleRatio: ratio('spinlab', 'fastCheckLockset', 'schedules'),
    locksetCost: ratio('fastCheck', 'fastCheckLockset', 'schedules'),
    seeds,
    budget,
    detection,
  };
}

const cell = (r) => `${r.median ?? '—'} / ${round(r.caught * 100)}%`;

/** Terminal lines for `figures` (no trailing blank line). */
export function peerLines(f) {
  const row = (name, x) => `  ${name.padEnd(22)}${String(x.schedulesPerCpuSec).padStart(8)} schedules/CPU-s ${x.callsPerCpuSec.toLocaleString('en-US').padStart(9)} calls/CPU-s   (${x.callsPerSchedule} calls per schedule = ${x.kernelCallsPerSchedule} kernel calls + ${x.spinsPerSchedule} failed attempts)`;
  return [
    `against fast-check ${f.fastCheckVersion} (the engine workload on fc.scheduler(), same run, median of ${f.rounds} rounds)`,
    row('spinlab (every check)', f.spinlab),
    row('fast-check', f.fastCheck),
    row('fast-check + lockset', f.fastCheckLockset),
    `  spinlab ÷ fast-check + lockset: ${f.fastCheckRatio}× calls, ${f.fastCheckScheduleRatio}× schedules per CPU second   (the lockset check costs fast-check ${f.locksetCost}×)`,
    `  lost update, schedules to first catch (median over ${f.seeds} seeds / share caught within ${f.budget}):`,
    ...Object.values(f.detection).map((d) => `    ${d.name.padEnd(31)}${Object.keys(VARIANTS).map((v) => `${v} ${cell(d[v])}`).join(', ')}`),
  ];
}

/** The BENCHMARKS.md section's lines, without its heading. */
export function peerSection(f) {
  const speedRow = (name, x) => `| ${name} | ${x.schedulesPerCpuSec} | ${x.callsPerCpuSec.toLocaleString('en-US')} | ${x.callsPerSchedule} = ${x.kernelCallsPerSchedule} + ${x.spinsPerSchedule} |`;
  return [
    'Regenerate with `npm run bench -- --only peer --write` (1–2 minutes on 2 cores).',
    `The engine workload — ${f.threads} threads, ${f.iterations} iterations each of acquire → read and write one field → release —`,
    `written again for fast-check ${f.fastCheckVersion}'s \`fc.scheduler()\` in an \`fc.asyncProperty\`: four async functions whose every`,
    'kernel call (the lock\'s initialization, each acquire attempt, release, the IRP\'s completion) is a promise the',
    'scheduler releases when it picks it (`s.schedule`, driven by `s.waitIdle()`), taking effect then, as in spinlab;',
    'the lock is a shared boolean, test-and-set, an attempt that finds it held yielding and retrying. "+ lockset" adds',
    'a minimal Eraser check in plain JavaScript (per field, the intersection of the locks held at each access; empty,',
    'with two threads and a write, is a race). Timed in the same run: after a warm-up, spinlab (random strategy,',
    `every check, vm realm), fast-check and fast-check + lockset back to back, ${f.rounds} rounds, each timed in CPU seconds`,
    'of the benchmark\'s process (user + system, V8\'s collector and compiler threads included: other load on the',
    'machine moves it less than wall time); medians, and for the ratios the median of the rounds\' ratios.',
    '',
    '| | schedules per CPU second | calls per CPU second | calls per schedule = kernel calls + failed attempts |',
    '|---|---|---|---|',
    speedRow('spinlab, every check', f.spinlab),
    speedRow('fast-check', f.fastCheck),
    speedRow('fast-check + lockset', f.fastCheckLockset),
    '',
    `spinlab runs ${f.fastCheckRatio}× the calls per CPU second of fast-check with the lockset check (\`fastCheckRatio\`) and`,
    `${f.fastCheckScheduleRatio}× its schedules; fast-check's schedules per CPU second without the check are ${f.locksetCost}× those with it.`,
    'Not like for like: spinlab runs all its checks (vector clocks, locksets, IRQL, lock state), every field access',
    'goes through a tracked-memory proxy, and the driver is compiled TypeScript in a vm realm; fast-check runs a bare',
    'closure with one field, and spends its time in the scheduler (`waitIdle` lets 50 microtask ticks pass before each',
    'pick, so that continuations settle). A spinlab acquire of a held lock blocks (spinning is not a step), so its calls',
    'are the driver\'s; fast-check\'s failed test-and-set attempts are scheduled calls too, counted in its calls, which is',
    'why the calls ratio is the smaller one.',
    '',
    `Schedules to first catch a lost update (bench/fixtures/lost-update-driver.ts), median over seeds 1–${f.seeds}`,
    `(over the seeds that caught it) / share of seeds caught within ${f.budget} schedules. *${VARIANTS.write}*: Count read`,
    `under the lock, written right after the release; *${VARIANTS.stall}*: one more kernel call`,
    `(KeStallExecutionProcessor) between them (${1 + f.threads * (2 * f.iterations + 1)} and ${1 + f.threads * (3 * f.iterations + 1)} kernel calls a schedule, in both tools).`,
    '',
    `| | caught when | ${Object.values(VARIANTS).join(' | ')} |`,
    `|---|---|${Object.keys(VARIANTS).map(() => '---').join('|')}|`,
    ...Object.values(f.detection).map((d) => `| ${d.name} | ${d.caught} | ${Object.keys(VARIANTS).map((v) => cell(d[v])).join(' | ')} |`),
    '',
    'Both tools run the code between two kernel calls atomically, so a write right after the release is never',
    'interleaved: no schedule loses the update and no assertion on the final value can catch it, in either tool;',
    'spinlab\'s happens-before check, and the lockset check on fast-check, report the race without the update being lost.',
    'With a scheduling point between release and write, schedules do lose updates, and the final-value checks see it.',
  ];
}
