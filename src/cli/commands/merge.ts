/** `spinlab merge <dirs…>`: join the grades.csv of batch shards into one (sorted by submission). */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv, renderCsv, type GradeRow } from '../../report/index.js';
import { writeAtomic } from '../atomic-write.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { usage } from '../options.js';

export async function runMerge(paths: readonly string[], options: { out?: string }, io: CommandIo): Promise<ExitCode> {
  const itemIds: string[] = [];
  const rows = new Map<string, GradeRow>();
  for (const path of paths) {
    const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'grades.csv') : path;
    if (!existsSync(file)) throw usage(`${path} has no grades.csv`, 'pass the --out folders of `spinlab batch` runs');
    const parsed = parseCsv(readFileSync(file, 'utf8'));
    for (const id of parsed.itemIds) if (!itemIds.includes(id)) itemIds.push(id);
    for (const row of parsed.rows) {
      if (rows.has(row.submission)) throw usage(`submission \`${row.submission}\` appears in more than one shard (${file})`);
      rows.set(row.submission, row);
    }
  }
  const csv = renderCsv([...rows.values()], itemIds);
  if (options.out === undefined) io.out(csv);
  else {
    writeAtomic(options.out, csv);
    io.err(`${rows.size} submission(s) from ${paths.length} shard(s) → ${options.out}\n`);
  }
  return ExitCode.Ok;
}
