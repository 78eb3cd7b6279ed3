/**
 * Rewrites a compiled driver bundle so that every piece of state two
 * routine calls could share is tracked like the device extension, frozen,
 * or refused (see plan.ts) — by mechanism, whatever shape the student gave
 * it: module-level `let`s, destructured bindings, closures made at load or
 * in a routine, class statics, function properties, `globalThis`.
 */
import { parse } from 'acorn';
import type { AstNode as Node } from '../ast-walk.js';
import type { Diagnostic } from '../diagnostic.js';
import type { SourceMap } from '../source-map.js';
import { applyEdits } from '../bundle-edits.js';
import { originalIdentifier, studentPlaces } from '../bundle-places.js';
import { planRewrite } from './plan.js';

/** The rewritten bundle, or why the student's code is refused. */
export type RewriteOutcome =
  | { readonly ok: true; readonly code: string; readonly stateParameter: string }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Rewrites bundle `code` (with its inline source `map`); `files` are the
 * student's files as the map names them, `entry` the first of them.
 */
export function rewriteSharedState(code: string, map: SourceMap, files: readonly string[], entry: string): RewriteOutcome {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'script' }) as unknown as Node;
  const place = studentPlaces(code, map, files);
  const at = (node: Node) => place(node.start);
  const plan = planRewrite(code, program, {
    entry,
    isStudent: (node) => at(node) !== null,
    fileOf: (node) => at(node)?.file ?? null,
    originalName: (node) => originalIdentifier(map, at(node), node.name as string),
  });
  if (plan.refusals.length > 0) {
    return {
      ok: false,
      diagnostics: plan.refusals.map(({ node, message }) => {
        const place = at(node);
        const file = place?.file ?? entry;
        return { kind: 'compile', file, line: place?.line ?? 1, column: place?.column ?? 1, message, source: place === null ? undefined : map.sourceLine(file, place.line) };
      }),
    };
  }
  return { ok: true, code: applyEdits(code, plan.edits), stateParameter: plan.stateParameter };
}
