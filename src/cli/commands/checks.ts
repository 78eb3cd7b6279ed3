/** `spinlab checks [--json]`: every check id with its error code, its rule and a one-line description. */
import { ERROR_CODES } from '../../checks/error-codes.js';
import { CHECKS } from '../../checks/index.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';

/** Options of `spinlab checks`. */
export interface ChecksOptions {
  readonly json?: boolean;
}

export async function runChecks(options: ChecksOptions, io: CommandIo): Promise<ExitCode> {
  const rows = CHECKS.map((check) => ({ id: check.id, code: ERROR_CODES[check.id], rule: check.rule, description: check.describe }));
  if (options.json === true) {
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return ExitCode.Ok;
  }
  const { formatChecks } = await import('../../report/checks-table.js');
  io.out(formatChecks(rows, io.color));
  return ExitCode.Ok;
}
