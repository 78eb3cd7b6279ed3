/**
 * Gradings guarded by their budget from outside. Each grading runs in a
 * worker thread (`grading-worker.ts`); this thread keeps a timer at the
 * grading's deadline ({@link GradingBudget}, plus a grace for the worker to
 * finish its own way). Inside the worker every phase is bounded by what is
 * left of the budget, but a step that runs synchronously on the worker's
 * thread — a regex over student text, say — blocks its timers; this timer
 * still fires: the worker is terminated (V8 stops even a busy loop), the
 * processes it had started are killed, and the submission is recorded as
 * `timed-out`, naming the phase it was stopped in. The next grading gets a
 * fresh worker; a batch moves on.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SpinlabError, type SpinlabErrorCode } from '../errors.js';
import { INSTALL_ROOT } from '../host-paths.js';
import type { GradeResult } from '../rubric/result.js';
import type { GradeRequest } from './grade-submission.js';
import { GradingBudget, type GradingPhase } from './grading-budget.js';
import { faultText, graderErrorResult, ungradedResult } from './ungraded-result.js';

/** A replay command as the text around the schedule code (a function cannot cross to a worker). */
export interface ReplayTemplate {
  readonly before: string;
  readonly after: string;
}

/** The command of a template, for a code. */
export function replayFrom(template: ReplayTemplate): (code: string) => string {
  return (code) => `${template.before}${code}${template.after}`;
}

/** A grading as it crosses to the worker: a {@link GradeRequest} with its replay command as a template, and the compiled scenario. */
export interface GradingJob extends Omit<GradeRequest, 'replay' | 'scenario'> {
  readonly replay: ReplayTemplate | null;
  readonly scenario: string;
}

/** What a grading worker tells the guard. */
export type WorkerMessage =
  | { readonly type: 'phase'; readonly phase: GradingPhase }
  | { readonly type: 'process'; readonly pid: number; readonly alive: boolean }
  | { readonly type: 'result'; readonly result: GradeResult }
  | { readonly type: 'spinlab-error'; readonly code: SpinlabErrorCode; readonly message: string; readonly hint: string | undefined }
  | { readonly type: 'failed'; readonly message: string };

/** Past the deadline, how long the guard lets a worker finish its own way (it reports its own timeouts). */
export const GUARD_GRACE_MS = 5_000;
/** Extra time for a worker that may still be loading spinlab's modules (about a second; more on a busy machine). */
export const WORKER_START_MS = 10_000;
/** A grading worker's heap: a host step over student text that needs more is stopped (`crashed`). */
export const WORKER_HEAP_MB = 1536;

// The worker bundle (one file: a worker loads it in a fraction of the time the modules take).
const WORKER_ENTRY = pathToFileURL(join(INSTALL_ROOT, 'dist/grading-worker.mjs'));

/** How a pool runs its workers (each has a default for spinlab's own use). */
export interface PoolOptions {
  /** The worker's module (default: grading-worker.js; tests give a stand-in). */
  readonly entry?: URL;
  /** A worker's heap limit (default {@link WORKER_HEAP_MB}). */
  readonly heapMb?: number;
  /** How long past a grading's budget the guard waits (default {@link GUARD_GRACE_MS} + {@link WORKER_START_MS}). */
  readonly graceMs?: number;
}

/** Worker threads for guarded gradings: one per grading in progress, reused after a grading that ended its own way. */
export class GradingPool {
  private readonly idle: Worker[] = [];
  /** Processes of gradings in progress, by worker: killed if the grading is stopped, or this process is. */
  private readonly processes = new Map<Worker, Set<number>>();
  private readonly onSignal = (signal: NodeJS.Signals): void => this.stopOnSignal(signal);

  private readonly options: Required<PoolOptions>;

  /** `warm` workers start loading spinlab's modules at once (about a second), while the caller prepares its first job. */
  constructor(warm = 0, options: PoolOptions = {}) {
    this.options = { entry: WORKER_ENTRY, heapMb: WORKER_HEAP_MB, graceMs: GUARD_GRACE_MS + WORKER_START_MS, ...options };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, this.onSignal);
    for (let i = 0; i < warm; i++) this.idle.push(this.startWorker());
  }

  private startWorker(): Worker {
    const worker = new Worker(this.options.entry, { resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb } });
    worker.unref();
    return worker;
  }

  /** Grades `job` in a worker; throws only what the grading itself throws (a SpinlabError that holds for every submission). */
  grade(job: GradingJob): Promise<GradeResult> {
    const warm = this.idle.pop();
    const worker = warm ?? this.startWorker();
    const budget = new GradingBudget(job.exploration.timeLimit);
    const pids = new Set<number>();
    this.processes.set(worker, pids);
    worker.ref();
    return new Promise<GradeResult>((resolve, reject) => {
      let phase: GradingPhase = 'staging';
      let settled = false;
      const end = (reuse: boolean): void => {
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        this.processes.delete(worker);
        if (reuse) {
          worker.unref();
          this.idle.push(worker);
        } else {
          killAll(pids);
          void worker.terminate();
        }
      };
      const stopped = (status: 'timed-out' | 'crashed', message: string): void => {
        end(false);
        resolve({ ...ungradedResult(job, job.submission, message, [], status), timing: { compileMs: 0, typecheckMs: 0, exploreMs: 0, totalMs: budget.elapsedMs() } });
      };
      const timer = setTimeout(
        () => stopped('timed-out', `the grading did not finish within its budget of ${budget.describe()}: spinlab stopped it while ${phase}`),
        budget.totalMs + this.options.graceMs,
      );
      const onMessage = (message: WorkerMessage): void => {
        if (settled) return;
        if (message.type === 'phase') phase = message.phase;
        else if (message.type === 'process') {
          if (message.alive) pids.add(message.pid);
          else pids.delete(message.pid);
        } else if (message.type === 'result') {
          end(true);
          resolve(message.result);
        } else if (message.type === 'spinlab-error') {
          end(true);
          reject(new SpinlabError(message.code, message.message, message.hint));
        } else {
          end(false);
          resolve(graderErrorResult(job, job.submission, message.message));
        }
      };
      const onError = (error: Error & { code?: string }): void => {
        if (settled) return;
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') stopped('crashed', `the grading needed more than ${this.options.heapMb} MB on the grader's side while ${phase}: spinlab stopped it`);
        else {
          end(false);
          resolve(graderErrorResult(job, job.submission, faultText(error)));
        }
      };
      const onExit = (code: number): void => {
        if (settled) return;
        end(false);
        resolve(graderErrorResult(job, job.submission, `the grading worker stopped (exit code ${code}) while ${phase}`));
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(job);
    });
  }

  /** Ends the idle workers (without waiting for them) and stops listening for signals; gradings in progress end their own way. */
  close(): void {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(signal, this.onSignal);
    for (const worker of this.idle.splice(0)) void worker.terminate();
  }

  /** Interrupted: the processes of every grading in progress go too (a worker's own cleanup cannot run), then the signal does what it would have. */
  private stopOnSignal(signal: NodeJS.Signals): void {
    for (const pids of this.processes.values()) killAll(pids);
    process.off(signal, this.onSignal);
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  }
}

function killAll(pids: ReadonlySet<number>): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // It has ended already.
    }
  }
}
