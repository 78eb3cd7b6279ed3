/**
 * The rubric a course gives its students: the full rubric with every item a
 * student may not see removed (`hidden`, `after_due_date`, `after_published`:
 * `check` and `--format classroom` show only `visible` ones), so the template
 * repository holds neither their points nor their titles.
 */
import { SpinlabError } from '../errors.js';

/** A rubric file's JSON as written (fields a loader would default are left absent). */
export interface RubricJson {
  readonly $schema?: string;
  readonly exercise: string;
  readonly items: readonly RubricItemJson[];
  readonly [field: string]: unknown;
}

/** One item of a rubric file, as written. */
export interface RubricItemJson {
  readonly id: string;
  readonly visibility?: string;
  readonly requires?: readonly string[];
  readonly [field: string]: unknown;
}

/**
 * `full` with only its visible items (an item without `visibility` is
 * visible), every other field kept. A `requires` naming a removed item is
 * replaced by what that item itself required, transitively, so a visible item
 * stays gated on the visible work it depended on through a hidden one; a
 * `requires` left empty is dropped. `schema`, when given, replaces `$schema`
 * (the template's rubric sits in another folder than the full one). Throws
 * SPINLAB_RUBRIC_INVALID when no visible item is left to give points.
 */
export function visibleRubric(full: RubricJson, schema?: string): RubricJson {
  const visible = full.items.filter(isVisible);
  if (visible.length === 0 || visible.every((item) => item.points === 0)) {
    throw new SpinlabError(
      'SPINLAB_RUBRIC_INVALID',
      `${full.exercise}'s rubric has no visible item worth points, so its students' rubric would be empty`,
      'make at least one item with points visible (no "visibility", or "visibility": "visible")',
    );
  }
  const byId = new Map(full.items.map((item) => [item.id, item]));
  const kept = new Set(visible.map((item) => item.id));
  const items = visible.map((item) => {
    const { requires, ...rest } = item;
    if (requires === undefined) return item;
    const resolved = visibleRequirements(requires, byId, kept);
    return resolved.length === 0 ? rest : { ...rest, requires: resolved };
  });
  const { $schema, ...fields } = full;
  const withSchema = schema ?? $schema;
  return { ...(withSchema === undefined ? {} : { $schema: withSchema }), ...fields, items } as RubricJson;
}

/** Whether a student sees `item`. */
export function isVisible(item: RubricItemJson): boolean {
  return (item.visibility ?? 'visible') === 'visible';
}

/** `requires` with each removed item replaced by its own visible requirements, in order, each once. */
function visibleRequirements(requires: readonly string[], byId: ReadonlyMap<string, RubricItemJson>, kept: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  // Worklist, not recursion: a cycle through removed items (the loader refuses those anyway) cannot loop.
  const pending = [...requires];
  while (pending.length > 0) {
    const id = pending.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (kept.has(id)) out.push(id);
    else pending.unshift(...(byId.get(id)?.requires ?? []));
  }
  return out;
}
