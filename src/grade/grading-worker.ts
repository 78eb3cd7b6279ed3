/**
 * The worker thread a guarded grading runs in (`guarded-grading.ts`): it
 * grades one job at a time and tells the thread that started it what it is
 * doing, which processes it started, and how the grading ended. That
 * thread may terminate it at any moment — even inside synchronous work.
 */
import { parentPort } from 'node:worker_threads';
import { isSpinlabError } from '../errors.js';
import { watchProcesses } from '../sandbox/process-watch.js';
import { gradeSubmission } from './grade-submission.js';
import { replayFrom, type GradingJob, type WorkerMessage } from './guarded-grading.js';
import { faultText } from './ungraded-result.js';

const port = parentPort;
if (port === null) throw new Error('grading-worker.js runs only as a worker thread');
const tell = (message: WorkerMessage): void => port.postMessage(message);

// Posted at once, so the guard knows every process even while this thread is stuck.
watchProcesses((pid, alive) => tell({ type: 'process', pid, alive }));

port.on('message', (job: GradingJob) => {
  const { replay, ...request } = job;
  gradeSubmission({ ...request, replay: replay === null ? null : replayFrom(replay) }, { onPhase: (phase) => tell({ type: 'phase', phase }) }).then(
    (result) => tell({ type: 'result', result }),
    (error: unknown) =>
      tell(isSpinlabError(error) ? { type: 'spinlab-error', code: error.code, message: error.message, hint: error.hint } : { type: 'failed', message: faultText(error) }),
  );
});
