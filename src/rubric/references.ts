/**
 * A rubric's references checked against what they name: an item's invariant
 * `name` against the invariants the scenario declares (and the built-ins), its
 * `routine` against the routines the exercise declares, its `target` against
 * the exercise's lock and field paths. A reference that names nothing would
 * select no finding, so the item would pass for everybody: it is a rubric
 * error, `/items/<i>/<field>: …`, with the nearest known name.
 */
import { pathCovers } from '../explore/path-covers.js';
import { nearestName } from './nearest-name.js';
import type { Rubric } from './rubric.js';

/** What a rubric's items may name. */
export interface KnownNames {
  /** The scenario's invariants and the built-in ones. */
  readonly invariants: readonly string[];
  /** The exercise's routines (`routines` in exercise.json); undefined when it declares none. */
  readonly routines?: readonly string[];
  /** The exercise's lock and field paths (`fields`); undefined when it declares none. */
  readonly fields?: readonly string[];
}

/** Every reference of `rubric` that names nothing in `known`, as `/pointer: message`. */
export function referenceErrors(rubric: Rubric, known: KnownNames): string[] {
  const errors: string[] = [];
  const targets = known.fields === undefined ? undefined : targetsOf(known.fields);
  rubric.items.forEach((item, index) => {
    const at = `/items/${index}`;
    if (item.name !== undefined && !known.invariants.includes(item.name)) {
      errors.push(`${at}/name: Rubric item \`${item.id}\` names invariant \`${item.name}\`, which the scenario does not declare${didYouMean(item.name, known.invariants)}; known invariants: ${known.invariants.join(', ')}`);
    }
    if (item.routine !== undefined) {
      if (known.routines === undefined) errors.push(`${at}/routine: Rubric item \`${item.id}\` names routine \`${item.routine}\`, but the exercise declares no routines (list the routines its README asks for in exercise.json's "routines")`);
      else if (!known.routines.includes(item.routine)) {
        errors.push(`${at}/routine: Rubric item \`${item.id}\` names routine \`${item.routine}\`, which the exercise does not declare${didYouMean(item.routine, known.routines)}; its routines: ${known.routines.join(', ')}`);
      }
    }
    if (item.target !== undefined) {
      if (targets === undefined) errors.push(`${at}/target: Rubric item \`${item.id}\` names target \`${item.target}\`, but the exercise declares no fields (list the locks and fields its README promises in exercise.json's "fields")`);
      else if (!targets.includes(item.target)) {
        errors.push(`${at}/target: Rubric item \`${item.id}\` names target \`${item.target}\`, which is no lock or field the exercise declares, nor holds one${didYouMean(item.target, targets)}; its fields: ${known.fields!.join(', ')}`);
      }
    }
  });
  return errors;
}

/** What a `target` may name: a declared field, or a path that holds one (`ext` holds `ext.Count`). */
function targetsOf(fields: readonly string[]): string[] {
  const targets = new Set<string>();
  for (const field of fields) {
    for (let end = 1; end <= field.length; end++) {
      const prefix = field.slice(0, end);
      if (end === field.length || ((field[end] === '.' || field[end] === '[') && pathCovers(prefix, field))) targets.add(prefix);
    }
  }
  return [...targets];
}

function didYouMean(name: string, names: readonly string[]): string {
  const near = nearestName(name, names);
  return near === undefined ? '' : ` (did you mean \`${near}\`?)`;
}
