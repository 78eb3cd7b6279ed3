/**
 * The walk that decides what staging copies. A submission's tree is read as
 * bytes — a name need not be UTF-8 — and nothing in it can make the walk
 * throw: every file-system call that fails, and everything staging cannot
 * copy faithfully, becomes a refusal at its place (a compile diagnostic):
 * a source whose name is not UTF-8 or holds a control character, folders
 * nested too deep, too many entries, a path too long, a FIFO, socket or
 * device named like a source (reading it could hang), a symbolic link that
 * loops or leads out of the submission, a file or folder it may not read.
 * Files that are not sources are never opened, whatever they are.
 */
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { sep } from 'node:path';
import type { Diagnostic } from './diagnostic.js';
import { decodeName, fsReason, hasControlOrInvisible, printableName } from './file-names.js';

/** Limits on what a submission may hold. */
export const STAGE_LIMITS = {
  /** Source files. */
  files: 200,
  fileBytes: 1024 * 1024,
  totalBytes: 4 * 1024 * 1024,
  /** Files and folders walked (sources or not). */
  entries: 20_000,
  /** Folders below the submission folder. */
  depth: 32,
  /** A source's path inside the submission, in UTF-8 bytes. */
  pathBytes: 1024,
} as const;

/** A source file to copy: where it is (bytes), where it goes in the copy (`/`-separated), its size. */
export interface Candidate {
  readonly from: Buffer;
  readonly to: string;
  readonly bytes: number;
}

/** What a walk found. */
export interface Scan {
  readonly found: Candidate[];
  readonly problems: Diagnostic[];
}

const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const SEP = Buffer.from(sep);
const DOT = 0x2e;

/** Whether a name (bytes) is a source file's: the extension is ASCII, so its bytes decide. */
export function isSourceName(name: Buffer | string): boolean {
  return SOURCE.test(typeof name === 'string' ? name : name.toString('latin1'));
}

/** A refusal at `file` (a path as messages show it, cut to 200 characters). */
export function refusal(file: string, message: string): Diagnostic {
  return { kind: 'compile', file: file.length > 200 ? `${file.slice(0, 200)}…` : file, line: 1, column: 1, message };
}

/** Walks the submission folder `root`: every source below it that staging may copy, or why not. */
export function scanFolder(root: string): Scan {
  const scan: Scan = { found: [], problems: [] };
  let realRoot: Buffer;
  try {
    realRoot = realpathSync.native(root, { encoding: 'buffer' });
  } catch (error) {
    scan.problems.push(refusal('.', `the submission folder cannot be read: ${fsReason(error)}`));
    return scan;
  }
  const walker = new FolderWalk(realRoot, scan);
  walker.walk(realRoot, [], null, 0);
  if (walker.entries > STAGE_LIMITS.entries) {
    scan.problems.push(refusal('.', `the submission holds more than ${STAGE_LIMITS.entries} files and folders: submit the exercise's folder only`));
  }
  return scan;
}

/** One walk of a folder tree; `entries` counts what it saw. */
class FolderWalk {
  entries = 0;
  constructor(
    private readonly realRoot: Buffer,
    private readonly scan: Scan,
  ) {}

  /** Walks `dir`, whose path inside the submission is `parts` (as shown); `badName`: why a folder name on the way cannot be staged, if one cannot. */
  walk(dir: Buffer, parts: readonly string[], badName: string | null, depth: number): void {
    const shown = parts.join('/') || '.';
    let dirents: Dirent<Buffer>[];
    try {
      dirents = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (error) {
      this.refuse(shown, `the folder ${shown} cannot be read: ${fsReason(error)}`);
      return;
    }
    dirents.sort((a, b) => Buffer.compare(a.name, b.name));
    for (const dirent of dirents) {
      if (++this.entries > STAGE_LIMITS.entries) return;
      const name = dirent.name;
      if (name[0] === DOT) continue;
      const path = Buffer.concat([dir, SEP, name]);
      const decoded = decodeName(name);
      const why = badName ?? (decoded === null ? 'is not valid UTF-8' : hasControlOrInvisible(decoded) ? 'holds a control or invisible character' : null);
      // A name that will be refused is kept only as messages quote it.
      const here = [...parts, why === null ? decoded! : printableName(name)];
      if (dirent.isDirectory()) {
        if (decoded === 'node_modules') continue;
        if (depth + 1 > STAGE_LIMITS.depth) this.refuse(here.join('/'), `folders are nested more than ${STAGE_LIMITS.depth} deep in the submission: flatten them`);
        else this.walk(path, here, why, depth + 1);
      } else if (isSourceName(name)) {
        this.source(path, here, why, dirent);
      }
    }
  }

  /** A directory entry named like a source. */
  private source(path: Buffer, parts: readonly string[], badName: string | null, dirent: Dirent<Buffer>): void {
    const rel = parts.join('/');
    if (badName !== null) {
      this.refuse(rel, `a name in the path ${rel} ${badName}: rename it`);
      return;
    }
    if (Buffer.byteLength(rel) > STAGE_LIMITS.pathBytes) {
      this.refuse(rel, `the path of a source file is longer than ${STAGE_LIMITS.pathBytes} bytes: shorten it`);
      return;
    }
    let target = path;
    if (dirent.isSymbolicLink()) {
      try {
        target = realpathSync.native(path, { encoding: 'buffer' });
      } catch (error) {
        // A broken link holds nothing; a loop or an unreadable target is refused.
        if ((error as { code?: string }).code !== 'ENOENT') this.refuse(rel, `${rel} is a symbolic link that cannot be followed: ${fsReason(error)}`);
        return;
      }
      if (!isInside(target, this.realRoot)) {
        this.refuse(rel, `${rel} is a symbolic link to a file outside the submission folder: copy the file in instead`);
        return;
      }
    }
    let info: Stats;
    try {
      info = statSync(target);
    } catch (error) {
      this.refuse(rel, `${rel} cannot be read: ${fsReason(error)}`);
      return;
    }
    if (info.isFile()) this.scan.found.push({ from: target, to: rel, bytes: info.size });
    else if (!info.isDirectory()) this.refuse(rel, `${rel} is ${specialKind(info)}, not a file`);
  }

  private refuse(file: string, message: string): void {
    this.scan.problems.push(refusal(file, message));
  }
}

/** Stages the single file `entry` (named `name` in the copy): a regular file, or a link to one. */
export function scanFile(entry: string, name: string): Scan {
  const scan: Scan = { found: [], problems: [] };
  try {
    const link = lstatSync(entry);
    const target = link.isSymbolicLink() ? realpathSync.native(entry, { encoding: 'buffer' }) : Buffer.from(entry);
    const info = link.isSymbolicLink() ? statSync(target) : link;
    if (info.isFile()) scan.found.push({ from: target, to: name, bytes: info.size });
    else scan.problems.push(refusal(name, `${name} is ${specialKind(info)}, not a file`));
  } catch (error) {
    scan.problems.push(refusal(name, `${name} cannot be read: ${fsReason(error)}`));
  }
  return scan;
}

/** Whether real path `path` lies inside real folder `root`. */
function isInside(path: Buffer, root: Buffer): boolean {
  return path.length > root.length + SEP.length && path.subarray(0, root.length).equals(root) && path.subarray(root.length, root.length + SEP.length).equals(SEP);
}

/** What a non-regular file is, for a message. */
export function specialKind(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'a special file';
}
