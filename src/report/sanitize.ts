/** Making text safe for each output: no ANSI codes, no invalid XML characters, no forged workflow commands. */

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[@-_]/g;
// XML 1.0 allows tab, newline, carriage return and U+0020 and above (minus surrogates halves and U+FFFE/U+FFFF).
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Removes ANSI escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Text safe inside an XML text node or attribute value. */
export function xmlEscape(text: string): string {
  return stripAnsi(text)
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A workflow command's message, escaped as GitHub requires (`%`, CR, LF). */
export function githubData(text: string): string {
  return stripAnsi(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value, escaped as GitHub requires (also `:` and `,`). */
export function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Text that can never be read as a line of its own (a forged annotation): every line indented. */
export function quoteLines(text: string, prefix = '  | '): string {
  return stripAnsi(text)
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}
