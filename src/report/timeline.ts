/** `spinlab replay`'s per-CPU timeline: one column per CPU, one row per step. */
import kleur from 'kleur';
import { irqlName } from '../kernel/irql.js';
import type { TraceEntry } from '../machine/index.js';

/** Renders a timeline for `cpus` CPUs. */
export function renderTimeline(entries: readonly TraceEntry[], cpus: number, color: boolean): string {
  kleur.enabled = color;
  const width = 34;
  const lines: string[] = [];
  const header = Array.from({ length: cpus }, (_, c) => `CPU ${c}`.padEnd(width)).join(' │ ');
  lines.push(kleur.bold(`step  ${header}`));
  lines.push('─'.repeat(6 + cpus * (width + 3)));
  for (const entry of entries) {
    const cells = Array.from({ length: cpus }, (_, c) => {
      if (c !== entry.cpu) return ' '.repeat(width);
      const text = `${entry.routine}: ${entry.what}`;
      return (text.length > width ? `${text.slice(0, width - 1)}…` : text).padEnd(width);
    });
    lines.push(`${String(entry.step).padStart(4)}  ${cells.join(' │ ')}  ${kleur.dim(irqlName(entry.irql))}`);
  }
  return `${lines.join('\n')}\n`;
}
