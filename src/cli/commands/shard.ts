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

/** Whether submission `name` belongs to `shard` (FNV-1a of the name, modulo n). */
export function inShard(name: string, shard: Shard): boolean {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(name, 'utf8')) hash = Math.imul(hash ^ byte, 16777619) >>> 0;
  return hash % shard.count === shard.index - 1;
}
