/**
 * The class of a Gradescope "Export submissions" zip (or the folder it
 * unzips to), for `spinlab batch --from-gradescope`: each `submission_<id>/`
 * folder is one submission, named by its student from
 * `submission_metadata.yml` rather than by Gradescope's number.
 *
 * A submission's id (docs/staff.md, "Gradescope"): its first submitter's
 * email (submitters ordered by email, then name), else the name, else the
 * sid, else the folder's name — made unique and file-safe by the class
 * folder's rule (`student-ids.ts`: two students named alike get `~2`).
 * Every submitter of a group submission is listed in the roster under that
 * submission's id.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SpinlabError } from '../../errors.js';
import { parseSubmissionMetadata, type Submitter } from '../../gradescope/export-metadata.js';
import { extractZip } from '../../gradescope/zip-read.js';
import { csvCell } from '../../report/sanitize.js';
import { pathFrom, shellWord } from '../printed-command.js';
import type { Roster, Student } from './class-roster.js';
import { assignIds } from './student-ids.js';

/** One student of the export, for roster.csv. */
export interface ExportPerson extends Submitter {
  /** The id of their submission's result (grades.csv's `submission`). */
  readonly id: string;
  /** Gradescope's folder of it: `submission_<id>`. */
  readonly folder: string;
}

/** The class of an export, and its students by name. */
export interface ExportRoster extends Roster {
  readonly people: readonly ExportPerson[];
}

/** Where batch unpacks an export zip, in its `--out` folder (a dot name: never taken for a result). */
export const GRADESCOPE_UNPACKED = '.gradescope-export';

/** The metadata file an export holds. */
export const METADATA = 'submission_metadata.yml';

/**
 * Reads the export at `path` (a zip, unpacked into `unpackTo` — emptied
 * first and kept, so replay commands in the results go on working — or a
 * folder). Throws a usage SpinlabError when it is not an export.
 */
export function readGradescopeExport(path: string, unpackTo: string): ExportRoster {
  if (!existsSync(path)) throw usage(`${path} does not exist`);
  let root = path;
  const ignored: string[] = [];
  if (statSync(path).isFile()) {
    rmSync(unpackTo, { recursive: true, force: true });
    mkdirSync(unpackTo, { recursive: true });
    try {
      const extracted = extractZip(readFileSync(path), unpackTo);
      ignored.push(...extracted.skipped.map((name) => `${name} (a link or a path leaving the export: not unpacked)`));
    } catch (error) {
      throw usage(`${path} cannot be read as a zip: ${error instanceof Error ? error.message : String(error)}`);
    }
    root = unpackTo;
  }
  const classDir = metadataFolder(root, path);
  const metadata = parseSubmissionMetadata(readFileSync(join(classDir, METADATA), 'utf8'));
  const folders = readdirSync(classDir, { withFileTypes: true });
  for (const entry of folders) if (entry.name !== METADATA && !entry.name.startsWith('.') && !(entry.isDirectory() && /^submission_/.test(entry.name))) ignored.push(`${entry.name} (not a submission_<id> folder)`);
  const names = [...new Set([...metadata.keys(), ...folders.filter((e) => e.isDirectory() && /^submission_/.test(e.name)).map((e) => e.name)])].sort();
  const submitters = names.map((folder) => [...(metadata.get(folder) ?? [])].sort(bySubmitter));
  const ids = assignIds(names.map((folder, i) => ({ name: Buffer.from(labelOf(submitters[i]!) ?? folder), kind: 'folder' as const })));
  const students = names.map((folder, i): Student => {
    const dir = join(classDir, folder);
    // A submission the metadata names but the export lacks still gets its row, saying so.
    const refused = existsSync(dir) ? null : `${folder} is in ${METADATA} but its folder is not in the export (nothing was uploaded, or the export was cut short)`;
    return { id: ids[i]!, path: dir, shellPath: shellWord(pathFrom('.', dir)), refused };
  });
  const people = names.flatMap((folder, i) => submitters[i]!.map((submitter) => ({ ...submitter, id: ids[i]!, folder })));
  return { students, ignored, people, cleanup: () => undefined };
}

/** roster.csv: one row per student — `submission` (the id in grades.csv), `name`, `email`, `sid`, `gradescope` (the folder) — sorted by id, then email. */
export function rosterCsv(people: readonly ExportPerson[]): string {
  const rows = [...people].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : (a.email ?? '') < (b.email ?? '') ? -1 : 1));
  const lines = [['submission', 'name', 'email', 'sid', 'gradescope'], ...rows.map((p) => [p.id, p.name ?? '', p.email ?? '', p.sid ?? '', p.folder])];
  return `${lines.map((cells) => cells.map(csvCell).join(',')).join('\n')}\n`;
}

/** The label a submission's id is made from: its first submitter's email, name or sid, or null when it names none. */
function labelOf(submitters: readonly Submitter[]): string | null {
  const first = submitters[0];
  return first === undefined ? null : (first.email ?? first.name ?? first.sid);
}

function bySubmitter(a: Submitter, b: Submitter): number {
  const ka = `${a.email ?? '\uffff'}\0${a.name ?? ''}`;
  const kb = `${b.email ?? '\uffff'}\0${b.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The folder holding submission_metadata.yml: the export's top, or its one folder (the zip's `assignment_<id>_export/`). */
function metadataFolder(root: string, shown: string): string {
  if (existsSync(join(root, METADATA))) return root;
  const inside = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== '__MACOSX' && existsSync(join(root, e.name, METADATA)));
  if (inside.length === 1) return join(root, inside[0]!.name);
  const why = inside.length > 1 ? `found it in ${inside.length} folders (${inside.map((e) => e.name).join(', ')})` : `no ${METADATA} at its top or one folder down`;
  throw usage(`${shown} is not one Gradescope export: ${why}`);
}

function usage(message: string): SpinlabError {
  return new SpinlabError('SPINLAB_USAGE', message, 'pass the zip from Gradescope\'s "Export submissions" (Review grades → Export submissions), or the folder it unzips to');
}
