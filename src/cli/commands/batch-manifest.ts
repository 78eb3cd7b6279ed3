/**
 * `.spinlab-batch`, written beside a batch's grades.csv: what was graded (the
 * exercise, a digest of the rubric, the shard), so `spinlab merge` can refuse
 * to join sheets that do not belong together — two exercises, two rubrics, or
 * a class with shards missing — instead of writing a half gradebook.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rubric } from '../../rubric/rubric.js';
import { spinlabVersion } from '../../version.js';
import { usage } from '../options.js';
import type { Shard } from './shard.js';

/** What a batch's `.spinlab-batch` holds. */
export interface BatchManifest {
  readonly spinlab: string;
  readonly exercise: string;
  /** sha256 of the rubric as graded (its JSON), hex: two sheets with one rubric have one digest. */
  readonly rubric: string;
  /** `i/n`, or null for a whole class. */
  readonly shard: string | null;
  readonly submissions: number;
}

/** The manifest of a batch of `exercise` under `rubric`. */
export function batchManifest(exercise: string, rubric: Rubric, shard: Shard | null, submissions: number): BatchManifest {
  const digest = createHash('sha256').update(JSON.stringify(rubric)).digest('hex');
  return { spinlab: spinlabVersion(), exercise, rubric: digest, shard: shard === null ? null : `${shard.index}/${shard.count}`, submissions };
}

/** The manifest in batch output folder `dir`, or null when it has none (a bare grades.csv, or an older spinlab). */
export function readBatchManifest(dir: string): BatchManifest | null {
  const file = join(dir, '.spinlab-batch');
  if (!existsSync(file)) return null;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as BatchManifest;
    return typeof data.exercise === 'string' && typeof data.rubric === 'string' ? data : null;
  } catch {
    return null;
  }
}

/**
 * Throws a usage error (exit 2) unless the manifests, one per merged folder,
 * are one exercise under one rubric and, when sharded, every shard 1…n of
 * one n (a shard passed twice is allowed: its rows are the same).
 */
export function requireMergeable(manifests: ReadonlyArray<{ readonly path: string; readonly manifest: BatchManifest }>): void {
  if (manifests.length === 0) return;
  const exercises = [...new Set(manifests.map((m) => m.manifest.exercise))];
  if (exercises.length > 1) {
    throw usage(`these batches graded different exercises (${exercises.join(', ')}): ${manifests.map((m) => `${m.path} → ${m.manifest.exercise}`).join('; ')}`, 'merge the shards of one exercise at a time');
  }
  const rubrics = new Map<string, string[]>();
  for (const { path, manifest } of manifests) rubrics.set(manifest.rubric, [...(rubrics.get(manifest.rubric) ?? []), path]);
  if (rubrics.size > 1) {
    const groups = [...rubrics.values()].map((paths) => paths.join(', '));
    throw usage(`these batches were graded with different rubrics: {${groups.join('} and {')}}`, 'grade every shard with the same rubric (regrade the older shards), then merge');
  }
  const shards = manifests.map((m) => m.manifest.shard ?? '1/1');
  const counts = [...new Set(shards.map((s) => Number(s.split('/')[1])))];
  if (counts.length > 1) throw usage(`these batches split the class differently (${[...new Set(shards)].join(', ')})`, 'merge shards i/n of one n');
  const count = counts[0]!;
  const missing = Array.from({ length: count }, (_, i) => `${i + 1}/${count}`).filter((shard) => !shards.includes(shard));
  if (missing.length > 0) throw usage(`shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing: the merged sheet would lack those students`, `grade the missing shard${missing.length > 1 ? 's' : ''} with --shard, then merge every folder`);
}
