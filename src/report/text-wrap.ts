/**
 * Text for a terminal column: cut to a width, and word-wrapped with long
 * kernel names broken between the words of their camel case. The text
 * timeline lays its lanes out with these.
 */

/** `text` cut to `width` columns with `…`. */
export function clip(text: string, width: number): string {
  return text.length <= width ? text : width <= 0 ? '' : `${text.slice(0, width - 1)}…`;
}

/**
 * Word-wraps `text` at `width` columns, at most `maxLines` lines (the last
 * cut with `…`), lines after the first indented by `indent`. A word too long
 * for a line breaks at its last camel-case, `.` or `[` boundary that fits
 * (`KeAcquireInStack` / `QueuedSpinLock`), else at the width; with
 * `breakWords` false it stays whole on a line of its own.
 */
export function wrapText(text: string, width: number, maxLines = Number.POSITIVE_INFINITY, indent = 0, breakWords = true): string[] {
  const lines: string[] = [];
  const limit = (): number => (lines.length === 0 ? width : width - indent);
  let line = '';
  for (let word of text.split(' ')) {
    // One line past the last shown is enough to know the text goes on: the rest is never laid out.
    if (lines.length > maxLines) break;
    if (line !== '' && line.length + 1 + word.length <= limit()) {
      line = `${line} ${word}`;
      continue;
    }
    // A word too long for any line starts on this one when a boundary leaves a fair piece here.
    const room = limit() - line.length - 1;
    const cut = breakWords && line !== '' && word.length > width - indent && room >= 6 ? breakAt(word, room, false) : 0;
    if (cut > 0) {
      lines.push(`${line} ${word.slice(0, cut)}`);
      word = word.slice(cut);
    } else if (line !== '') lines.push(line);
    while (breakWords && word.length > limit() && lines.length <= maxLines) {
      const at = breakAt(word, limit(), true);
      lines.push(word.slice(0, at));
      word = word.slice(at);
    }
    line = word;
  }
  lines.push(line);
  const shown = lines.length <= maxLines ? lines : [...lines.slice(0, maxLines - 1), clip(`${lines[maxLines - 1]!} ${lines[maxLines]!}`, maxLines === 1 ? width : width - indent)];
  return shown.map((l, i) => (i === 0 ? l : `${' '.repeat(indent)}${l}`));
}

/** Where to break `word` within `width`: after a lowercase letter before an uppercase one, or before a `.` or `[`; else (when `anywhere`) at the width, else nowhere (0). */
function breakAt(word: string, width: number, anywhere: boolean): number {
  for (let i = Math.min(width, word.length - 1); i >= 3; i--) {
    if ((/[a-z0-9]/.test(word[i - 1]!) && /[A-Z]/.test(word[i]!)) || word[i] === '.' || word[i] === '[') return i;
  }
  return anywhere ? Math.max(1, width) : 0;
}

/** Word-wraps `text` at `width` columns at any whitespace (runs of it, newlines too, count as one space), never breaking a word; no line for blank text. */
export function wrapWords(text: string, width: number): string[] {
  const lines = wrapText(text.split(/\s+/).join(' '), width, Number.POSITIVE_INFINITY, 0, false);
  return lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
}
