/** The `spinlab checks` table. */
import kleur from 'kleur';

/** One row of the table. */
export interface CheckRow {
  readonly id: string;
  /** Its error code (`SL0015`). */
  readonly code: string;
  readonly rule: string;
  readonly description: string;
}

/** Formats the check list for a terminal. */
export function formatChecks(rows: readonly CheckRow[], color: boolean): string {
  kleur.enabled = color;
  const width = Math.max(...rows.map((r) => r.id.length));
  return `${rows
    .map((r) => `${kleur.bold(r.id.padEnd(width))}  ${r.code}  ${r.description}\n${' '.repeat(width + r.code.length + 2)}  ${kleur.dim(r.rule)}`)
    .join('\n')}\n`;
}
