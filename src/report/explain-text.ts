/** `spinlab explain` as text: one check's rule, why, authority and examples; or the list of every code. */
import kleur from 'kleur';
import type { Explanation } from '../checks/explanations/index.js';
import { explainCommand } from './explain-command.js';
import { wrapWords } from './text-wrap.js';

/** One check as `spinlab explain` shows it. */
export interface ExplainEntry {
  readonly code: string;
  readonly id: string;
  /** The authority it applies (a Verifier code, an SDV rule). */
  readonly authority: string;
  /** One line: what it finds. */
  readonly describe: string;
}

const WIDTH = 88;

/** The page of one check. */
export function formatExplanation(entry: ExplainEntry, explanation: Explanation, color: boolean): string {
  const k = kleur;
  k.enabled = color;
  const para = (text: string): string[] => wrapWords(text, WIDTH - 2).map((line) => `  ${line}`);
  const code = (text: string): string[] => text.split('\n').map((line) => (line === '' ? '' : `    ${line}`));
  return `${[
    `${k.bold(`${entry.code}  ${entry.id}`)}: ${entry.describe}`,
    '',
    k.bold('The rule'),
    ...para(explanation.rule),
    '',
    k.bold('Why it matters'),
    ...para(explanation.why),
    '',
    `${k.bold('Authority')}  ${entry.authority}`,
    '',
    k.red().bold(`Wrong: ${entry.code} fires`),
    ...code(explanation.wrong.code),
    '',
    k.green().bold('Right'),
    ...code(explanation.right.code),
    '',
    k.dim(
      wrapWords(
        `The examples are routines of a driver whose device extension \`ext\` holds the initialized spin locks Lock and Lock2 and the numbers Count and Seen${explanation.wrong.scenario === 'interrupts' ? ', and its connected Interrupt with the counts Interrupts and Writes' : ''}; the rest of the driver (DriverEntry, AddDevice, the other dispatch routine) is the usual one. spinlab runs each example in its tests: the wrong one fires this check, the right one finds nothing.`,
        WIDTH,
      ).join('\n'),
    ),
  ].join('\n')}\n`;
}

/** The list of every code, for `spinlab explain` with no argument. */
export function formatCodeList(entries: readonly ExplainEntry[], color: boolean): string {
  const k = kleur;
  k.enabled = color;
  const width = Math.max(...entries.map((e) => e.id.length));
  const rows = entries.map((e) => `${k.bold(e.code)}  ${e.id.padEnd(width)}  ${e.describe}`);
  return `${rows.join('\n')}\n\n${k.dim(`Read one: ${explainCommand('SL0015')} (or a check id: ${explainCommand('data-race')}).`)}\n`;
}
