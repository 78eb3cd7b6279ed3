/**
 * A zip reader for Gradescope's "Export submissions" zip, which holds what
 * students uploaded: every name and size is distrusted. It reads the central
 * directory (stored and deflated entries; no zip64, no encryption), and
 * {@link extractZip} writes regular files only — a symbolic link, a name
 * that is absolute or climbs with `..`, or a total past the limit is never
 * written (the first two are listed as skipped, the last is an error).
 * A name that is not flagged UTF-8 is kept as its bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { crc32 } from '../crc32.js';

/** One entry of a zip's central directory. */
export interface ZipEntry {
  /** The name's bytes, `/`-separated. */
  readonly name: Buffer;
  readonly isFolder: boolean;
  readonly isLink: boolean;
  /** Its bytes, inflated and checked against its CRC. */
  read(): Buffer;
}

/** What {@link extractZip} wrote and left out. */
export interface Extracted {
  readonly files: number;
  /** Entries not written (links, names leaving the folder), as their names. */
  readonly skipped: readonly string[];
}

/** The most an export may unpack to (all entries together): 4 GiB. */
export const MAX_UNPACKED = 4 * 1024 ** 3;

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** The entries of the zip `bytes`. Throws an Error saying what is wrong for what is not a zip this reader reads. */
export function readZip(bytes: Buffer): ZipEntry[] {
  const end = findEnd(bytes);
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw new Error('its central directory is damaged');
    const method = bytes.readUInt16LE(at + 10);
    const flags = bytes.readUInt16LE(at + 8);
    const crc = bytes.readUInt32LE(at + 16);
    const compressed = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const madeByUnix = bytes[at + 5] === 3;
    const mode = madeByUnix ? bytes.readUInt32LE(at + 38) >>> 16 : 0;
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength);
    at += 46 + skip;
    if (flags & 1) throw new Error(`${name.toString()} is encrypted`);
    if (compressed === LIMIT || size === LIMIT || local === LIMIT) throw new Error('it is a zip64 archive (past 4 GB), which spinlab does not read: unzip it and pass the folder');
    entries.push({
      name,
      isFolder: name.at(-1) === 0x2f,
      isLink: (mode & S_IFMT) === S_IFLNK,
      read: () => readEntry(bytes, local, { name, method, crc, compressed, size }),
    });
  }
  return entries;
}

const LIMIT = 0xffffffff;

function readEntry(bytes: Buffer, local: number, entry: { name: Buffer; method: number; crc: number; compressed: number; size: number }): Buffer {
  if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) throw new Error(`${entry.name.toString()}: its local header is damaged`);
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  const body = bytes.subarray(start, start + entry.compressed);
  if (body.length !== entry.compressed) throw new Error(`${entry.name.toString()} is cut short`);
  let data: Buffer;
  if (entry.method === 0) data = body;
  else if (entry.method === 8) data = inflateRawSync(body, { maxOutputLength: Math.max(1, entry.size) });
  else throw new Error(`${entry.name.toString()} uses compression method ${entry.method} (only stored and deflated are read)`);
  if (data.length !== entry.size || crc32(data) !== entry.crc) throw new Error(`${entry.name.toString()} is damaged (its size or CRC does not match)`);
  return data;
}

/** The offset of the end-of-central-directory record (searched from the end, past a comment). */
function findEnd(bytes: Buffer): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === 0x06054b50) return at;
  }
  throw new Error('it is not a zip file (no end of central directory)');
}

/** Writes the regular files of the zip `bytes` under `dest` (made if missing). */
export function extractZip(bytes: Buffer, dest: string): Extracted {
  const skipped: string[] = [];
  let total = 0;
  let files = 0;
  const entries = readZip(bytes);
  mkdirSync(dest, { recursive: true });
  for (const entry of entries) {
    const parts = entry.name.toString('latin1').split('/');
    const unsafe = entry.name[0] === 0x2f || parts.some((part) => part === '..' || part.includes('\\')) || entry.name.includes(0);
    if (entry.isLink || unsafe) {
      skipped.push(entry.name.toString());
      continue;
    }
    const path = Buffer.concat([Buffer.from(`${dest}/`), entry.name]);
    if (entry.isFolder) {
      mkdirSync(path, { recursive: true });
      continue;
    }
    const data = entry.read();
    total += data.length;
    if (total > MAX_UNPACKED) throw new Error(`it unpacks to more than ${MAX_UNPACKED / 1024 ** 3} GiB`);
    const slash = entry.name.lastIndexOf(0x2f);
    if (slash > 0) mkdirSync(Buffer.concat([Buffer.from(`${dest}/`), entry.name.subarray(0, slash)]), { recursive: true });
    writeFileSync(path, data);
    files++;
  }
  return { files, skipped };
}
