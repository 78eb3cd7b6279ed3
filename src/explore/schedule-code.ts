/**
 * Schedule codes: an execution's exact choices as a short URL-safe string.
 *
 * Layout (then deflated when that is shorter, then base64url):
 * `version(1) seed(u32) digest(u32) count(varint) choices(bit-packed)`.
 * Each choice takes ceil(log2(n)) bits, where n is the number of enabled
 * actions at that decision — which the replay knows, because it reaches the
 * same decision. The digest lets a replay prove it reproduced the trace.
 * A version with the {@link FAULTS} bit says the stream also holds one
 * two-option choice per faultable call (0 succeed, 1 fail: see
 * src/machine/faults.ts), so a replay decides those calls from the code.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** What a schedule code holds. */
export interface ScheduleCode {
  /** The execution's entropy seed. */
  readonly seed: number;
  /** The trace digest the execution ended with. */
  readonly digest: number;
  readonly choices: readonly number[];
}

const RAW = 1;
const DEFLATED = 2;
/** Set in the version byte when the stream holds fault decisions. */
const FAULTS = 4;

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
  const body = deflated.length + 1 < raw.length ? Buffer.concat([Buffer.from([DEFLATED | flag]), deflated]) : Buffer.concat([Buffer.from([RAW | flag]), raw]);
  return body.toString('base64url');
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

/** Whether `code` looks like a schedule code (decodes, with a sane header). */
export function isScheduleCode(code: string): boolean {
  try {
    const reader = new ScheduleReader(code);
    return reader.count >= 0;
  } catch {
    return false;
  }
}

function decodeBody(code: string): [Buffer, boolean] {
  if (!/^[A-Za-z0-9_-]+$/.test(code)) throw new Error('not a schedule code (it has characters outside A–Z, a–z, 0–9, - and _)');
  const body = Buffer.from(code, 'base64url');
  const version = (body[0] ?? 0) & ~FAULTS;
  const rest = body.subarray(1);
  const bytes = version === DEFLATED ? inflateRawSync(rest) : version === RAW ? rest : null;
  if (bytes === null || bytes.length < 9) throw new Error('not a schedule code (unknown version or too short)');
  return [bytes, ((body[0] ?? 0) & FAULTS) !== 0];
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
    if (byte === undefined) throw new Error('not a schedule code (truncated)');
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, offset];
    shift += 7;
    if (shift > 35) throw new Error('not a schedule code (bad length)');
  }
}
