/**
 * Line coverage, the bundle's half: the last rewrite of a driver bundle
 * (after shared-state/ and scheduling-sites.ts) puts a *mark* before every
 * statement of the student's functions (statement-walk.ts):
 * `S.ran[i] = 1;` before a statement of a list, `{ S.ran[i] = 1; … }`
 * around the lone body of an if or a loop, with `S` the bundle's state
 * parameter — a name no identifier of the student's has, so student code
 * can neither reach the marks nor forge or clear one (the guest's half is
 * src/kernel/guest/statement-marks.ts). The grader then knows, over every
 * schedule, which of the student's statements never ran.
 *
 * The statements are those of the bundle esbuild made, before the other
 * rewrites added statements of their own (a site, a prologue, a copy into a
 * cell): a statement of the rewritten bundle is the student's when it maps
 * to the place, and has the type, of one of those — matched in order, once
 * each: a statement a rewrite added after the start of a student's (a
 * prologue, a copy into a cell) may map to that statement's place, but the
 * student's comes first. Only a scheduling site comes before the statement
 * whose place it maps to, so its two statements are known by their first
 * words, `if (S.pointDue()) await S.pass();` — `S` a name no identifier of
 * the student's has. Every edit stays on its line, so the source map stays
 * true.
 */
import { parse } from 'acorn';
import type { AstNode as Node } from './ast-walk.js';
import { applyEdits, type Edit } from './bundle-edits.js';
import { originalIdentifier, studentPlaces } from './bundle-places.js';
import type { SourceMap } from './source-map.js';
import { walkStatements, type WalkedStatement } from './statement-walk.js';

/** A statement of the student's that carries a mark: where it starts, and the routine it is in. */
export interface MarkedStatement {
  readonly file: string;
  /** 1-based, as the student's editor counts. */
  readonly line: number;
  /** The nearest named function around it, by the student's name for it (null: only anonymous ones). */
  readonly routine: string | null;
}

/** The property of the state parameter that holds the marks (see statement-marks.ts). */
export const MARKS_PROPERTY = 'ran';

/** A bundle with its marks. */
export interface MarkedBundle {
  readonly code: string;
  /** Statement `i` carries mark `i`. */
  readonly statements: readonly MarkedStatement[];
}

/**
 * Marks the student's statements in `rewritten` (a rewrite of `original`,
 * esbuild's bundle; each with its inline source map), reaching the marks
 * through state parameter `state`; `files` are the student's files as the
 * maps name them.
 */
export function insertStatementMarks(original: { code: string; map: SourceMap }, rewritten: { code: string; map: SourceMap }, files: readonly string[], state: string): MarkedBundle {
  const wanted = new Map<string, MarkedStatement[]>();
  eachStudentStatement(original.code, original.map, files, undefined, (statement, key, place) => {
    const named = statement.named;
    const routine = named === null ? null : originalIdentifier(original.map, place(named.name.start), named.name.name as string);
    const at = place(statement.node.start)!;
    const queue = wanted.get(key) ?? [];
    queue.push({ file: at.file, line: at.line, routine });
    wanted.set(key, queue);
  });
  const statements: MarkedStatement[] = [];
  const edits: Edit[] = [];
  const inserted = (node: Node): boolean => SITE_HEADS.some((head) => rewritten.code.startsWith(`${head}${state}.`, node.start));
  eachStudentStatement(rewritten.code, rewritten.map, files, inserted, (statement, key) => {
    const match = wanted.get(key)?.shift();
    if (match === undefined) return;
    const mark = `${state}.${MARKS_PROPERTY}[${statements.length}] = 1;`;
    statements.push(match);
    const { node, depth } = statement;
    if (statement.position === 'list') edits.push({ start: node.start, end: node.start, text: `${mark} `, rank: depth });
    else edits.push({ start: node.start, end: node.start, text: `{ ${mark} `, rank: depth }, { start: node.end as number, end: node.end as number, text: ' }', rank: depth, close: true });
  });
  return { code: edits.length === 0 ? rewritten.code : applyEdits(rewritten.code, edits), statements };
}

/** How a scheduling site's two statements start, before the state parameter (`if (S.pointDue()) await S.pass();`). */
const SITE_HEADS = ['if (', 'await '];

/**
 * Calls `found` on each statement of the student's functions in bundle
 * `code` (but those `inserted` says a rewrite made), with a key of its type
 * and mapped place.
 */
function eachStudentStatement(
  code: string,
  map: SourceMap,
  files: readonly string[],
  inserted: ((node: Node) => boolean) | undefined,
  found: (statement: WalkedStatement, key: string, place: ReturnType<typeof studentPlaces>) => void,
): void {
  const place = studentPlaces(code, map, files);
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'script' }) as unknown as Node;
  walkStatements(program, (fn) => place(fn.start) !== null, (statement) => {
    if (inserted !== undefined && inserted(statement.node)) return;
    const at = place(statement.node.start);
    if (at === null) return;
    found(statement, `${statement.node.type} ${at.file} ${at.line}:${at.column}`, place);
  });
}
