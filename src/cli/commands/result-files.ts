/**
 * Reading the result files a batch wrote (`<out>/<id>.json`): each valid
 * against the result schema and naming the student its file is named for,
 * as `batch --resume` keeps them and `spinlab diff` compares them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { GradeResult } from '../../rubric/result.js';
import { validateAgainst } from '../../rubric/schemas.js';
import { usage } from '../options.js';

/** The result in `file` for student `id`, or why it is not one (missing, not JSON, not valid, another student's). */
export function readResultFile(file: string, id: string): GradeResult | { readonly invalid: string } {
  if (!existsSync(file)) return { invalid: 'no such file' };
  let data: GradeResult;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as GradeResult;
  } catch (error) {
    return { invalid: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const errors = validateAgainst('result', data);
  if (errors.length > 0) return { invalid: `not a valid result: ${errors[0]}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ''}` };
  return data.submission === id ? data : { invalid: `it is the result of \`${data.submission}\`, not of \`${id}\`` };
}

/** Whether `read` is a result. */
export function isResult(read: GradeResult | { readonly invalid: string }): read is GradeResult {
  return !('invalid' in read);
}

/** The results of a batch output folder, and the `*.json` files in it that are not valid results (with why). Throws a usage error when `dir` is not a folder. */
export function readResultFolder(dir: string): { results: GradeResult[]; invalid: Array<{ file: string; why: string }> } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw usage(`${dir} is not a folder`, 'pass two --out folders of `spinlab batch`');
  const results: GradeResult[] = [];
  const invalid: Array<{ file: string; why: string }> = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || !name.endsWith('.json')) continue;
    const file = join(dir, name);
    const read = readResultFile(file, basename(name, '.json'));
    if (isResult(read)) results.push(read);
    else invalid.push({ file, why: read.invalid });
  }
  return { results, invalid };
}
