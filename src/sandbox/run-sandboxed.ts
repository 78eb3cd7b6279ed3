/**
 * Runs a job in a child process: Node's permission model (read only
 * spinlab's dist/; no writes, child processes, workers or addons), a memory
 * cap, a wall-clock limit and an output cap. Results stream back as they are
 * decided, so a timeout, crash or out-of-memory keeps what was decided.
 */
import { execa } from 'execa';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExploreResult, FindingGroup } from '../explore/index.js';
import type { CompiledDriver } from './bundle-format.js';
import type { ChildMessage, SandboxExploration, SandboxJob } from './protocol.js';

/** The sandbox's limits. */
export interface SandboxLimits {
  /** Wall-clock limit for the whole job (default 60 s). */
  readonly timeoutMs?: number;
  /** Heap limit (default 512 MB). */
  readonly memoryMb?: number;
  /** stdout + stderr kept from the child (default 64 KB); the child never prints student output there. */
  readonly outputBytes?: number;
}

/** What became of a sandboxed job. */
export interface SandboxOutcome {
  readonly status: 'done' | 'timed-out' | 'crashed';
  /** The full result, when the job finished. */
  readonly result: ExploreResult | null;
  /** What was decided before the end, always (the full result's groups when done). */
  readonly groups: readonly FindingGroup[];
  readonly schedulesRun: number;
  /** Why it crashed (out of memory, a signal, the child's own failure). */
  readonly reason: string | null;
  /** True when the child failed for a reason that is the grader's (a broken scenario), not the student's. */
  readonly graderFault: boolean;
}

const here = dirname(fileURLToPath(import.meta.url));
const distDir = resolve(here, '..');
const childEntry = resolve(here, 'child.js');
const permissionFlag = Number(process.versions.node.split('.')[0]) >= 22 ? '--permission' : '--experimental-permission';

/** Explores compiled `driver` under compiled `scenario` in a sandboxed child process. */
export async function runSandboxed(driver: CompiledDriver, scenario: string, exploration: SandboxExploration, limits: SandboxLimits = {}): Promise<SandboxOutcome> {
  const job: SandboxJob = { type: 'job', driver: { code: driver.code, root: driver.root, files: driver.files }, scenario, exploration };
  const groups = new Map<string, FindingGroup>();
  let schedulesRun = 0;
  let result: ExploreResult | null = null;
  let failure: string | null = null;
  const child = execa(
    process.execPath,
    [
      permissionFlag,
      `--allow-fs-read=${distDir}/*`,
      `--max-old-space-size=${limits.memoryMb ?? 512}`,
      '--no-warnings',
      childEntry,
    ],
    {
      ipc: true,
      serialization: 'advanced',
      input: JSON.stringify(job),
      timeout: limits.timeoutMs ?? 60_000,
      killSignal: 'SIGKILL',
      maxBuffer: limits.outputBytes ?? 65_536,
      reject: false,
      cleanup: true,
      env: { NODE_OPTIONS: '' },
      extendEnv: false,
    },
  );
  child.on('message', (raw: unknown) => {
    const message = raw as ChildMessage;
    if (message.type === 'progress') {
      for (const entry of message.schedules) {
        schedulesRun = Math.max(schedulesRun, entry.schedule + 1);
        for (const group of entry.added) groups.set(group.id, { ...group, schedules: [] });
        for (const id of entry.seen) {
          const group = groups.get(id);
          if (group !== undefined && group.schedules[group.schedules.length - 1] !== entry.schedule) group.schedules.push(entry.schedule);
        }
      }
    } else if (message.type === 'done') {
      result = message.result;
    } else if (message.type === 'failed') {
      failure = message.message;
    }
  });
  const ended = await child;
  const finished = result as ExploreResult | null;
  if (finished !== null) {
    return { status: 'done', result: finished, groups: finished.groups, schedulesRun: finished.schedulesRun, reason: null, graderFault: false };
  }
  const partial = { result: null, groups: [...groups.values()], schedulesRun };
  if (ended.timedOut) return { ...partial, status: 'timed-out', reason: null, graderFault: false };
  if (failure !== null) return { ...partial, status: 'crashed', reason: failure, graderFault: true };
  const stderr = String(ended.stderr ?? '');
  const outOfMemory = /heap out of memory|Allocation failed/i.test(stderr);
  const reason = outOfMemory
    ? `the sandbox ran out of memory (${limits.memoryMb ?? 512} MB)`
    : ended.isMaxBuffer
      ? 'the sandbox printed more than its output limit'
      : `the sandbox exited (${ended.signal ?? `code ${String(ended.exitCode)}`})${stderr === '' ? '' : `: ${stderr.trim().split('\n').slice(-3).join(' ')}`}`;
  return { ...partial, status: 'crashed', reason, graderFault: false };
}
