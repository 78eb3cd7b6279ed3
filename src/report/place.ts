/** A place in the student's source as every report writes it. */

/** `driver.ts:27:5`, or '' for no place. */
export function placeOf(place: { readonly file: string; readonly line: number; readonly column: number } | null): string {
  return place === null ? '' : `${place.file}:${place.line}:${place.column}`;
}
