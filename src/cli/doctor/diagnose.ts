/**
 * What `spinlab doctor` finds out about this machine and this course: the
 * Node version, what the sandbox can add around a submission here, which
 * graders folder is used and why, and whether every rubric there is valid
 * (its schema, and every name it uses found in its scenario and exercise).
 * Nothing here grades; every probe is read-only.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { isSpinlabError } from '../../errors.js';
import { gradersLocation, hasGrader, listExercises } from '../../rubric/catalog.js';
import { confinement } from '../../sandbox/confinement.js';
import { spinlabVersion } from '../../version.js';
import { setupFor } from '../setup.js';

/** One finding of the doctor: ok, a warning (grading works, with less), or a problem (grading fails). */
export interface DoctorLine {
  readonly level: 'ok' | 'warn' | 'problem';
  readonly topic: string;
  readonly text: string;
}

/** Everything the doctor found, and its one-line summary. */
export interface Diagnosis {
  readonly lines: readonly DoctorLine[];
  readonly summary: string;
}

/** The oldest Node spinlab runs on (bin/spinlab.js refuses older ones). */
const NODE_MAJOR = 20;

/** Diagnoses this machine and the graders `graders` (or the ones spinlab would find). */
export async function diagnose(options: { readonly graders?: string; readonly rubrics?: boolean } = {}): Promise<Diagnosis> {
  const lines: DoctorLine[] = [];
  const major = Number(process.versions.node.split('.')[0]);
  lines.push({ level: major >= NODE_MAJOR ? 'ok' : 'problem', topic: 'node', text: `Node ${process.versions.node} (spinlab ${spinlabVersion()} needs ${NODE_MAJOR} or later)` });
  lines.push(...(await sandboxLines()));
  const where = gradersLocation({ graders: options.graders });
  if (where === null) {
    lines.push({ level: 'problem', topic: 'graders', text: 'no graders folder: pass --graders DIR, set SPINLAB_GRADERS, or add "spinlab": { "graders": "DIR" } to the course package.json' });
  } else {
    const why = { '--graders': 'from --graders', SPINLAB_GRADERS: 'from SPINLAB_GRADERS', 'package.json': 'from "spinlab.graders" in the nearest package.json', spinlab: "spinlab's own, in a clone of its repository" }[where.from];
    lines.push({ level: existsSync(where.dir) ? 'ok' : 'problem', topic: 'graders', text: `${shown(where.dir)} (${why})${existsSync(where.dir) ? '' : ': it does not exist'}` });
    if (options.rubrics !== false && existsSync(where.dir)) lines.push(...(await rubricLines(options.graders)));
  }
  return { lines, summary: summaryOf(lines) };
}

/**
 * A folder as the user would name it: relative to the current folder when it is inside it (a batch's log
 * is often published, as CI logs are: it should not show the machine's own paths), else absolute.
 */
function shown(dir: string): string {
  const path = relative(process.cwd(), dir);
  return path === '' ? '.' : path.startsWith('..') || isAbsolute(path) ? dir : path;
}

/** What the sandbox can use here: a session, PID and network namespaces, prlimit for the type-checker. */
async function sandboxLines(): Promise<DoctorLine[]> {
  try {
    const jail = await confinement();
    const prlimit = existsSync('/usr/bin/prlimit');
    return [
      {
        level: jail.namespaces ? 'ok' : 'warn',
        topic: 'sandbox',
        text: jail.namespaces
          ? 'each submission runs in its own PID and network namespaces'
          : `no namespaces here${process.platform === 'linux' ? ' (run as root, or allow unprivileged user namespaces)' : ` (${process.platform})`}: a submission still runs in its own process and vm realm, but could reach the network and see other processes`,
      },
      { level: jail.session ? 'ok' : 'warn', topic: 'sandbox', text: jail.session ? 'each submission gets its own session (setsid): its signals reach only itself' : 'no setsid: a submission could signal its own process group' },
      { level: prlimit ? 'ok' : 'warn', topic: 'sandbox', text: prlimit ? 'prlimit caps the type-checker’s memory and file sizes' : 'no /usr/bin/prlimit: the type-checker runs without a memory or file-size cap (install util-linux)' },
    ];
  } catch (error) {
    return [{ level: 'problem', topic: 'sandbox', text: isSpinlabError(error) ? error.message : String(error) }];
  }
}

/** One line per exercise with a grader: its rubric checked whole, as grading checks it. */
async function rubricLines(graders: string | undefined): Promise<DoctorLine[]> {
  const lines: DoctorLine[] = [];
  for (const exercise of listExercises({ graders }).filter(hasGrader)) {
    try {
      await setupFor(exercise, { graders });
      lines.push({ level: 'ok', topic: 'rubric', text: `${exercise.id}: ${join(exercise.graderDir, 'rubric.json')} is valid` });
    } catch (error) {
      lines.push({ level: 'problem', topic: 'rubric', text: `${exercise.id}: ${isSpinlabError(error) ? error.message.split('\n').join(' ') : String(error)}` });
    }
  }
  if (lines.length === 0) lines.push({ level: 'warn', topic: 'rubric', text: 'no exercise has a grader in that folder' });
  return lines;
}

/** `spinlab doctor: 2 problems, 1 warning — Node 20.20.0, sandbox with namespaces, graders …/graders (from --graders), 8 rubrics valid`. */
function summaryOf(lines: readonly DoctorLine[]): string {
  const problems = lines.filter((l) => l.level === 'problem').length;
  const warnings = lines.filter((l) => l.level === 'warn').length;
  const rubrics = lines.filter((l) => l.topic === 'rubric' && l.level === 'ok').length;
  const sandbox = lines.some((l) => l.topic === 'sandbox' && l.text.startsWith('each submission runs in its own PID')) ? 'sandbox with namespaces' : 'sandbox without namespaces';
  const graders = lines.find((l) => l.topic === 'graders')?.text ?? 'no graders';
  const state = problems + warnings === 0 ? 'all good' : [problems > 0 ? `${problems} problem${problems > 1 ? 's' : ''}` : '', warnings > 0 ? `${warnings} warning${warnings > 1 ? 's' : ''}` : ''].filter(Boolean).join(', ');
  return `spinlab doctor: ${state} — Node ${process.versions.node}, ${sandbox}, graders ${graders}${rubrics > 0 ? `, ${rubrics} rubric${rubrics > 1 ? 's' : ''} valid` : ''}`;
}
