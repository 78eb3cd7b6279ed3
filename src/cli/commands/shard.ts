/** `--shard i/n`: a stable share of the class by name, the same on every machine. */
import { usage } from '../options.js';

/** Shard i of n (1-based). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses `i/n`. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) throw usage(`--shard must be i/n with 1 ≤ i ≤ n, got \`${text}\``);
  return { index, count };
}

/** Whether the student whose id is `id` belongs to `shard` (FNV-1a of the id's UTF-8 bytes, modulo n). */
export function inShard(id: string, shard: Shard): boolean {
  return fnv1a(Buffer.from(id, 'utf8')) % shard.count === shard.index - 1;
}

/** FNV-1a, 32 bits: a stable hash, the same on every machine. */
export function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 16777619) >>> 0;
  return hash;
}
