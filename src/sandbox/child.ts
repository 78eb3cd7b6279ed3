/**
 * The sandbox's entry point, run by the grader in a child process (bundled
 * into one file, `dist/sandbox-child.mjs`, which is all the child may read).
 * Reads one job on stdin, explores, and reports on file descriptor 3 in
 * sealed lines. Student code runs only inside the vm realm made here, and
 * only after {@link lockDownHost}.
 */
import { Socket } from 'node:net';
import { explore, type ScheduleProgress } from '../explore/index.js';
import { lockDownHost } from './host-lockdown.js';
import type { ChildMessage, SandboxJob } from './protocol.js';
import { loadScenario } from './scenario-load.js';
import { createSealer } from './sealed-channel.js';
import { SourceMap } from './source-map.js';
import { createVmRealm } from './vm-realm.js';
import { capText, THROWN_STACK_CHARS } from '../text-cap.js';

/** Batches progress so a fast exploration does not flood the channel (new findings go at once). */
const FLUSH_EVERY_MS = 50;

const channel = new Socket({ fd: 3, readable: false, writable: true });
let written: Promise<void> = Promise.resolve();

function writeLine(line: string): void {
  written = new Promise((resolve) => {
    channel.write(line, () => resolve());
  });
}

async function readJob(): Promise<SandboxJob> {
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) text += chunk as string;
  return JSON.parse(text) as SandboxJob;
}

/** What a thrown value says, without running code it may carry (a realm object's getters); capped, as it may quote the student. */
function describe(error: unknown): string {
  return error instanceof Error ? capText(String(error.stack ?? error.message), THROWN_STACK_CHARS) : 'a value that is not an Error';
}

async function main(): Promise<void> {
  const { key, ...job } = await readJob();
  const send: (message: ChildMessage) => void = createSealer(key, writeLine);
  let phase: 'setup' | 'explore' = 'setup';
  // Neither a rejection nor an exception may end the child unsealed, and neither is ever inspected.
  process.on('unhandledRejection', () => {});
  process.on('uncaughtException', (error) => {
    send({ type: 'failed', phase: 'explore', message: describe(error) });
    void written.then(() => channel.end(() => process.exit(3)));
  });
  try {
    const scenario = await loadScenario(job.scenario);
    lockDownHost();
    // From here on the student's code is involved (its source map and its compilation come first).
    phase = 'explore';
    const map = SourceMap.fromInline(job.driver.code);
    if (map === null) throw new Error('the driver bundle has no source map');
    const realm = await createVmRealm({ code: job.driver.code, root: job.driver.root, files: job.driver.files, stateParameter: job.driver.stateParameter, statements: job.driver.statements, map });
    const queue: ScheduleProgress[] = [];
    let last = Date.now();
    const flush = (): void => {
      last = Date.now();
      if (queue.length === 0) return;
      const schedules = queue.splice(0).map(({ schedule, added, seen, earlier, undecided }) => ({ schedule, added, seen, earlier, undecided }));
      send({ type: 'progress', schedules });
    };
    const result = await explore({
      driver: realm,
      scenario,
      ...job.exploration,
      onSchedule: (progress) => {
        queue.push(progress);
        if (progress.added.length > 0 || Date.now() - last >= FLUSH_EVERY_MS) flush();
      },
    });
    flush();
    send({ type: 'done', result: { ...result, output: `${result.output}${realm.takeOutput()}` }, ran: realm.takeCoverage() });
  } catch (error) {
    send({ type: 'failed', phase, message: describe(error) });
    process.exitCode = 3;
  }
  await written;
  channel.end();
}

void main();
