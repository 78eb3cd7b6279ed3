/** Turns an exploration's finding (bundle positions, schedule code) into its reported form (TypeScript places, replay command). */
import type { FindingGroup } from '../explore/index.js';
import type { Location, ResultFinding } from '../rubric/result.js';
import type { CompiledDriver } from '../sandbox/compile.js';
import type { SourcePosition } from '../sandbox/source-map.js';
import { toSourceSite } from '../sandbox/source-site.js';

/** How to build a replay command for a schedule code. */
export type ReplayCommand = (code: string) => string;

/** Describes `group` for a result. `driver` maps sites; `replay` makes the command. */
export function describeFinding(group: FindingGroup, driver: CompiledDriver, replay: ReplayCommand | null): ResultFinding {
  const f = group.finding;
  const place = (position: SourcePosition | undefined): { location: Location | null; source: string | null } =>
    position === undefined
      ? { location: null, source: null }
      : { location: { file: position.file, line: position.line, column: position.column }, source: driver.map.sourceLine(position.file, position.line) ?? null };
  return {
    check: f.check,
    rule: f.rule,
    message: f.message,
    routine: f.routine,
    context: f.context,
    cpu: f.cpu,
    irql: f.irql,
    ...(f.lock === undefined ? {} : { lock: f.lock }),
    ...(f.target === undefined ? {} : { target: f.target }),
    ...(f.name === undefined ? {} : { name: f.name }),
    ...(f.locks === undefined ? {} : { locks: f.locks }),
    ...place(f.sourceSite ?? toSourceSite(driver, f.site)),
    related: (f.related ?? []).map((r) => ({
      label: r.label,
      routine: r.routine,
      cpu: r.cpu,
      ...(r.locks === undefined ? {} : { locks: r.locks }),
      ...place(toSourceSite(driver, r.site)),
    })),
    ...(f.details === undefined ? {} : { details: f.details }),
    schedulesFailed: group.schedules.length,
    schedule: group.code === '' ? null : group.code,
    replay: group.code === '' || replay === null ? null : replay(group.code),
  };
}
