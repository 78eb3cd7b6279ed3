/**
 * Findings decided without running the driver: module-level mutable state,
 * reported as `data-race` on every schedule (spinlab cannot see its races).
 */
import type { FindingGroup } from '../explore/index.js';
import type { ModuleState } from '../sandbox/module-state.js';

/** The rule module-level state findings cite. */
export const MODULE_STATE_RULE = 'spinlab: shared state outside tracked memory';

/** Finding groups for module-level state; `schedules` are the schedules they count against (all of them). */
export function moduleStateGroups(states: readonly ModuleState[], schedules: readonly number[]): FindingGroup[] {
  return states.map((state) => {
    const what = state.kind === 'object' ? `module-level object \`${state.name}\`` : `module-level \`${state.kind} ${state.name}\``;
    return {
      id: `data-race|module|${state.file}|${state.name}`,
      code: '',
      schedules: [...schedules],
      finding: {
        check: 'data-race',
        rule: MODULE_STATE_RULE,
        message: `The ${what} is shared by every CPU, but it lives outside the device extension, so spinlab cannot see (or you cannot protect) its accesses: move it into the device extension (or the driver extension for driver-wide state) and guard it like the rest of your shared state.`,
        key: `module|${state.file}|${state.name}`,
        target: `module.${state.name}`,
        seq: -1,
        schedule: 0,
        step: 0,
        cpu: null,
        context: null,
        routine: null,
        irql: null,
        sourceSite: { file: state.file, line: state.line, column: state.column },
      },
    };
  });
}
