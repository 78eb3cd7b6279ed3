/**
 * tsc's own account of the modules it resolved (`--traceResolution`), read
 * for two things: every module specifier in the submission's TypeScript —
 * imports, type-only imports, `import("…")` types, `export … from`,
 * `import x = require(…)`, `declare module "…"` names, as tsc's parser found
 * them, comments and strings no obstacle — and which submission file each
 * one led to (what the entry reaches).
 *
 * Each specifier is judged by its text alone: `spinlab/kernel`, or a
 * relative path (`./`, `../`) that stays inside the submission folder. Any
 * other — absolute, climbing out, a bare package name, `#imports`, a
 * backslash — is refused whether or not something answers to it outside,
 * so what tsc found there (a file, a package.json, nothing) never reaches
 * the student, not even as which error they get. A line of the account
 * that cannot be read (a specifier with a line break in it, say) fails
 * closed.
 */
import { posix } from 'node:path';

/** One module specifier and the file that wrote it. */
export interface TracedSpecifier {
  /** The file, as given in the program (absolute, `/`). */
  readonly from: string;
  readonly specifier: string;
}

/** What the trace says. */
export interface ResolutionAccount {
  /** Specifiers that leave the submission (refused). */
  readonly outside: readonly TracedSpecifier[];
  /** Submission file (absolute) → the submission files its specifiers resolved to. */
  readonly edges: ReadonlyMap<string, ReadonlySet<string>>;
  /** Header lines that could not be read. */
  readonly unreadable: number;
}

/** The program's files: the submission folder and its files (absolute, `/`). */
export interface ProgramFiles {
  readonly root: string;
  readonly submission: ReadonlySet<string>;
}

const HEADER = '======== Resolving module \'';
const HEADER_END = '\'. ========';
const RESULT = '======== Module name \'';
const RESOLVED = '\' was successfully resolved to \'';
const FROM = '\' from \'';

/** Reads `trace` (tsc's output with `--traceResolution`), for a program of `files`. */
export function readResolutionTrace(trace: string, files: ProgramFiles): ResolutionAccount {
  const outside: TracedSpecifier[] = [];
  const edges = new Map<string, Set<string>>();
  let unreadable = 0;
  let last: TracedSpecifier | undefined;
  const longest = Math.max(0, ...[...files.submission].map((file) => file.length));
  for (const line of trace.split('\n')) {
    if (line.startsWith(HEADER)) {
      last = undefined;
      const readings = headerReadings(line, files.submission, longest);
      if (readings.length === 0) unreadable++;
      for (const reading of readings) if (!allowed(reading, files)) outside.push(reading);
      if (readings.length === 1) last = readings[0];
    } else if (line.startsWith(RESULT) && last !== undefined) {
      const target = resolvedTarget(line, last.specifier, files.submission);
      if (target !== undefined) {
        let set = edges.get(last.from);
        if (set === undefined) edges.set(last.from, (set = new Set()));
        set.add(target);
      }
      last = undefined;
    }
  }
  return { outside, edges, unreadable };
}

/** Every submission file `entry` reaches through `edges` (itself included). */
export function reachableFrom(entry: string, edges: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const reached = new Set([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    for (const next of edges.get(queue.pop()!) ?? []) {
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  return reached;
}

/**
 * The ways a header line splits into specifier and program file: at each
 * `' from '` followed by a known file's name (more than one only if a
 * specifier ends like a header). Only the last `longest` characters are
 * looked at, so a long specifier costs no more than a short one.
 */
function headerReadings(line: string, known: ReadonlySet<string>, longest: number): TracedSpecifier[] {
  if (!line.endsWith(HEADER_END)) return [];
  const body = line.slice(HEADER.length, -HEADER_END.length);
  const readings: TracedSpecifier[] = [];
  for (let at = body.lastIndexOf(FROM); at >= 0 && body.length - at <= longest + FROM.length; at = at === 0 ? -1 : body.lastIndexOf(FROM, at - 1)) {
    const from = body.slice(at + FROM.length);
    if (known.has(from)) readings.push({ from, specifier: body.slice(0, at) });
  }
  return readings;
}

/** The submission file a result line says `specifier` resolved to, if it is one. */
function resolvedTarget(line: string, specifier: string, submission: ReadonlySet<string>): string | undefined {
  const prefix = `${RESULT}${specifier}${RESOLVED}`;
  if (!line.startsWith(prefix) || !line.endsWith(HEADER_END)) return undefined;
  const target = line.slice(prefix.length, -HEADER_END.length);
  return submission.has(target) ? target : undefined;
}

/** `spinlab/kernel`, or a relative path that stays in the submission folder. */
function allowed(reading: TracedSpecifier, files: ProgramFiles): boolean {
  const { specifier } = reading;
  if (specifier === 'spinlab/kernel') return true;
  const relative = specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
  if (!relative || specifier.includes('\\') || specifier.includes('\0')) return false;
  const target = posix.join(posix.dirname(reading.from), specifier);
  return target === files.root || target.startsWith(`${files.root}/`);
}
