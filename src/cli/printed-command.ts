/**
 * The spinlab commands spinlab prints for a reader to paste (replay lines,
 * next steps, hints): one way of writing them, so every one runs where it is
 * read.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { SPINLAB_COMMAND } from '../report/explain-command.js';
import { decodeName, hasControlOrInvisible } from '../sandbox/file-names.js';

/** `npx spinlab` and `words`, each quoted as one shell word where it must be. */
export function printedCommand(words: readonly (string | Buffer)[]): string {
  return [SPINLAB_COMMAND, ...words.map((word) => shellWord(word))].join(' ');
}

/**
 * `path` (absolute, or relative to `cwd`) as it is reached from `base`: `.`
 * for `base` itself, `..` steps when outside it; never an absolute path,
 * unless `path` is on another drive than `base` (Windows).
 */
export function pathFrom(base: string, path: string, cwd: string = process.cwd()): string {
  const full = resolve(cwd, path);
  const from = relative(resolve(cwd, base), full);
  return isAbsolute(from) ? full : from === '' ? '.' : from;
}

/** A path (bytes or text) as one shell word: plain when safe, '…' when printable, $'…' with \\xHH escapes otherwise (bash, zsh). */
export function shellWord(path: string | Buffer): string {
  const text = typeof path === 'string' ? path : decodeName(path);
  if (text !== null && /^[\w./@:-]+$/.test(text)) return text;
  if (text !== null && !hasControlOrInvisible(text)) return `'${text.replace(/'/g, `'\\''`)}'`;
  const bytes = typeof path === 'string' ? Buffer.from(path) : path;
  return `$'${[...bytes].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x27 && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('')}'`;
}
