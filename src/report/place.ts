/** A place in the student's source as every report writes it. */
import { posix } from 'node:path';

/** `driver.ts:27:5`, or '' for no place. */
export function placeOf(place: { readonly file: string; readonly line: number; readonly column: number } | null): string {
  return place === null ? '' : `${place.file}:${place.line}:${place.column}`;
}

/** `file` (relative to the submission folder) from the repository root, with `/`. */
export function repositoryPath(submissionDir: string, file: string): string {
  const slashed = file.replace(/\\/g, '/');
  if (submissionDir === '' || posix.isAbsolute(slashed) || /^[A-Za-z]:\//.test(slashed)) return slashed;
  return posix.join(submissionDir, slashed);
}
