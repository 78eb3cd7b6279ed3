/** `spinlab diff` as text: the summary, students in only one grading, the items whose points moved, then each changed student with the items that changed. Ids made visible, no line a CI runner takes for a command. */
import type { ClassDiff, StudentChange } from './class-diff.js';
import { guardLines, visibleText } from './sanitize.js';

/** Names of the two gradings as the user gave them (the folders). */
export interface DiffSides {
  readonly before: string;
  readonly after: string;
}

/** The diff as text for a terminal or a log. */
export function renderClassDiffText(diff: ClassDiff, sides: DiffSides): string {
  const lines = [
    `${sides.before} → ${sides.after}${diff.exercise === '' ? '' : ` (${diff.exercise})`}`,
    `${diff.compared} student(s) in both: ${diff.changed.length} changed (${diff.gained} gained, ${diff.lost} lost, ${diff.changed.length - diff.gained - diff.lost} same score); mean ${diff.meanBefore.toFixed(2)}/${diff.maxScoreBefore} → ${diff.meanAfter.toFixed(2)}/${diff.maxScoreAfter}`,
  ];
  if (diff.onlyBefore.length > 0) lines.push(`only in ${sides.before}: ${diff.onlyBefore.join(', ')}`);
  if (diff.onlyAfter.length > 0) lines.push(`only in ${sides.after}: ${diff.onlyAfter.join(', ')}`);
  if (diff.items.length > 0) {
    lines.push('', 'items whose points changed:');
    const width = Math.max(...diff.items.map((i) => i.id.length));
    for (const item of diff.items) lines.push(`  ${item.id.padEnd(width)}  ${item.changed} student(s): ${item.gained} gained, ${item.lost} lost, ${signed(item.delta)} point(s)`);
  }
  if (diff.changed.length > 0) {
    lines.push('', 'students:');
    const width = Math.max(...diff.changed.map((c) => c.submission.length));
    for (const change of diff.changed) lines.push(`  ${change.submission.padEnd(width)}  ${studentLine(change)}`);
  }
  return guardLines(visibleText(`${lines.join('\n')}\n`));
}

/** `6/12 → 4/12 (-2): count-exact 3 → 1, …`, with the status when it changed. */
function studentLine(change: StudentChange): string {
  const side = (s: StudentChange['before']): string => `${s.status === 'graded' ? '' : `${s.status} `}${s.score}/${s.maxScore}`;
  const items = change.items.map((i) => `${i.id} ${i.before ?? '(none)'} → ${i.after ?? '(none)'}`).join(', ');
  return `${side(change.before)} → ${side(change.after)} (${signed(change.delta)})${items === '' ? '' : `: ${items}`}`;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
