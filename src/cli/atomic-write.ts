/** Writes a file atomically (a temporary file renamed over it), so a reader never sees half a file. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SpinlabError } from '../errors.js';

/**
 * Writes `content` to `file`, creating its folder. A file that cannot be
 * written is a SpinlabError (`SPINLAB_OUTPUT_UNWRITABLE`, exit 2) in one
 * sentence, and no temporary file is left behind.
 */
export function writeAtomic(file: string, content: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw unwritable(file, error);
  }
}

/** The error for an output spinlab cannot write: which path and the system's reason, in one sentence. */
export function unwritable(path: string, error: unknown): SpinlabError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'EISDIR' ? 'it is a folder' : code === 'EEXIST' ? 'it is a file, and a folder is needed' : code === 'ENOENT' ? 'its folder does not exist and cannot be made' : code === 'ENOTDIR' ? 'a part of its path is a file, not a folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'the file system is read-only' : code === 'ENOSPC' ? 'the disk is full' : (code ?? String(error));
  return new SpinlabError('SPINLAB_OUTPUT_UNWRITABLE', `cannot write ${path}: ${reason}`, 'choose an output path you can write (a new file, or a folder you own)');
}
