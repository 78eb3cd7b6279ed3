// Command-line benchmarks: start-up against bare node, `spinlab check` split by phase,
// and batch throughput with --jobs 1 and --jobs 2.
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { filesEnding, mutantPatches, readMutant } from '../dist/grade/selftest.js';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { round } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/spinlab.js');

/** The upper median of `values` (the higher of two middle ones; stats.mjs's is the lower): the same for the odd counts used here. */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(args, options = {}) {
  const started = performance.now();
  const run = await execa(process.execPath, args, { reject: false, cwd: root, env: { NO_COLOR: '1' }, ...options });
  return { ms: performance.now() - started, run };
}

/** `spinlab --version` against `node -e 0`, median of `rounds` runs each; and the CPU seconds one `node -e 0` costs (mean). */
export async function benchStartup(rounds = 15) {
  const node = [];
  const spinlab = [];
  let nodeCpu = 0;
  for (let i = 0; i < rounds; i++) {
    const before = childCpuSeconds();
    node.push((await timed(['-e', '0'])).ms);
    const after = childCpuSeconds();
    nodeCpu = before === null || after === null || nodeCpu === null ? null : nodeCpu + (after - before);
    spinlab.push((await timed([bin, '--version'])).ms);
  }
  const nodeMs = median(node);
  const versionMs = median(spinlab);
  return { nodeMs: round(nodeMs), versionMs: round(versionMs), versionVsNode: round(versionMs / nodeMs, 2), nodeStartupCpuSeconds: nodeCpu === null ? null : round(nodeCpu / rounds, 3) };
}

/** `spinlab check` on the first exercise's starter: wall time split into start-up, compile, type-check, explore. */
export async function benchCheck() {
  const { ms, run } = await timed([bin, 'check', '01-initialize-lock', '--json']);
  const result = JSON.parse(run.stdout);
  const t = result.timing;
  return {
    totalMs: round(ms),
    startupMs: round(ms - t.totalMs),
    compileMs: t.compileMs,
    typecheckMs: t.typecheckMs,
    exploreMs: t.exploreMs,
    schedules: result.exploration.schedulesRun,
  };
}

/** Batch throughput on `count` submissions (the first exercise's solutions and mutants, round robin). */
export async function benchBatch(count = 40) {
  const work = mkdtempSync(join(tmpdir(), 'spinlab-bench-batch-'));
  const grader = join(root, 'graders/01-initialize-lock');
  // The solutions as they are, the mutants as their patches make them.
  const sources = [
    ...[join(grader, 'solution.ts'), ...filesEnding(join(grader, 'solutions'), '.ts')].map((file) => readFileSync(file, 'utf8')),
    ...mutantPatches(grader).map((file) => readMutant(file).source),
  ];
  const classDir = join(work, 'class');
  for (let i = 0; i < count; i++) {
    const dir = join(classDir, `student${String(i).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'driver.ts'), sources[i % sources.length]);
  }
  const cpuBefore = childCpuSeconds();
  const one = await timed([bin, 'batch', '01-initialize-lock', classDir, '--jobs', '1', '--out', join(work, 'jobs1')]);
  const cpuAfter = childCpuSeconds();
  const two = await timed([bin, 'batch', '01-initialize-lock', classDir, '--jobs', '2', '--out', join(work, 'jobs2')]);
  rmSync(work, { recursive: true, force: true });
  // How many cores one submission keeps busy with --jobs 1 (V8's compiler and collector threads in each
  // sandbox process): on C cores, --jobs C can be at most C / this faster.
  const coresBusy = cpuBefore === null || cpuAfter === null ? null : round((cpuAfter - cpuBefore) / (one.ms / 1000), 2);
  // CPU seconds one graded submission costs, everything included (the batch's own process, the sandbox, tsc).
  const cpuSecondsPerSubmission = cpuBefore === null || cpuAfter === null ? null : round((cpuAfter - cpuBefore) / count, 3);
  return {
    submissions: count,
    jobs1PerMin: round((count / one.ms) * 60_000, 1),
    jobs2PerMin: round((count / two.ms) * 60_000, 1),
    speedup: round(one.ms / two.ms, 2),
    coresBusyWithJobs1: coresBusy,
    cpuSecondsPerSubmission,
    cores: availableParallelism(),
  };
}

/** CPU seconds used by this process's waited-for children and their descendants (Linux; null elsewhere). */
function childCpuSeconds() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // Fields 16 and 17 of stat (cutime, cstime), counted from the state field (3), in clock ticks (100 per second).
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}
