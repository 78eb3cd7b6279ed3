/** The command a report prints to read more about a check: one place for how spinlab is invoked from a student's folder. */

/**
 * How every printed command starts. `npx spinlab` runs in every way spinlab
 * is installed: the course's devDependency (where a bare `spinlab` is
 * "command not found"), a global install (npx finds it on the PATH) and a clone.
 */
export const SPINLAB_COMMAND = 'npx spinlab';

/** `npx spinlab explain SL0015` */
export function explainCommand(codeOrCheck: string): string {
  return `${SPINLAB_COMMAND} explain ${codeOrCheck}`;
}
