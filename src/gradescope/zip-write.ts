/**
 * A zip writer for the autograder zip: files only (their folders are implied
 * by the names), deflated with node:zlib unless deflating gains nothing (a
 * tarball is stored), each with its Unix mode so `run_autograder` stays
 * executable. No zip64: an entry or the whole zip past 4 GB is refused.
 * Entries are written in the order given, with a fixed date (1980-01-01), so
 * the same files make the same bytes.
 */
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../crc32.js';

/** A file to put in the zip. */
export interface ZipFile {
  /** Its path in the zip, `/`-separated, relative. */
  readonly name: string;
  readonly data: Uint8Array;
  /** Unix permission bits (default 0o644). */
  readonly mode?: number;
}

const LIMIT = 0xffffffff;
/** 1980-01-01 00:00 in MS-DOS date/time: the earliest a zip can say. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Version made by: 3 (Unix) in the high byte, spec 2.0; so unzip and Gradescope read the mode. */
const MADE_BY = (3 << 8) | 20;
/** General-purpose flag bit 11: names are UTF-8. */
const UTF8 = 1 << 11;

/** The bytes of a zip holding `files`. Throws a RangeError for a name that is not relative or a size past 4 GB. */
export function writeZip(files: readonly ZipFile[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    if (file.name === '' || file.name.startsWith('/') || file.name.split('/').includes('..')) throw new RangeError(`not a relative zip entry name: ${file.name}`);
    const name = Buffer.from(file.name);
    const deflated = deflateRawSync(file.data, { level: 9 });
    const stored = deflated.length >= file.data.length;
    const body = stored ? Buffer.from(file.data) : deflated;
    if (file.data.length > LIMIT || offset > LIMIT) throw new RangeError(`${file.name}: zip64 is not supported (past 4 GB)`);
    const fields = { method: stored ? 0 : 8, crc: crc32(file.data), compressed: body.length, size: file.data.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeCommon(local, 4, fields, name.length);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(MADE_BY, 4);
    writeCommon(central, 6, fields, name.length);
    central.writeUInt32LE((((file.mode ?? 0o644) | 0o100000) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The fields a local header and a central header share, from "version needed" to the name's length. */
function writeCommon(header: Buffer, at: number, fields: { method: number; crc: number; compressed: number; size: number }, nameLength: number): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(UTF8, at + 2);
  header.writeUInt16LE(fields.method, at + 4);
  header.writeUInt16LE(0, at + 6);
  header.writeUInt16LE(DOS_DATE, at + 8);
  header.writeUInt32LE(fields.crc, at + 10);
  header.writeUInt32LE(fields.compressed, at + 14);
  header.writeUInt32LE(fields.size, at + 18);
  header.writeUInt16LE(nameLength, at + 22);
}
