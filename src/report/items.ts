/** The rubric items a report shows, and their points. */
import { total } from '../rubric/score.js';
import type { GradeResult, ResultFinding, ResultItem } from '../rubric/result.js';
import { placeOf } from './place.js';

/** Who a report is for: `student` sees visible items only (`spinlab check`, CI annotations); `staff` sees every item. */
export type Audience = 'student' | 'staff';

/** The items an audience sees. */
export function itemsFor(result: GradeResult, audience: Audience): readonly ResultItem[] {
  return audience === 'staff' ? result.items : result.items.filter((item) => item.visibility === 'visible');
}

/** What a requirement on a hidden item reads as in a student's view. */
export const HIDDEN_REQUIREMENT = '(a hidden item)';

/**
 * What a student may see of a result (`spinlab check`, in any format): the
 * visible items only, with the score and maximum over them; a requirement
 * on a hidden item is not named.
 */
export function studentView(result: GradeResult): GradeResult {
  const visible = itemsFor(result, 'student');
  const ids = new Set(visible.map((item) => item.id));
  const mask = (list: readonly string[]) => list.map((id) => (ids.has(id) ? id : HIDDEN_REQUIREMENT));
  const items = visible.map((item) => (item.requires === undefined ? item : { ...item, requires: mask(item.requires), ...(item.unmet === undefined ? {} : { unmet: mask(item.unmet) }) }));
  return { ...result, items, score: pointsOf(visible), maxScore: maxPointsOf(visible) };
}

/** The points `items` earned. */
export function pointsOf(items: readonly ResultItem[]): number {
  return total(items);
}

/** The points `items` are worth. */
export function maxPointsOf(items: readonly ResultItem[]): number {
  return total(items.map((item) => ({ points: item.maxPoints })));
}

/**
 * Why `item` earned less than its points, for a report's one message per
 * item: its first finding (rule, place, message), else why the run never
 * decided it (the submission was missing or did not compile, with the first
 * diagnostic; the run timed out or crashed). Never "not decided" alone.
 * The text is as the student wrote it: each format makes it safe.
 */
export function lostBecause(result: GradeResult, item: ResultItem): string {
  const finding = item.findings[0];
  if (finding !== undefined) return `${findingHeadline(finding)}: ${finding.message}`;
  const unmet = unmetRequirements(item);
  if (unmet !== null) return unmet;
  const first = result.diagnostics[0];
  const detail = first === undefined ? '' : ` (${placeOf(first)}: ${first.message})`;
  switch (result.status) {
    case 'compile-error':
      return `not graded: ${result.message ?? 'the submission does not compile'}${detail}`;
    case 'timed-out':
    case 'crashed':
      return `not decided: ${result.message ?? result.status}`;
    case 'grader-error':
      // The message already says the grader failed, not the submission, and where.
      return `not decided: ${result.message ?? 'the grader failed, not your code'}`;
    case 'graded':
      return `${item.points}/${item.maxPoints} points: ${item.schedulesFailed} of ${item.schedulesRun} schedules failed ${item.check}`;
  }
}

/**
 * Why an item was not counted though it may have passed on its own: the
 * items it requires that did not pass (`not counted: it counts only when
 * \`count-under-lock\` passes, and \`count-under-lock\` did not`); null when
 * its requirements were met.
 */
export function unmetRequirements(item: ResultItem): string | null {
  if (item.unmet === undefined || item.unmet.length === 0) return null;
  const names = (ids: readonly string[]) => ids.map((id) => (id === HIDDEN_REQUIREMENT ? id : `\`${id}\``)).join(', ');
  const requires = item.requires ?? item.unmet;
  return `not counted: it counts only when ${names(requires)} ${requires.length === 1 ? 'passes' : 'pass'}, and ${names(item.unmet)} did not`;
}

/** A finding's rule and place (`rule at driver.ts:27:5`), or its rule alone when it has no place. */
export function findingHeadline(finding: ResultFinding): string {
  const where = placeOf(finding.location);
  return `${finding.rule}${where === '' ? '' : ` at ${where}`}`;
}

/** What a related site held, after its routine: `, holding a, b`, `, holding no lock`, or '' when not known. */
export function holdingText(locks: readonly string[] | undefined): string {
  return locks === undefined ? '' : locks.length === 0 ? ', holding no lock' : `, holding ${locks.join(', ')}`;
}

/** What a finding of the all-paths rule has instead of a schedule to replay. */
export const ON_EVERY_PATH = 'the all-paths rule: no schedule needed';

/** `lines 41, 44, 52` */
export function pathText(path: readonly number[]): string {
  return `line${path.length === 1 ? '' : 's'} ${path.join(', ')}`;
}

/** For a finding of the all-paths rule, the line a report shows in place of a replay command (`path: lines 41, 44, 52 (…)`); null for any other. */
export function pathNote(finding: ResultFinding): string | null {
  return finding.path === undefined ? null : `path: ${pathText(finding.path)} (${ON_EVERY_PATH})`;
}
