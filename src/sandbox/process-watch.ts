/**
 * The processes a grading starts (tsc, the sandbox child), announced as
 * they start and end, so that whoever stops a grading from outside — the
 * guard that terminates an overrunning grading's worker thread, whose own
 * timers can no longer fire — can stop them too. Without a watcher this
 * does nothing.
 */

/** Told when a process starts (`alive`) and when it has ended. */
export type ProcessWatcher = (pid: number, alive: boolean) => void;

let watcher: ProcessWatcher | null = null;

/** Sets (or with null, removes) the one watcher of this thread. */
export function watchProcesses(next: ProcessWatcher | null): void {
  watcher = next;
}

/**
 * Announces `child` (an execa subprocess, or anything with a pid that
 * settles when the process ends) and returns it unchanged.
 */
export function watched<T extends PromiseLike<unknown> & { readonly pid?: number | undefined }>(child: T): T {
  const pid = child.pid;
  if (pid !== undefined && watcher !== null) {
    const tell = watcher;
    tell(pid, true);
    const ended = (): void => tell(pid, false);
    child.then(ended, ended);
  }
  return child;
}
