/**
 * The second rewrite of a driver bundle (after shared-state/): sites where a
 * routine may be preempted after touching shared memory no lock protects,
 * so lost updates and torn reads really happen (the guest's half, which
 * decides at run time whether a site is a scheduling point, is
 * src/kernel/guest/scheduling-points.ts). In every async function of the
 * student's, with `S` the bundle's state parameter:
 *
 * - between two statements of a statement list:
 *   `if (S.pointDue()) await S.pass();`
 * - before a store into a field, once the value to store is computed:
 *   `T.k = E` → `T.k = (S.hold((E)) ? await S.pass() : S.held())`, and the
 *   same for `+=` and its kin (whose read of `T.k` comes before `E`);
 *   `T.k++` → `(S.update(T, "k", 1, false) ? S.finish(await S.pass()) : S.held())`.
 *
 * Synchronous functions, class bodies and parameter lists have no sites
 * (`await` is not allowed there): their code runs atomically, as before.
 * Every edit stays on its line, so the source map stays true.
 */
import { parse } from 'acorn';
import type { AstNode as Node } from './ast-walk.js';
import { applyEdits, type Edit } from './bundle-edits.js';
import { studentPlaces } from './bundle-places.js';
import type { SourceMap } from './source-map.js';

/**
 * Adds the sites to bundle `code` (its inline source map is kept true);
 * `files` are the student's files as `map` names them, `state` the bundle's
 * state parameter.
 */
export function insertSchedulingSites(code: string, map: SourceMap, files: readonly string[], state: string): string {
  const place = studentPlaces(code, map, files);
  return addSites(code, state, (node) => place(node.start) !== null);
}

/** Adds the sites to script `code` in the functions `isStudent` accepts, reaching the guest's helpers through `state`. */
export function addSites(code: string, state: string, isStudent: (node: Node) => boolean): string {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'script' }) as unknown as Node;
  const planner = new SitePlanner(code, state, isStudent);
  planner.visit(program, 0, false);
  return planner.edits.length === 0 ? code : applyEdits(code, planner.edits);
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
/** Nodes whose children are never in the enclosing function's body: `await` is not allowed in them. */
const NO_AWAIT = new Set(['ClassBody', 'StaticBlock']);

class SitePlanner {
  readonly edits: Edit[] = [];

  constructor(
    private readonly code: string,
    private readonly S: string,
    private readonly isStudent: (node: Node) => boolean,
  ) {}

  /** Plans the sites in `node` (at tree depth `depth`); `inAsync`: whether it is in an async function's body. */
  visit(node: Node, depth: number, inAsync: boolean): void {
    if (FUNCTIONS.has(node.type)) {
      this.visitFunction(node, depth);
      return;
    }
    if (NO_AWAIT.has(node.type)) {
      this.visitChildren(node, depth, false);
      return;
    }
    if (inAsync) {
      if (node.type === 'BlockStatement') this.statementSites(node.body as Node[], depth, false);
      else if (node.type === 'SwitchCase') this.statementSites(node.consequent as Node[], depth, false);
      else if (node.type === 'AssignmentExpression' && isField(node.left as Node)) this.storeSite(node.right as Node, depth);
      else if (node.type === 'UpdateExpression' && isField(node.argument as Node)) this.updateSite(node, depth);
    }
    this.visitChildren(node, depth, inAsync);
  }

  private visitFunction(fn: Node, depth: number): void {
    const isAsync = fn.async === true && fn.generator !== true && this.isStudent(fn);
    for (const param of fn.params as Node[]) this.visit(param, depth + 1, false);
    const body = fn.body as Node;
    if (body.type !== 'BlockStatement') {
      this.visit(body, depth + 1, isAsync);
      return;
    }
    // A body's first statement needs no site (nothing of this call ran before it), and a directive must stay first.
    if (isAsync) this.statementSites(body.body as Node[], depth + 1, true);
    for (const statement of body.body as Node[]) this.visit(statement, depth + 2, isAsync);
  }

  private visitChildren(node: Node, depth: number, inAsync: boolean): void {
    for (const key of Object.keys(node)) {
      if (key === 'loc') continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) this.visit(child, depth + 1, inAsync);
      } else if (isNode(value)) this.visit(value, depth + 1, inAsync);
    }
  }

  /** A site before each statement of `list` (but a function body's first and its directives). */
  private statementSites(list: readonly Node[], depth: number, functionBody: boolean): void {
    // In a function body: none before the directives and the first statement after them.
    let first = functionBody ? list.findIndex((statement) => typeof statement.directive !== 'string') : -1;
    if (functionBody && first < 0) first = list.length;
    list.forEach((statement, i) => {
      if (i <= first) return;
      if (statement.type === 'FunctionDeclaration' || statement.type === 'EmptyStatement') return;
      this.insert(statement.start, `if (${this.S}.pointDue()) await ${this.S}.pass(); `, depth + 1, false);
    });
  }

  /** `T.k = E`: the point between computing E and storing it. */
  private storeSite(value: Node, depth: number): void {
    this.insert(value.start, `(${this.S}.hold((`, depth + 1, false);
    this.insert(end(value), `)) ? await ${this.S}.pass() : ${this.S}.held())`, depth + 1, true);
  }

  /** `T.k++`, `--T[i]`: read, point, store, through the guest's `update`. */
  private updateSite(node: Node, depth: number): void {
    const field = node.argument as Node;
    const object = field.object as Node;
    const property = field.property as Node;
    const prefix = node.prefix === true;
    const code = this.code;
    // The operator must touch the field (no parentheses or comments between): otherwise leave it be.
    const operatorAt = prefix ? node.start : skipSpaces(code, end(field));
    if (code.slice(operatorAt, operatorAt + 2) !== node.operator || (prefix && skipSpaces(code, operatorAt + 2) !== field.start)) return;
    const accessor = skipClosers(code, end(object));
    const tail = `, ${node.operator === '++' ? 1 : -1}, ${prefix}) ? ${this.S}.finish(await ${this.S}.pass()) : ${this.S}.held())`;
    const edits: Edit[] = [];
    const head = `(${this.S}.update(`;
    edits.push(prefix ? { start: node.start, end: node.start + 2, text: head } : { start: node.start, end: node.start, text: head, rank: depth });
    if (field.computed === true) {
      const closer = skipClosers(code, end(property));
      if (code[accessor] !== '[' || code[closer] !== ']') return;
      edits.push({ start: accessor, end: accessor + 1, text: ', (' }, { start: closer, end: closer + 1, text: prefix ? `)${tail}` : ')' });
    } else {
      if (code[accessor] !== '.' || property.type !== 'Identifier') return;
      edits.push({ start: accessor, end: end(property), text: `, ${JSON.stringify(property.name)}${prefix ? tail : ''}` });
    }
    if (!prefix) edits.push({ start: operatorAt, end: operatorAt + 2, text: tail });
    if (edits.some((edit) => code.slice(edit.start, edit.end).includes('\n'))) return;
    this.edits.push(...edits);
  }

  private insert(at: number, text: string, rank: number, close: boolean): void {
    this.edits.push({ start: at, end: at, text, rank, close });
  }
}

/** Whether `target` is a field store spinlab can put a site before (not `super.x`, not `#private`). */
function isField(target: Node): boolean {
  return target.type === 'MemberExpression' && (target.object as Node).type !== 'Super' && (target.property as Node).type !== 'PrivateIdentifier';
}

function end(node: Node): number {
  return node.end as number;
}

/** The offset of the first character at or after `at` that is not a space or tab. */
function skipSpaces(code: string, at: number): number {
  while (code[at] === ' ' || code[at] === '\t') at++;
  return at;
}

/** The offset of the first character at or after `at` that is not a space, a tab or a closing parenthesis. */
function skipClosers(code: string, at: number): number {
  while (code[at] === ' ' || code[at] === '\t' || code[at] === ')') at++;
  return at;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
