/** `spinlab explain [check-id | error-code]`: a check's rule, why it matters, its authority, a wrong and a right example; with no argument, every code. */
import { checkOfCode, ERROR_CODES, isCheckId } from '../../checks/error-codes.js';
import { EXPLANATIONS } from '../../checks/explanations/index.js';
import { CHECKS, CHECK_IDS, type CheckId } from '../../checks/index.js';
import { SpinlabError } from '../../errors.js';
import { formatCodeList, formatExplanation, type ExplainEntry } from '../../report/explain-text.js';
import { SPINLAB_COMMAND } from '../../report/explain-command.js';
import { nearestName } from '../../rubric/nearest-name.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';

/** Prints the explanation of the check `name` names (by id or error code), or with no name the list of every code; a usage error (exit 2) for a name that is neither. */
export async function runExplain(name: string | undefined, io: CommandIo): Promise<ExitCode> {
  if (name === undefined) {
    io.out(formatCodeList(CHECK_IDS.map(entryOf), io.color));
    return ExitCode.Ok;
  }
  const check = checkNamed(name.trim());
  io.out(formatExplanation(entryOf(check), EXPLANATIONS[check], io.color));
  return ExitCode.Ok;
}

/** The check `name` names, by id or error code (any case); a usage error saying which one was likely meant otherwise. */
function checkNamed(name: string): CheckId {
  const lower = name.toLowerCase();
  if (isCheckId(lower)) return lower;
  const byCode = checkOfCode(name);
  if (byCode !== undefined) return byCode;
  const known = [...CHECK_IDS, ...CHECK_IDS.map((id) => ERROR_CODES[id])];
  const near = /^sl\d/i.test(name) ? nearestName(name.toUpperCase(), known) : nearestName(lower, known);
  throw new SpinlabError(
    'SPINLAB_USAGE',
    `no check or error code \`${name}\`${near === undefined ? '' : `; did you mean \`${near}\`?`}`,
    `\`${SPINLAB_COMMAND} explain\` lists every error code and check id`,
  );
}

function entryOf(id: CheckId): ExplainEntry {
  const check = CHECKS.find((c) => c.id === id)!;
  return { code: ERROR_CODES[id], id, authority: check.rule, describe: check.describe };
}
