/**
 * Runs the all-paths rule (src/checks/all-paths/) over a compiled
 * submission's own files and turns its findings into finding groups the
 * rubric scores like any other: under the same check ids, with no schedule
 * (found on every path, no schedule needed).
 */
import { checkAllPaths, type AllPathsFinding, type AllPathsReport, type StudentModule } from '../checks/all-paths/index.js';
import { findingId } from '../checks/index.js';
import type { FindingGroup } from '../explore/index.js';
import type { CompiledDriver } from '../sandbox/compile.js';
import { parseTypeScript } from '../sandbox/typescript-module.js';

/**
 * The student's files as the rule reads them; a file that does not parse (it
 * compiled, so none should) is left out. Parsed on esbuild's running service;
 * the findings' return sites find them parsed later (typescript-module.ts).
 */
export async function studentModules(driver: Pick<CompiledDriver, 'files' | 'map'>): Promise<StudentModule[]> {
  const modules: StudentModule[] = [];
  for (const file of driver.files) {
    const source = driver.map.sourceContent(file);
    if (source === undefined) continue;
    try {
      const parsed = await parseTypeScript(file, source);
      modules.push({ file, program: parsed.program as never, code: parsed.code, lineOf: (position) => parsed.place(position).line });
    } catch {
      continue;
    }
  }
  return modules;
}

/** The rule's report on `driver`. */
export async function allPathsReport(driver: Pick<CompiledDriver, 'files' | 'map'>): Promise<AllPathsReport> {
  return checkAllPaths(await studentModules(driver));
}

/** The rule's findings as finding groups: no schedule, no schedule code. */
export function allPathsGroups(report: AllPathsReport): FindingGroup[] {
  return report.findings.map(groupOf);
}

function groupOf(f: AllPathsFinding): FindingGroup {
  const id = findingId(f.check, f.key);
  const related =
    f.acquiredAt === undefined || f.acquiredAt === f.line
      ? []
      : [{ label: `${f.lock} acquired here`, seq: -1, cpu: null, context: null, routine: f.routine, irql: null, site: { file: f.file, line: f.acquiredAt, column: 1 } }];
  return {
    id,
    finding: {
      check: f.check,
      rule: f.rule,
      message: f.message,
      key: f.key,
      lock: f.lock,
      seq: -1,
      cpu: null,
      context: null,
      routine: f.routine,
      irql: null,
      related,
      schedule: -1,
      step: 0,
      allPaths: { file: f.file, line: f.line, path: f.path, ...(f.acquiredAt === undefined ? {} : { acquiredAt: f.acquiredAt }) },
    },
    code: '',
    schedules: [],
  };
}
