/**
 * The sandbox's entry point, run by the grader in a child process under
 * Node's permission model. Reads one job on stdin, explores, and reports
 * over IPC. Student code runs only inside the vm realm made here.
 */
import { explore, type ScheduleProgress } from '../explore/index.js';
import type { ChildMessage, SandboxJob } from './protocol.js';
import { loadScenario } from './scenario-load.js';
import { SourceMap } from './source-map.js';
import { createVmRealm } from './vm-realm.js';

/** Batches progress so a fast exploration does not flood the channel (new findings go at once). */
const FLUSH_EVERY_MS = 50;

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}

async function readJob(): Promise<SandboxJob> {
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) text += chunk as string;
  return JSON.parse(text) as SandboxJob;
}

async function main(): Promise<void> {
  const job = await readJob();
  const map = SourceMap.fromInline(job.driver.code);
  if (map === null) throw new Error('the driver bundle has no source map');
  const scenario = await loadScenario(job.scenario);
  const realm = await createVmRealm({ code: job.driver.code, root: job.driver.root, files: job.driver.files, map });
  const queue: ScheduleProgress[] = [];
  let last = Date.now();
  const flush = async (): Promise<void> => {
    last = Date.now();
    if (queue.length === 0) return;
    const schedules = queue.splice(0).map(({ schedule, added, seen }) => ({ schedule, added, seen }));
    await send({ type: 'progress', schedules });
  };
  const x = job.exploration;
  const result = await explore({
    driver: realm,
    scenario,
    strategy: x.strategy,
    seed: x.seed,
    schedules: x.schedules,
    cpus: x.cpus,
    maxSteps: x.maxSteps,
    pctDepth: x.pctDepth,
    preemptionBound: x.preemptionBound,
    schedule: x.schedule,
    timeline: x.timeline,
    onSchedule: (progress) => {
      queue.push(progress);
      if (progress.added.length > 0 || Date.now() - last >= FLUSH_EVERY_MS) void flush();
    },
  });
  await flush();
  await send({ type: 'done', result: { ...result, output: realm.takeOutput() } });
}

main().then(
  () => process.disconnect?.(),
  async (error: unknown) => {
    await send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.disconnect?.();
    process.exitCode = 3;
  },
);
