// Types of hunt-programs.mjs, for the tests that load the bench's programs.
import type { GuestRealm } from '../dist/machine/index.js';
import type { Rubric, RubricItem } from '../dist/rubric/rubric.js';
import type { ScenarioDefinition } from '../dist/scenario/index.js';
import type { FindingGroup } from '../dist/explore/collector.js';

export interface HuntProgram {
  readonly name: string;
  readonly dir: string;
  readonly rubric: Rubric;
  readonly scenario: ScenarioDefinition;
  /** The rubric item bug.patch's `# fails:` names: the program's assertion. */
  readonly item: RubricItem;
  readonly solution: string;
  /** solution.ts with bug.patch applied: the buggy original. */
  readonly buggy: string;
  readonly description: string;
}

export const HUNT_DIR: string;
export function huntProgramNames(): string[];
export function huntExerciseId(name: string): string;
export function loadHuntProgram(name: string): Promise<HuntProgram>;
export function huntRealm(program: HuntProgram, source: string): Promise<GuestRealm>;
export function failsItem(item: RubricItem, group: FindingGroup): boolean;
