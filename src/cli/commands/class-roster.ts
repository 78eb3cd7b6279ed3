/**
 * The students of a class folder, for `spinlab batch`: every sub-folder and
 * every `.ts` file is one student, named by a unique id (`student-ids.ts`).
 * The folder is read as bytes, so a name that is not UTF-8 is still a
 * student: graded through a link with its id for a name (in a private
 * temporary folder), since a path must be a string to be graded.
 *
 * A symbolic link in the class folder is followed — a course may link its
 * students' clones in — unless it leads to another entry of the class
 * folder: grading that would give one student another's work, so it is
 * refused with a result that says so. Anything named `*.ts` is a student
 * (a FIFO so named gets a result that says what it is); what is neither a
 * folder nor named `*.ts` (a zip, notes) is listed, never read.
 * Names that start with a dot are not listed.
 */
import { mkdtempSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { decodeName, fsReason, printableName } from '../../sandbox/file-names.js';
import { usage } from '../options.js';
import { pathFrom, shellWord } from '../printed-command.js';
import { assignIds, type ClassEntry } from './student-ids.js';

/** One student of the class. */
export interface Student {
  /** Unique and safe as a file name: the result file's name and the grades.csv row. */
  readonly id: string;
  /** What to grade: the entry in the class folder, or a link to it when its name is not UTF-8. */
  readonly path: string;
  /** The entry's path as a shell word, for replay commands. */
  readonly shellPath: string;
  /** Why it is not graded (a link to another student's entry), or null. */
  readonly refused: string | null;
}

/** The class: its students by id, what was not a student, and the links to remove when done. */
export interface Roster {
  readonly students: readonly Student[];
  /** Entries that are not students, as messages show them (`notes.txt (not a folder or a .ts file)`). */
  readonly ignored: readonly string[];
  /** Removes the links made for names that are not UTF-8. */
  cleanup(): void;
}

const TS = Buffer.from('.ts');
const DOT = 0x2e;

/** Reads the class folder `dir`. Throws a usage error if it cannot be read. */
export function readRoster(dir: string): Roster {
  let dirents: Dirent<Buffer>[];
  let realDir: Buffer;
  try {
    dirents = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
    realDir = realpathSync.native(dir, { encoding: 'buffer' });
  } catch (error) {
    throw usage(`the class folder ${printableName(dir)} cannot be read: ${fsReason(error)}`);
  }
  const entries: Array<ClassEntry & { readonly path: Buffer; readonly refused: string | null }> = [];
  const ignored: string[] = [];
  for (const dirent of dirents.sort((a, b) => Buffer.compare(a.name, b.name))) {
    if (dirent.name[0] === DOT) continue;
    const path = Buffer.concat([Buffer.from(dir + sep), dirent.name]);
    const found = kindOf(dirent, path);
    if ('notStudent' in found) ignored.push(`${printableName(dirent.name, 60)} (${found.notStudent})`);
    else entries.push({ name: dirent.name, kind: found.kind, path, refused: dirent.isSymbolicLink() ? linkRefusal(path, realDir) : null });
  }
  const ids = assignIds(entries);
  let links: string | undefined;
  const students = entries.map((entry, i): Student => {
    const id = ids[i]!;
    const name = decodeName(entry.name);
    // Replay commands name the student from where the batch ran, as the staff member typed the class folder or not.
    if (name !== null) return { id, path: join(dir, name), shellPath: shellWord(pathFrom('.', join(dir, name))), refused: entry.refused };
    links ??= mkdtempSync(join(tmpdir(), 'spinlab-names-'));
    const link = join(links, entry.kind === 'file' ? `${id}.ts` : id);
    symlinkSync(realpathOr(entry.path), link);
    return { id, path: link, shellPath: shellWord(Buffer.concat([Buffer.from(pathFrom('.', dir) + sep), entry.name])), refused: entry.refused };
  });
  return { students, ignored, cleanup: () => links !== undefined && rmSync(links, { recursive: true, force: true }) };
}

/**
 * A student's kind, or why the entry is not a student: a folder (or a link to one) is a student,
 * and so is anything named `*.ts` — a FIFO or a broken link so named gets a result saying what it is.
 */
function kindOf(dirent: Dirent<Buffer>, path: Buffer): { readonly kind: ClassEntry['kind'] } | { readonly notStudent: string } {
  const isTs = dirent.name.length > TS.length && dirent.name.subarray(-TS.length).equals(TS);
  if (dirent.isDirectory()) return { kind: 'folder' };
  if (dirent.isSymbolicLink() && !isTs) {
    try {
      return statSync(path).isDirectory() ? { kind: 'folder' } : { notStudent: 'a link to something that is not a folder or a .ts file' };
    } catch (error) {
      return { notStudent: `a link that cannot be followed: ${fsReason(error)}` };
    }
  }
  return isTs ? { kind: 'file' } : { notStudent: 'not a folder or a .ts file' };
}

/** Why a class-level link may not be graded: it leads to another entry of the class folder. */
function linkRefusal(path: Buffer, realDir: Buffer): string | null {
  const target = realpathOr(path);
  const inside = target.length > realDir.length && target.subarray(0, realDir.length).equals(realDir) && target[realDir.length] === sep.charCodeAt(0);
  return inside ? 'this entry of the class folder is a symbolic link to another entry of it: grading it would grade another student’s work' : null;
}

function realpathOr(path: Buffer): Buffer {
  try {
    return realpathSync.native(path, { encoding: 'buffer' });
  } catch {
    return path;
  }
}
