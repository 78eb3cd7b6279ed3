/**
 * Schedule codes: an execution's exact choices as a short URL-safe string.
 *
 * Layout: `version(1) payload crc32(u32)`, base64url, where the payload is
 * `seed(u32) digest(u32) count(varint) choices(bit-packed)`, deflated when
 * that is shorter. The CRC-32 (of the version and payload) tells a code
 * damaged in copy-paste — a character lost, added or changed — from one that
 * is whole but does not match the driver: every change of one character
 * fails it (a changed character is a burst of at most 6 bits, which a CRC-32
 * always catches), and so does a character that only changes padding bits,
 * for a code must be the canonical base64url of its bytes. Codes of the
 * versions before the checksum (version bytes 1, 2, 5, 6) are refused as
 * damaged: a code replays only on the spinlab that made it anyway.
 * Each choice takes ceil(log2(n)) bits, where n is the number of enabled
 * actions at that decision — which the replay knows, because it reaches the
 * same decision. The digest lets a replay prove it reproduced the trace.
 * A version with the {@link FAULTS} bit says the stream also holds one
 * two-option choice per faultable call (0 succeed, 1 fail: see
 * src/machine/faults.ts), so a replay decides those calls from the code.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { crc32 } from '../crc32.js';

/** What a schedule code holds. */
export interface ScheduleCode {
  /** The execution's entropy seed. */
  readonly seed: number;
  /** The trace digest the execution ended with. */
  readonly digest: number;
  readonly choices: readonly number[];
}

// The version byte: 0b001_FD_00. Its low two bits (never 1 or 2) and high six (never 0 or 1) both differ from every
// version before the checksum, so no change of the first two characters turns a code into one of those.
const VERSION = 0x20;
/** Set in the version byte when the payload is deflated. */
const DEFLATED = 0x04;
/** Set in the version byte when the stream holds fault decisions. */
const FAULTS = 0x08;
const FLAGS = DEFLATED | FAULTS;

/** Why a code is refused: it is not what spinlab printed, whole. */
export class DamagedScheduleCode extends Error {
  override readonly name = 'DamagedScheduleCode';
}

/**
 * Encodes an execution (its choices and, for packing, the number of options
 * at each); `faults`: whether its choices include fault decisions (default false).
 */
export function encodeSchedule(seed: number, digest: number, choices: readonly number[], radices: readonly number[], faults = false): string {
  const bytes: number[] = [];
  pushU32(bytes, seed);
  pushU32(bytes, digest);
  pushVarint(bytes, choices.length);
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < choices.length; i++) {
    const width = widthOf(radices[i]!);
    acc |= choices[i]! << bits;
    bits += width;
    while (bits >= 8) {
      bytes.push(acc & 0xff);
      acc >>>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) bytes.push(acc & 0xff);
  const raw = Buffer.from(bytes);
  const deflated = deflateRawSync(raw, { level: 9 });
  const flag = faults ? FAULTS : 0;
  const body = deflated.length + 1 < raw.length ? Buffer.concat([Buffer.from([VERSION | DEFLATED | flag]), deflated]) : Buffer.concat([Buffer.from([VERSION | flag]), raw]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32LE(crc32(body));
  return Buffer.concat([body, sum]).toString('base64url');
}

/** A decoder that yields the choices one by one, given the number of options at each. */
export class ScheduleReader {
  readonly seed: number;
  readonly digest: number;
  readonly count: number;
  /** Whether the stream holds a choice for every faultable call (the run injected failures). */
  readonly faults: boolean;
  private readonly bytes: Buffer;
  private offset: number;
  private bitOffset = 0;
  /** How many choices have been read. */
  read = 0;

  constructor(code: string) {
    const [decoded, faults] = decodeBody(code);
    this.bytes = decoded;
    this.faults = faults;
    this.seed = decoded.readUInt32LE(0);
    this.digest = decoded.readUInt32LE(4);
    const [count, next] = readVarint(decoded, 8);
    this.count = count;
    this.offset = next;
  }

  /** The next choice among `radix` options, or -1 if the code has no more (or an impossible one). */
  next(radix: number): number {
    if (this.read >= this.count) return -1;
    this.read++;
    const width = widthOf(radix);
    let value = 0;
    for (let i = 0; i < width; i++) {
      const byte = this.bytes[this.offset + ((this.bitOffset + i) >> 3)] ?? 0;
      value |= ((byte >> ((this.bitOffset + i) & 7)) & 1) << i;
    }
    this.bitOffset += width;
    return value < radix ? value : -1;
  }
}

/** Whether `code` is a whole schedule code (see {@link scheduleCodeDamage}). */
export function isScheduleCode(code: string): boolean {
  return scheduleCodeDamage(code) === null;
}

/** Why `code` is not a whole schedule code as spinlab prints them (a character lost, added or changed), or null when it is one. */
export function scheduleCodeDamage(code: string): string | null {
  try {
    void new ScheduleReader(code);
    return null;
  } catch (error) {
    if (error instanceof DamagedScheduleCode) return error.message;
    throw error;
  }
}

/** The payload of `code` and whether it holds fault decisions; throws {@link DamagedScheduleCode} for anything but a whole code. */
function decodeBody(code: string): [Buffer, boolean] {
  if (!/^[A-Za-z0-9_-]+$/.test(code)) throw new DamagedScheduleCode('it has characters outside A–Z, a–z, 0–9, - and _');
  const whole = Buffer.from(code, 'base64url');
  // A lost or changed last character may leave the bytes whole and change only padding bits: only the exact text is a code.
  if (whole.toString('base64url') !== code || whole.length < 6) throw new DamagedScheduleCode('checksum mismatch');
  const body = whole.subarray(0, whole.length - 4);
  const version = body[0]!;
  if (whole.readUInt32LE(whole.length - 4) !== crc32(body) || (version & ~FLAGS) !== VERSION) throw new DamagedScheduleCode('checksum mismatch');
  const rest = body.subarray(1);
  const bytes = (version & DEFLATED) !== 0 ? inflateRawSync(rest) : rest;
  if (bytes.length < 9) throw new DamagedScheduleCode('too short');
  return [bytes, (version & FAULTS) !== 0];
}

function widthOf(radix: number): number {
  return radix <= 1 ? 0 : 32 - Math.clz32(radix - 1);
}

function pushU32(bytes: number[], value: number): void {
  bytes.push(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff);
}

function pushVarint(bytes: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    bytes.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  bytes.push(v);
}

function readVarint(bytes: Buffer, start: number): [number, number] {
  let value = 0;
  let shift = 0;
  let offset = start;
  for (;;) {
    const byte = bytes[offset++];
    if (byte === undefined) throw new DamagedScheduleCode('truncated');
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, offset];
    shift += 7;
    if (shift > 35) throw new DamagedScheduleCode('bad length');
  }
}
