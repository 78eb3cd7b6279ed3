/**
 * Runs a job in a sandbox child process and believes only what it can
 * verify. The child: Node's permission model (it may read its own bundle and
 * nothing else; no writes, child processes, workers, addons or inspector),
 * frozen intrinsics, no code generation from strings, a heap cap, a
 * wall-clock limit, an output cap, its own session, and on Linux its own PID
 * and network namespaces (see `confinement.ts`). Its messages arrive sealed
 * with a key made for this job (`sealed-channel.ts`) and must agree with the
 * plan (`progress-ledger.ts`); a child that exits early, breaks the seal or
 * the plan is graded as crashed, keeping only the findings it had verifiably
 * reported.
 */
import { execa } from 'execa';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { INSTALL_ROOT } from '../host-paths.js';
import type { ExploreResult, FindingGroup } from '../explore/index.js';
import { SITE_FRAMES } from '../machine/index.js';
import type { UndecidedSchedule } from '../scenario/index.js';
import type { CompiledDriver } from './bundle-format.js';
import { confinement } from './confinement.js';
import { ProgressLedger } from './progress-ledger.js';
import { watched } from './process-watch.js';
import type { SandboxExploration, SandboxJob } from './protocol.js';
import { ChannelReader, type ChannelLimits } from './channel-reader.js';
import { ChannelBreach } from './sealed-channel.js';
import { V8_TUNING } from './v8-tuning.js';

/** The sandbox's limits. */
export interface SandboxLimits {
  /** Wall-clock limit for the whole job (default 60 s). */
  readonly timeoutMs?: number;
  /** Heap limit (default 512 MB). */
  readonly memoryMb?: number;
  /** stdout + stderr kept from the child (default 64 KB); the child never prints student output there. */
  readonly outputBytes?: number;
  /** Limits on the sealed channel (default {@link DEFAULT_CHANNEL_LIMITS}). */
  readonly channel?: ChannelLimits;
  /**
   * For the sandbox's own tests: run this file as the child instead of spinlab's, under the same
   * flags and confinement — a stand-in for code that has taken the whole child over.
   */
  readonly childEntry?: string;
}

/** What became of a sandboxed job. */
export interface SandboxOutcome {
  readonly status: 'done' | 'timed-out' | 'crashed';
  /** The full result, when the job finished. */
  readonly result: ExploreResult | null;
  /** When the job finished: character `i` is `1` if the driver's statement `i` ran in some schedule (line coverage). */
  readonly ran: string | null;
  /** What was decided before the end, always (the full result's groups when done). */
  readonly groups: readonly FindingGroup[];
  readonly schedulesRun: number;
  /** The schedules reported so far that the grader could not decide (the full result's when done). */
  readonly undecided: readonly UndecidedSchedule[];
  /** Why it crashed (out of memory, a signal, a broken seal, the child's own failure). */
  readonly reason: string | null;
  /** True when the child failed before any student code ran (a broken scenario): the grader's fault, not the student's. */
  readonly graderFault: boolean;
}

/** The child, bundled into one file by the build: the only file it may read. */
export const CHILD_BUNDLE = join(INSTALL_ROOT, 'dist/sandbox-child.mjs');
const permissionFlag = Number(process.versions.node.split('.')[0]) >= 22 ? '--permission' : '--experimental-permission';

/** The child's Node options (see the file comment). */
function nodeArguments(memoryMb: number, entry: string): string[] {
  return [
    permissionFlag,
    `--allow-fs-read=${entry}`,
    '--frozen-intrinsics',
    '--disallow-code-generation-from-strings',
    // Lets the vm realm answer a dynamic import() with its own error (Node 20 needs the flag for the callback).
    '--experimental-vm-modules',
    `--stack-trace-limit=${SITE_FRAMES}`,
    `--max-old-space-size=${memoryMb}`,
    '--no-warnings',
    ...V8_TUNING,
    entry,
  ];
}

/** Explores compiled `driver` under compiled `scenario` in a sandboxed child process. */
export async function runSandboxed(driver: CompiledDriver, scenario: string, exploration: SandboxExploration, limits: SandboxLimits = {}): Promise<SandboxOutcome> {
  const key = randomBytes(32).toString('hex');
  const job: SandboxJob = { type: 'job', key, driver: { code: driver.code, root: driver.root, files: driver.files, stateParameter: driver.stateParameter, statements: driver.statements }, scenario, exploration };
  const memoryMb = limits.memoryMb ?? 512;
  const ledger = new ProgressLedger({ ...exploration, statements: driver.statements.length });
  const reader = new ChannelReader(key, limits.channel);
  const jail = await confinement();
  const args = nodeArguments(memoryMb, limits.childEntry ?? CHILD_BUNDLE);
  const child = watched(execa(jail.command === '' ? process.execPath : jail.command, jail.command === '' ? args : [...jail.prefix, process.execPath, ...args], {
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    buffer: { stdout: true, stderr: true, fd3: false },
    input: JSON.stringify(job),
    timeout: limits.timeoutMs ?? 60_000,
    killSignal: 'SIGKILL',
    maxBuffer: limits.outputBytes ?? 65_536,
    reject: false,
    cleanup: true,
    env: { NODE_OPTIONS: '', TZ: 'UTC', LANG: 'C' },
    extendEnv: false,
  }));
  let breach: string | null = null;
  const channel = child.stdio[3] as NodeJS.ReadableStream;
  channel.setEncoding('utf8');
  channel.on('data', (chunk: string) => {
    if (breach !== null) return;
    try {
      for (const message of reader.feed(chunk)) ledger.accept(message);
    } catch (error) {
      breach = error instanceof ChannelBreach ? error.message : 'the sandbox sent something spinlab could not read';
      child.kill('SIGKILL');
    }
  });
  const channelClosed = new Promise<void>((resolveClosed) => {
    channel.on('end', resolveClosed);
    channel.on('close', resolveClosed);
    channel.on('error', () => resolveClosed());
  });
  const ended = await child;
  await channelClosed;
  const end = ledger.end;
  if (breach === null && end.kind === 'done') {
    return { status: 'done', result: end.result, ran: end.ran, groups: end.result.groups, schedulesRun: end.result.schedulesRun, undecided: end.result.undecided, reason: null, graderFault: false };
  }
  const partial = { result: null, ran: null, groups: ledger.groups, schedulesRun: ledger.schedulesRun, undecided: ledger.undecided };
  if (breach !== null) return { ...partial, status: 'crashed', reason: breach, graderFault: false };
  if (ended.timedOut) return { ...partial, status: 'timed-out', reason: null, graderFault: false };
  if (end.kind === 'failed') {
    return { ...partial, status: 'crashed', reason: end.phase === 'setup' ? end.message : `the sandbox failed: ${firstLine(end.message)}`, graderFault: end.phase === 'setup' };
  }
  return { ...partial, status: 'crashed', reason: exitReason(ended, memoryMb), graderFault: false };
}

function exitReason(ended: { stderr?: unknown; isMaxBuffer?: boolean; signal?: string; exitCode?: number }, memoryMb: number): string {
  const stderr = String(ended.stderr ?? '').replace(/[^\x20-\x7e\n]/g, '');
  if (/heap out of memory|Allocation failed/i.test(stderr)) return `the sandbox ran out of memory (${memoryMb} MB)`;
  if (ended.isMaxBuffer === true) return 'the sandbox printed more than its output limit';
  const tail = stderr.trim().split('\n').slice(-3).join(' ').slice(0, 500);
  return `the sandbox exited before it finished (${ended.signal ?? `code ${String(ended.exitCode)}`})${tail === '' ? '' : `: ${tail}`}`;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 500);
}
