/** Base64 VLQ, the number encoding of source map `mappings` (Source Map Revision 3). */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGITS = new Map([...BASE64].map((c, i) => [c, i]));

/** The numbers of one segment (`AAAA` → [0, 0, 0, 0]); stops at the first character that is not a digit. */
export function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = DIGITS.get(char);
    if (digit === undefined) break;
    value += (digit & 31) << shift;
    if ((digit & 32) !== 0) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** One segment's text for `values`. */
export function encodeVlq(values: readonly number[]): string {
  let text = '';
  for (const value of values) {
    let v = value < 0 ? (-value << 1) | 1 : value << 1;
    do {
      let digit = v & 31;
      v >>>= 5;
      if (v > 0) digit |= 32;
      text += BASE64[digit];
    } while (v > 0);
  }
  return text;
}
