/**
 * `spinlab merge <dirs…>`: join the grades.csv of batch shards into one
 * (sorted by submission), keeping every student: a row seen twice identically
 * is kept once, two different rows for one student are an error, never a choice.
 * Shards of different exercises or rubrics, or a class with a shard missing,
 * are refused (.spinlab-batch, written by each batch, says what it graded).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { forExcel, parseCsv, renderCsv, type GradeRow } from '../../report/index.js';
import { writeAtomic } from '../atomic-write.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { usage } from '../options.js';
import { requireWritableFile } from '../output-paths.js';
import { readBatchManifest, requireMergeable, type BatchManifest } from './batch-manifest.js';

export async function runMerge(paths: readonly string[], options: { out?: string; excel?: boolean }, io: CommandIo): Promise<ExitCode> {
  if (options.out !== undefined) requireWritableFile(options.out);
  const manifests: Array<{ path: string; manifest: BatchManifest }> = [];
  for (const path of paths) {
    const manifest = existsSync(path) && statSync(path).isDirectory() ? readBatchManifest(path) : null;
    if (manifest === null) io.err(`${path}: no .spinlab-batch beside grades.csv, so its exercise, rubric and shard cannot be checked\n`);
    else manifests.push({ path, manifest });
  }
  requireMergeable(manifests);
  const itemIds: string[] = [];
  const rows = new Map<string, GradeRow>();
  for (const path of paths) {
    const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'grades.csv') : path;
    if (!existsSync(file)) throw usage(`${path} has no grades.csv`, 'pass the --out folders of `spinlab batch` runs');
    const parsed = parseCsv(readFileSync(file, 'utf8'));
    for (const id of parsed.itemIds) if (!itemIds.includes(id)) itemIds.push(id);
    for (const row of parsed.rows) {
      const seen = rows.get(row.submission);
      // The same row twice (a shard passed twice) is one student; two different rows are never resolved by dropping one.
      if (seen !== undefined && !sameRow(seen, row, itemIds)) {
        throw usage(`submission \`${row.submission}\` has two different rows (the second in ${file}): were the shards graded from different class folders?`, 'grade every shard from the same class folder, with the same options');
      }
      rows.set(row.submission, row);
    }
  }
  const plain = renderCsv([...rows.values()], itemIds);
  const csv = options.excel === true ? forExcel(plain) : plain;
  if (options.out === undefined) io.out(csv);
  else {
    writeAtomic(options.out, csv);
    io.err(`${rows.size} submission(s) from ${paths.length} shard(s) → ${options.out}\n`);
  }
  return ExitCode.Ok;
}

function sameRow(a: GradeRow, b: GradeRow, itemIds: readonly string[]): boolean {
  return a.status === b.status && a.score === b.score && a.maxScore === b.maxScore && itemIds.every((id) => Object.is(a.items[id], b.items[id]));
}
