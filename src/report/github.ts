/**
 * GitHub Actions output: `::error file=…,line=…,col=…,title=…::` annotations
 * for the compile errors and every lost visible item (at most
 * {@link MAX_ERROR_ANNOTATIONS}, as GitHub drops the rest of a step's), and a
 * markdown summary. Every string is made visible; annotation data and
 * properties are escaped as the runner unescapes them; what the driver
 * printed is wrapped in `::stop-commands::` so it cannot forge annotations
 * or scores.
 */
import { randomBytes } from 'node:crypto';
import type { GradeResult, ResultItem } from '../rubric/result.js';
import { itemsFor, lostBecause, maxPointsOf, pathNote, pointsOf } from './items.js';
import { placeOf, repositoryPath } from './place.js';
import { githubData, githubProperty, markdownText, visibleText } from './sanitize.js';

/** GitHub shows at most this many `::error` annotations per step and silently drops the others. */
export const MAX_ERROR_ANNOTATIONS = 10;

/** What the GitHub reporter needs besides the result. */
export interface GithubOptions {
  /**
   * The submission folder's path from the repository root, with `/`, which
   * GitHub needs to put an annotation on the file (`exercises/01-initialize-lock`).
   * Default `''`: the submission folder is the repository root.
   */
  readonly submissionDir?: string;
}

/** A problem worth an annotation: a compile or type error, or a lost visible item. */
interface Problem {
  /** Relative to the submission folder; `null` for no place. */
  readonly place: { readonly file: string; readonly line: number; readonly column: number } | null;
  readonly title: string;
  readonly message: string;
}

/** The workflow-command lines for a result. */
export function renderGithub(result: GradeResult, options: GithubOptions = {}): string {
  const visible = itemsFor(result, 'student');
  const problems = problemsOf(result, visible);
  const lines = problems.slice(0, MAX_ERROR_ANNOTATIONS).map((problem) => errorLine(problem, options.submissionDir ?? ''));
  const more = problems.length - MAX_ERROR_ANNOTATIONS;
  if (more > 0) {
    lines.push(
      `::warning title=${githubProperty(`spinlab: ${more} more problem${more === 1 ? '' : 's'}`)}::${githubData(
        `${problems.length} problems; GitHub shows ${MAX_ERROR_ANNOTATIONS} annotations a step, so ${more} are not annotated: they are listed in the job summary, and all ${problems.length} in the report of spinlab grade --format json.`,
      )}`,
    );
  }
  lines.push(`::notice title=${githubProperty(`spinlab ${result.exercise}`)}::${githubData(`${result.status}: ${pointsOf(visible)}/${maxPointsOf(visible)} points`)}`);
  if (result.output.trim() !== '') {
    const token = randomBytes(16).toString('hex');
    lines.push('Your driver printed:', `::stop-commands::${token}`, visibleText(result.output.trimEnd()), `::${token}::`);
  }
  return `${lines.join('\n')}\n`;
}

/** The markdown job summary for `$GITHUB_STEP_SUMMARY`, listing the problems the annotations had no room for. */
export function renderGithubSummary(results: readonly GradeResult[], options: GithubOptions = {}): string {
  const lines: string[] = [];
  for (const result of results) {
    const visible = itemsFor(result, 'student');
    lines.push(`### spinlab · ${markdownText(result.exercise)} · ${pointsOf(visible)}/${maxPointsOf(visible)}`, '');
    if (result.status !== 'graded') lines.push(`**${result.status}**: ${markdownText(result.message ?? '')}`, '');
    lines.push('| | Item | Points |', '|---|---|---|');
    for (const item of visible) lines.push(`| ${item.passed ? '✅' : '❌'} | ${markdownText(item.title)} | ${item.points}/${item.maxPoints} |`);
    lines.push('');
    const unannotated = problemsOf(result, visible).slice(MAX_ERROR_ANNOTATIONS);
    if (unannotated.length > 0) {
      lines.push(`**Not annotated** (GitHub shows ${MAX_ERROR_ANNOTATIONS} per step):`, '');
      for (const problem of unannotated) {
        const place = problem.place === null ? '' : `${markdownText(placeOf({ ...problem.place, file: repositoryPath(options.submissionDir ?? '', problem.place.file) }))} `;
        lines.push(`- ${place}**${markdownText(problem.title)}**: ${markdownText(problem.message)}`);
      }
      lines.push('');
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Compile and type errors first, then the lost items of `visible` (the result's visible items), in the result's order. */
function problemsOf(result: GradeResult, visible: readonly ResultItem[]): Problem[] {
  const problems: Problem[] = result.diagnostics.map((diagnostic) => ({
    place: diagnostic,
    title: diagnostic.kind === 'compile' ? 'does not compile' : 'type error',
    message: diagnostic.message,
  }));
  for (const item of visible) {
    if (item.passed) continue;
    const finding = item.findings[0];
    const title = `${item.title} (${item.check})`;
    if (finding === undefined) problems.push({ place: null, title, message: lostBecause(result, item) });
    else if (finding.location === null) problems.push({ place: null, title, message: `${finding.rule}: ${finding.message}` });
    else problems.push({ place: finding.location, title, message: `${finding.rule}: ${finding.message}${finding.replay === null ? '' : `\nreplay: ${finding.replay}`}${pathNote(finding) === null ? '' : `\n${pathNote(finding)}`}` });
  }
  return problems;
}

function errorLine(problem: Problem, submissionDir: string): string {
  const title = githubProperty(problem.title);
  if (problem.place === null) return `::error title=${title}::${githubData(problem.message)}`;
  const { file, line, column } = problem.place;
  return `::error file=${githubProperty(repositoryPath(submissionDir, file))},line=${line},col=${column},title=${title}::${githubData(problem.message)}`;
}

