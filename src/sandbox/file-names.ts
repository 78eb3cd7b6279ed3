/**
 * File names as the operating system gives them: bytes, not always UTF-8,
 * sometimes with control characters. Staging reads folders as bytes and
 * uses these to decide which names it can stage and to quote the ones it
 * cannot, so a message never carries a raw byte or control character.
 */

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** `name` as a string, or null when its bytes are not valid UTF-8. */
export function decodeName(name: Buffer): string | null {
  try {
    return strictUtf8.decode(name);
  } catch {
    return null;
  }
}

/** C0 and C1 control characters, DEL, invisible formatting characters (bidi overrides, zero-width…), line and paragraph separators: never in a name spinlab stages. */
const UNSTAGEABLE = /[\u0000-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]/u;

/** Whether a decoded name holds a control or invisible character (a newline, ESC, U+202E, …). */
export function hasControlOrInvisible(name: string): boolean {
  return UNSTAGEABLE.test(name);
}

/** Characters a quoted name shows escaped: controls, invisible formatting (bidi overrides…), line and paragraph separators, `\\`. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\\\p{Cf}\u2028\u2029]/gu;

/**
 * A name as a message may quote it: valid UTF-8 as text with controls,
 * formatting characters and `\\` escaped (`\x1B`, `\u{202E}`, `\\`); a
 * name that is not UTF-8 byte by byte, printable ASCII as is and every other
 * byte as `\xHH` (`café` with a Latin-1 é reads `caf\xE9`). At most `max`
 * characters, with `…` when cut.
 */
export function printableName(name: Buffer | string, max = 120): string {
  const text = typeof name === 'string' ? name : decodeName(name);
  const shown = text !== null ? text.replace(UNPRINTABLE, escapeCharacter) : [...(name as Buffer)].map(escapeByte).join('');
  return shown.length > max ? `${shown.slice(0, max)}…` : shown;
}

function escapeCharacter(c: string): string {
  const code = c.codePointAt(0)!;
  if (c === '\\') return '\\\\';
  return code < 0x100 ? `\\x${hex(code, 2)}` : `\\u{${hex(code, 4)}}`;
}

function escapeByte(byte: number): string {
  if (byte === 0x5c) return '\\\\';
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${hex(byte, 2)}`;
}

function hex(code: number, digits: number): string {
  return code.toString(16).toUpperCase().padStart(digits, '0');
}

/** Why a file-system call failed, in words, from its error code (never the path it carried). */
export function fsReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'a loop of symbolic links';
    case 'ENAMETOOLONG':
      return 'its path is too long';
    case 'ENOENT':
      return 'it does not exist';
    case 'ENOTDIR':
      return 'a part of its path is not a folder';
    case 'EIO':
      return 'an input/output error';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return typeof code === 'string' ? `error ${code}` : 'it cannot be read';
  }
}
