/**
 * What a `grader-error` result says: which of the grader's code failed —
 * the scenario's workload, an invariant, spinlab itself — where in
 * graders/<id>/scenario.ts (its exception mapped through the compiled
 * scenario's source map), and in how many schedules.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import type { UndecidedSchedule } from '../scenario/index.js';
import { SCENARIO_FIRST_LINE, SCENARIO_SCRIPT } from '../sandbox/scenario-load.js';
import { SourceMap } from '../sandbox/source-map.js';
import type { GraderScenario } from './grader-scenario.js';

/** How a grader-error result's message begins: the grader, not the submission, failed. */
export const GRADER_FAILED = 'the grader failed, not the submission';

/** A frame in the compiled scenario, as V8 writes it. */
const SCENARIO_FRAME = new RegExp(`${SCENARIO_SCRIPT.replace('.', '\\.')}:(\\d+):(\\d+)`);

/**
 * The message of a grading with undecided schedules: the first schedule's
 * failure (what threw, and where), how many schedules failed so, and how
 * many other failures there were. `schedulesRun` counts every schedule run.
 */
export function graderFailureMessage(undecided: readonly UndecidedSchedule[], schedulesRun: number, scenario: GraderScenario): string {
  if (undecided.length === 0) return `${GRADER_FAILED}: the exploration decided no schedule (${schedulesRun} ran)`;
  const described = undecided.map((u) => describeFailure(u, scenario));
  const first = described[0]!;
  const same = described.filter((text) => text === first).length;
  const others = new Set(described).size - 1;
  const more = others === 0 ? '' : `; and ${others} other failure(s) in ${undecided.length - same} schedule(s)`;
  return `${GRADER_FAILED}: ${first} in ${same} of ${schedulesRun} schedule(s)${more}`;
}

/** One undecided schedule's failure, without its schedule: the same failure in two schedules reads the same. */
function describeFailure(undecided: UndecidedSchedule, scenario: GraderScenario): string {
  const place = scenarioPlace(undecided.stack, scenario);
  const at = place === null ? '' : ` at ${place}`;
  switch (undecided.cause) {
    case 'scenario':
      return `the scenario threw${at} (${undecided.message})`;
    case 'invariant':
      return `invariant \`${undecided.invariant ?? '?'}\` threw${at} (${undecided.message})`;
    case 'internal':
      return `spinlab hit an internal error${place === null ? '' : ` while running the scenario${at}`} (${undecided.message}; please report it)`;
  }
}

/**
 * The place in the scenario's TypeScript of the first frame of `stack` in the
 * compiled scenario (`graders/<id>/scenario.ts:12:5`: the path from the
 * graders folder's parent, so it reads the same wherever spinlab runs), or
 * null when the stack has none or the map does not cover it.
 */
export function scenarioPlace(stack: string, scenario: GraderScenario): string | null {
  const frame = stack.split('\n').map((line) => SCENARIO_FRAME.exec(line)).find((match) => match !== null);
  if (frame === undefined || frame === null) return null;
  const map = sourceMapOf(scenario.code);
  const position = map?.original(Number(frame[1]) - (SCENARIO_FIRST_LINE - 1), Number(frame[2])) ?? null;
  if (position === null) return null;
  const source = resolve(dirname(scenario.file), position.file);
  // scenario.ts is <graders>/<id>/scenario.ts: name it from the folder that holds <graders>.
  const base = dirname(dirname(dirname(scenario.file)));
  return `${relative(base, source).split(sep).join('/')}:${position.line}:${position.column}`;
}

let lastMap: { readonly code: string; readonly map: SourceMap | null } | undefined;

/** The inline source map of compiled scenario `code` (the last one read is kept: a grading asks for one scenario's, many times). */
function sourceMapOf(code: string): SourceMap | null {
  if (lastMap?.code !== code) lastMap = { code, map: SourceMap.fromInline(code) };
  return lastMap.map;
}
