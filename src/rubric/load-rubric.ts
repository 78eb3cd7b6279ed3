/**
 * Loading a rubric is a pipeline: read → parse → schema (every error, as
 * `/pointer: message`) → normalize (defaults) → semantic rules (unknown
 * check ids, duplicate item ids…). It returns the rubric or every error.
 */
import { readFileSync } from 'node:fs';
import { CHECK_IDS } from '../checks/index.js';
import { nearestName } from './nearest-name.js';
import { requirementCycle } from './requirements.js';
import { judgedSituations } from './score.js';
import { DEFAULT_EXPLORATION, DEFAULT_STARTER_MAX, EXPLORATION_ALIASES, TYPECHECK, type Exploration, type Rubric, type RubricItem } from './rubric.js';
import { validateAgainst } from './schemas.js';

/** A rubric, or why it cannot be used. */
export type RubricOutcome = { readonly rubric: Rubric; readonly errors?: undefined } | { readonly rubric?: undefined; readonly errors: readonly string[] };

/** Loads and checks the rubric in `file`; `exercise` is the exercise it must belong to, if known. */
export function loadRubric(file: string, exercise?: string): RubricOutcome {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { errors: [`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { errors: [`/: not valid JSON (${(error as Error).message})`] };
  }
  const schemaErrors = validateAgainst('rubric', data);
  if (schemaErrors.length > 0) return { errors: schemaErrors };
  const aliasErrors = explorationAliasErrors((data as RawRubric).exploration);
  if (aliasErrors.length > 0) return { errors: aliasErrors };
  const rubric = normalize(data as RawRubric, file);
  const errors = semanticErrors(rubric, exercise);
  return errors.length > 0 ? { errors } : { rubric };
}

/** A rubric's exploration as written: any field, a field under its old name. */
type RawExploration = Partial<Omit<Exploration, 'faults'>> & { [K in keyof typeof EXPLORATION_ALIASES]?: number } & { faults?: boolean | { occurrences?: number } };

interface RawRubric {
  exercise: string;
  exploration?: RawExploration;
  starterMax?: number;
  items: Array<Omit<RubricItem, 'credit' | 'visibility'> & Partial<Pick<RubricItem, 'credit' | 'visibility'>>>;
}

function normalize(raw: RawRubric, file: string): Rubric {
  return {
    exercise: raw.exercise,
    exploration: normalizeExploration(raw.exploration ?? {}),
    items: raw.items.map((item) => ({ ...item, credit: item.credit ?? 'all', visibility: item.visibility ?? 'visible' })),
    starterMax: raw.starterMax ?? DEFAULT_STARTER_MAX,
    file,
  };
}

/** The exploration with defaults filled in and old field names read as their new ones. */
function normalizeExploration(raw: RawExploration): Exploration {
  const { pctDepth, preemptionBound, faults, ...rest } = raw;
  // `faults`: false (none), true or absent (the default occurrences), or { occurrences }.
  const occurrences = faults === false ? 0 : typeof faults === 'object' ? (faults.occurrences ?? DEFAULT_EXPLORATION.faults) : DEFAULT_EXPLORATION.faults;
  return { ...DEFAULT_EXPLORATION, ...rest, depth: raw.depth ?? pctDepth ?? DEFAULT_EXPLORATION.depth, bound: raw.bound ?? preemptionBound ?? DEFAULT_EXPLORATION.bound, faults: occurrences };
}

/** A field given under both its name and its old name: which one counts would be a guess. */
function explorationAliasErrors(raw: RawExploration | undefined): string[] {
  if (raw === undefined) return [];
  return Object.entries(EXPLORATION_ALIASES)
    .filter(([old, name]) => old in raw && name in raw)
    .map(([old, name]) => `/exploration/${old}: \`${old}\` is the old name of \`${name}\`, and both are given; keep \`${name}\` only`);
}

function semanticErrors(rubric: Rubric, exercise: string | undefined): string[] {
  const errors: string[] = [];
  const known: readonly string[] = [...CHECK_IDS, TYPECHECK];
  if (exercise !== undefined && rubric.exercise !== exercise) {
    errors.push(`/exercise: the rubric is for \`${rubric.exercise}\`, not \`${exercise}\``);
  }
  const seen = new Set<string>();
  rubric.items.forEach((item, index) => {
    const at = `/items/${index}`;
    if (seen.has(item.id)) errors.push(`${at}/id: duplicate item id \`${item.id}\``);
    seen.add(item.id);
    if (!known.includes(item.check)) {
      errors.push(`${at}/check: Rubric item \`${item.id}\` names unknown check \`${item.check}\`; known checks: ${known.join(', ')}`);
    }
    if (item.name !== undefined && item.check !== 'invariant') errors.push(`${at}/name: \`name\` selects an invariant; it needs "check": "invariant"`);
    if (item.nesting !== undefined && judgedSituations({ check: item.check }).length === 0) {
      errors.push(`${at}/nesting: \`nesting\` says whether a lock order needs nested locks; it needs "check": "lock-order" or "release-order"`);
    }
    if (item.check === TYPECHECK && (item.routine !== undefined || item.target !== undefined || item.name !== undefined || item.credit === 'fraction')) {
      errors.push(`${at}: a \`typecheck\` item takes no filters and no fraction credit`);
    }
  });
  if (rubric.items.every((item) => item.points === 0)) errors.push('/items: every item is worth 0 points');
  errors.push(...requirementErrors(rubric.items));
  return errors;
}

/** `requires` that name no item, the item itself, or close a cycle. */
function requirementErrors(items: readonly RubricItem[]): string[] {
  const errors: string[] = [];
  const ids = items.map((item) => item.id);
  items.forEach((item, index) => {
    (item.requires ?? []).forEach((required, at) => {
      const pointer = `/items/${index}/requires/${at}`;
      if (required === item.id) errors.push(`${pointer}: Rubric item \`${item.id}\` requires itself`);
      else if (!ids.includes(required)) {
        const near = nearestName(required, ids);
        errors.push(`${pointer}: Rubric item \`${item.id}\` requires unknown item \`${required}\`${near === undefined ? '' : ` (did you mean \`${near}\`?)`}`);
      }
    });
  });
  if (errors.length > 0) return errors;
  const cycle = requirementCycle(items);
  if (cycle !== null) {
    const index = ids.indexOf(cycle[0]!);
    errors.push(`/items/${index}/requires: Rubric items require each other in a cycle, so none could ever count: ${cycle.map((id) => `\`${id}\``).join(' → ')}`);
  }
  return errors;
}
