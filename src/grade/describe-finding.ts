/** Turns an exploration's finding (bundle positions, schedule code) into its reported form (TypeScript places, replay command), every string capped. */
import { twiceInOneCall } from '../checks/recursive-acquire.js';
import type { FindingGroup } from '../explore/index.js';
import type { Location, ResultFinding } from '../rubric/result.js';
import { capFinding } from '../rubric/result-limits.js';
import type { CompiledDriver } from '../sandbox/compile.js';
import type { SourcePosition } from '../sandbox/source-map.js';
import { functionNameAt, returnSiteAfter } from '../sandbox/return-site.js';
import { toSourceSite } from '../sandbox/source-site.js';
import { handleArgument } from './handle-argument.js';

/** How to build a replay command for a schedule code. */
export type ReplayCommand = (code: string) => string;

/** A local handle's placeholder name (`KLOCK_QUEUE_HANDLE#3`: it was never stored anywhere). */
const HANDLE_PLACEHOLDER = /KLOCK_QUEUE_HANDLE#\d+/;
const HANDLE_PLACEHOLDER_ALL = /KLOCK_QUEUE_HANDLE#\d+/g;

/** A place as a result reports it: where, and the text of that line. */
export interface SourcePlace {
  readonly location: Location | null;
  readonly source: string | null;
}

/** `position` (a TypeScript place, e.g. from {@link toSourceSite}) and its source line from `driver`'s map; both null when undefined. */
export function sourcePlace(driver: CompiledDriver, position: SourcePosition | undefined): SourcePlace {
  return position === undefined
    ? { location: null, source: null }
    : { location: { file: position.file, line: position.line, column: position.column }, source: driver.map.sourceLine(position.file, position.line) ?? null };
}

/**
 * A finding's own place in the TypeScript: its site, or for a routine's
 * return, the `return` it took after that site — in the routine itself when
 * the site is in a helper it called (the site's callers say where the
 * routine stood).
 */
function ownSite(f: FindingGroup['finding'], driver: CompiledDriver): SourcePosition | undefined {
  const site = toSourceSite(driver, f.site);
  if (site === undefined || f.returnOf === undefined) return site;
  const callers = (f.site?.callers ?? []).map((c) => toSourceSite(driver, c)).filter((c) => c !== undefined);
  return returnSiteAfter((file) => driver.map.sourceContent(file), f.returnOf, [site, ...callers]) ?? site;
}

/** Describes `group` for a result, within the result's caps (what the student named or threw is a few kilobytes at most). `driver` maps sites; `replay` makes the command. */
export function describeFinding(group: FindingGroup, driver: CompiledDriver, replay: ReplayCommand | null): ResultFinding {
  return capFinding(describeUncapped(group, driver, replay));
}

function describeUncapped(group: FindingGroup, driver: CompiledDriver, replay: ReplayCommand | null): ResultFinding {
  const f = group.finding;
  // The all-paths rule's places are the student's TypeScript already; a schedule's are the bundle's.
  const staticPlace = f.allPaths;
  const own = staticPlace === undefined ? sourcePlace(driver, ownSite(f, driver)) : sourcePlace(driver, { file: staticPlace.file, line: staticPlace.line, column: 1 });
  const related = (f.related ?? []).map((r) => ({
    label: r.label,
    routine: r.routine,
    cpu: r.cpu,
    ...(r.locks === undefined ? {} : { locks: r.locks }),
    ...sourcePlace(driver, staticPlace === undefined ? toSourceSite(driver, r.site) : r.site),
  }));
  // A local KLOCK_QUEUE_HANDLE has no path of its own: name it by the student's variable at the call.
  const handle = HANDLE_PLACEHOLDER.test(`${f.message} ${f.target ?? ''}`) ? [own.source, ...related.map((r) => r.source)].map(handleArgument).find((name) => name !== undefined) : undefined;
  const named = (text: string): string => (handle === undefined ? text : text.replace(HANDLE_PLACEHOLDER_ALL, `\`${handle}\``));
  return {
    check: f.check,
    rule: f.rule,
    message: named(f.cause === 'acquired-twice-in-one-call' ? oneCallMessage(f, driver) : f.message),
    routine: f.routine,
    context: f.context,
    cpu: f.cpu,
    irql: f.irql,
    ...(f.cause === undefined ? {} : { cause: f.cause }),
    ...(f.lock === undefined ? {} : { lock: f.lock }),
    ...(f.target === undefined ? {} : { target: handle === undefined ? f.target : handle }),
    ...(f.name === undefined ? {} : { name: f.name }),
    ...(f.locks === undefined ? {} : { locks: f.locks }),
    ...own,
    related: related.map((r) => ({ ...r, label: named(r.label) })),
    ...(f.details === undefined ? {} : { details: f.details }),
    ...(staticPlace === undefined ? {} : { path: staticPlace.path }),
    schedulesFailed: group.schedules.length,
    schedule: group.code === '' ? null : group.code,
    replay: group.code === '' || replay === null ? null : replay(group.code),
  };
}

/**
 * A lock acquired twice in one call, with the function of each acquire found
 * in the source (the machine sees routines, not the helpers they call): the
 * routine's own message when either cannot be told.
 */
function oneCallMessage(f: FindingGroup['finding'], driver: CompiledDriver): string {
  const sourceOf = (file: string): string | undefined => driver.map.sourceContent(file);
  const fnAt = (site: Parameters<typeof toSourceSite>[1]): string | undefined => {
    const place = toSourceSite(driver, site);
    return place === undefined ? undefined : functionNameAt(sourceOf, place);
  };
  const again = fnAt(f.site);
  const first = fnAt(f.related?.[0]?.site);
  if (again === undefined || first === undefined || f.routine === null || f.cpu === null || f.lock === undefined) return f.message;
  return twiceInOneCall({ routine: f.routine, cpu: f.cpu, lock: f.lock, first, again });
}
