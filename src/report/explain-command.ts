/** The command a report prints to read more about a check: one place for how spinlab is invoked from a student's folder. */

/** How a student runs spinlab where it is a local dependency (`npx` finds it in node_modules/.bin). */
export const SPINLAB_COMMAND = 'npx spinlab';

/** `npx spinlab explain SL0015` */
export function explainCommand(codeOrCheck: string): string {
  return `${SPINLAB_COMMAND} explain ${codeOrCheck}`;
}
