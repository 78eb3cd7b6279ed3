/**
 * What `spinlab` prints for a bug of its own outside any one submission
 * (a failure on a submission is that submission's `grader-error` result
 * instead): one line, without the install's, the temporary folders' or the
 * home folder's absolute paths — CI logs are often public. The stack trace,
 * paths and all, only when asked for with `SPINLAB_DEBUG=1`.
 */
import { faultText } from '../grade/ungraded-result.js';

/** The text for an internal error; `debug` is `SPINLAB_DEBUG`. */
export function internalErrorText(error: unknown, debug: string | undefined): string {
  if (debug !== undefined && debug !== '' && debug !== '0') {
    return `spinlab: internal error — please report it.\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`;
  }
  return `spinlab: internal error — please report it.\n${faultText(error)}\n(run again with SPINLAB_DEBUG=1 for the stack trace)\n`;
}
