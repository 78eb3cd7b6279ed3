/** The report format a command's `--format` (or `--json`) names. */
import { FORMAT_NAMES, REPORTERS, type Reporter } from '../report/index.js';
import { usage } from './options.js';

/** The format name and its reporter. Throws a usage error for an unknown format. */
export function chooseReporter(flags: { readonly json?: boolean; readonly format?: string }): { format: string; reporter: Reporter } {
  const format = flags.json === true ? 'json' : (flags.format ?? 'text');
  const reporter = REPORTERS[format];
  if (reporter === undefined) throw usage(`unknown --format \`${format}\`; formats: ${FORMAT_NAMES.join(', ')}`);
  return { format, reporter };
}
