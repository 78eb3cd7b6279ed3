/**
 * What the rewrite does to a driver bundle so that no state escapes the
 * machine's eyes. A binding of the student's that a function other than its
 * own names (module state, a closure's variable) is state that two routine
 * calls can share:
 *
 * - written after it is declared → a **cell**: a field of a tracked object
 *   (`module.count`, `counter.n`), so every read and write reaches the race,
 *   lockset and invariant machinery with the student's line;
 * - never written again → **shared** where it gets its value: plain data is
 *   copied into tracked memory, functions and classes are frozen (their
 *   properties and prototypes too), anything else that holds state (a Map,
 *   a Date, a generator…) is refused (`src/kernel/guest/shared-state.ts`).
 *
 * Besides: `globalThis` is a frozen view of the global; an arrow that keeps
 * `this` is marked (handing it to the kernel with an untracked `this` is
 * refused); `arguments` outside its function, `Proxy` and static private
 * fields are refused at compile time.
 */
import type { AstNode as Node } from '../ast-walk.js';
import type { Edit } from '../bundle-edits.js';
import { analyzeScopes, type Binding, type Scope } from './scopes.js';

/** What the plan needs to know about the student's code. */
export interface PlanContext {
  /** Whether `node` is the student's code (not esbuild's runtime or the kernel's shim). */
  isStudent(node: Node): boolean;
  /** The student's own name for identifier `node` (esbuild renames clashing ones: count → count2). */
  originalName(node: Node): string;
  /** The student's file of `node` (relative, `/`), or null. */
  fileOf(node: Node): string | null;
  /** The entry file: its module state is `module.*`, another file's `module:<file>.*`. */
  readonly entry: string;
}

/** A construct refused at compile time. */
export interface Refusal {
  readonly node: Node;
  readonly message: string;
}

/** The edits, the refusals, and the name the edited bundle reaches its helpers by. */
export interface Plan {
  readonly edits: readonly Edit[];
  readonly refusals: readonly Refusal[];
  /** The free variable (a parameter of the bundle's wrapper) holding the shared-state helpers. */
  readonly stateParameter: string;
}

/** Plans the rewrite of bundle `code`, whose syntax tree is `program`. */
export function planRewrite(code: string, program: Node, context: PlanContext): Plan {
  return new Planner(code, program, context).run();
}

/** Statement lists: a declaration there can be followed by another statement. */
const LISTS = new Set(['Program', 'BlockStatement', 'StaticBlock', 'SwitchCase']);

class Planner {
  private readonly edits: Edit[] = [];
  private readonly refusals: Refusal[] = [];
  private readonly analysis;
  private readonly prefix: string;
  private readonly S: string;
  private readonly parents = new Map<Node, Node>();
  private readonly depths = new Map<Node, number>();
  /** Names functions get from where they are stored (`const counter = () => …`). */
  private readonly functionNames = new Map<Node, string>();
  private readonly wrappedInits = new Set<Node>();
  /** Per scope (and file, for the module's): the variable holding its tracked object. */
  private readonly scopeObjects = new Map<string, string>();
  /** Per scope: what runs when it starts, in order. */
  private readonly prologues = new Map<Scope, string[]>();
  /** Per classic for-loop: what copies its loop variables back out of their cells after each iteration. */
  private readonly copyBacks = new Map<Node, string[]>();
  private readonly moduleScope: Scope | null;
  private counter = 0;

  constructor(
    private readonly code: string,
    private readonly program: Node,
    private readonly context: PlanContext,
  ) {
    this.analysis = analyzeScopes(program);
    this.prefix = uniquePrefix(program);
    this.S = `${this.prefix}state`;
    this.index(program, 0, null);
    this.moduleScope = this.findModuleScope();
  }

  run(): Plan {
    this.refuse();
    for (const binding of this.analysis.bindings) {
      const id = binding.declarations[0];
      if (id === undefined || !binding.captured || binding.kind === 'class-name' || binding.kind === 'function-name') continue;
      if (binding.scope.kind === 'program' || !this.context.isStudent(id)) continue;
      this.treat(binding);
    }
    for (const arrow of this.analysis.lexicalThis) {
      if (arrow !== this.moduleScope?.node && this.context.isStudent(arrow)) this.wrap(arrow, `${this.S}.lexical((`, '), this)', 1);
    }
    for (const { node, shorthand } of this.analysis.free.get('globalThis') ?? []) {
      if (this.context.isStudent(node)) this.replace(node, `${shorthand ? 'globalThis: ' : ''}${this.S}.global`);
    }
    for (const [scope, lines] of this.prologues) this.insertPrologue(scope, lines.join(' '));
    return { edits: this.edits, refusals: this.refusals, stateParameter: this.S };
  }

  // ---- what to do with each binding -----------------------------------------

  private treat(binding: Binding): void {
    const name = binding.declarations[0]!.name as string;
    const label = this.labelOf(binding);
    const path = `${label}.${this.context.originalName(binding.declarations[0]!)}`;
    if (binding.written) return this.cell(binding, label);
    const share = `${this.S}.share(${name}, ${JSON.stringify(path)});`;
    switch (binding.kind) {
      case 'function':
        // Hoisted: frozen before any of its scope's code runs.
        return this.prologue(binding.scope, share);
      case 'class':
        return this.after(this.declarationOf(binding.declarations[0]!), ` ${share}`);
      case 'param':
      case 'catch':
        return this.prologue(binding.scope, `${name} = ${share}`);
      default: {
        const declarator = binding.declarators[0];
        if (binding.declarators.length === 1 && declarator !== undefined && declarator.init !== null && declarator.init !== undefined) {
          if (!this.wrappedInits.has(declarator)) {
            this.wrappedInits.add(declarator);
            this.wrap(declarator.init as Node, `${this.S}.share((`, `), ${JSON.stringify(path)})`, 0);
          }
          return;
        }
        // A for-in/of `let` is a fresh binding per iteration: share it as each one starts.
        if (binding.kind === 'let' && binding.scope.kind === 'for') return this.prologue(binding.scope, `${name} = ${share}`);
        if (declarator === undefined || declarator.init === null) {
          // Declared without a value and never written: it holds `undefined` for good, unless a for-of/in head fills it.
          if (binding.scope.kind !== 'for') return;
        }
        return this.cell(binding, label);
      }
    }
  }

  /** Moves `binding` into a field of its scope's tracked object; every reference follows it there. */
  private cell(binding: Binding, label: string): void {
    const name = binding.declarations[0]!.name as string;
    const key = this.context.originalName(binding.declarations[0]!);
    const object = this.scopeObject(binding.scope, label, binding);
    const field = `${object}[${JSON.stringify(key)}]`;
    const copyIn = `${field} = ${name};`;
    switch (binding.kind) {
      case 'param':
      case 'catch':
      case 'function':
        this.prologue(binding.scope, copyIn);
        break;
      case 'class':
        this.after(this.declarationOf(binding.declarations[0]!), ` ${copyIn}`);
        break;
      default:
        if (binding.scope.kind === 'for') {
          // A loop-head `let`/`const`: each iteration copies it in; a classic loop copies it back out for its update.
          this.prologue(binding.scope, copyIn);
          const loop = binding.scope.node;
          if (loop.type === 'ForStatement') this.copyBack(loop, `${name} = ${field};`);
        } else {
          for (const declarator of binding.declarators) this.afterDeclaration(declarator, copyIn);
        }
    }
    const loopBody = binding.scope.kind === 'for' ? (binding.scope.node.body as Node) : null;
    for (const reference of binding.references) {
      // A loop variable in the loop's own head stays the loop's: the body works on its cell.
      if (loopBody !== null && !within(reference.node, loopBody)) continue;
      this.replace(reference.node, reference.shorthand ? `${reference.node.name as string}: ${field}` : field);
    }
  }

  private copyBack(loop: Node, line: string): void {
    const lines = this.copyBacks.get(loop) ?? [];
    lines.push(line);
    this.copyBacks.set(loop, lines);
  }

  /** After the declaration of `declarator` runs: `text` (in a for-loop head, as an extra declarator; in a for-in/of head, first in the body). */
  private afterDeclaration(declarator: Node, text: string): void {
    const declaration = this.parents.get(declarator)!;
    const holder = this.parents.get(declaration)!;
    if (holder.type === 'ForStatement' && holder.init === declaration) {
      this.insert(declarator.end as number, `, ${this.prefix}d${this.counter++} = (${text.slice(0, -1)})`, true, -1);
    } else if ((holder.type === 'ForInStatement' || holder.type === 'ForOfStatement') && holder.left === declaration) {
      const body = holder.body as Node;
      this.insert(body.start, `{ ${text} `, false, -2);
      this.insert(body.end as number, ' }', true, -2);
    } else if (LISTS.has(holder.type)) {
      this.insert(declaration.end as number, ` ${text}`, true, -1);
    } else {
      // `if (c) var x = 1;`: the copy must run with the declaration, not after the if.
      this.insert(declaration.start, '{ ', false, -2);
      this.insert(declaration.end as number, ` ${text} }`, true, -2);
    }
  }

  // ---- scope objects and prologues ------------------------------------------

  /** The variable holding `scope`'s tracked object, made in its prologue. */
  private scopeObject(scope: Scope, label: string, binding: Binding): string {
    const file = scope.fn === this.moduleScope ? (this.context.fileOf(binding.declarations[0]!) ?? '') : '';
    const key = `${scope.id}|${file}`;
    let variable = this.scopeObjects.get(key);
    if (variable === undefined) {
      variable = `${this.prefix}s${this.counter++}`;
      this.scopeObjects.set(key, variable);
      const lines = this.prologues.get(scope) ?? [];
      lines.unshift(`const ${variable} = ${this.S}.scope(${JSON.stringify(label)});`);
      this.prologues.set(scope, lines);
    }
    return variable;
  }

  private prologue(scope: Scope, line: string): void {
    const lines = this.prologues.get(scope) ?? [];
    lines.push(line);
    this.prologues.set(scope, lines);
  }

  /** Puts `text` where `scope` starts running, before any of its own code. */
  private insertPrologue(scope: Scope, text: string): void {
    const node = scope.node;
    switch (scope.kind) {
      case 'function':
        if (node.type === 'StaticBlock') return this.insert(this.code.indexOf('{', node.start) + 1, ` ${text}`);
        if (node.type === 'PropertyDefinition') return;
        return this.functionPrologue(node, text);
      case 'block':
        if (node.type === 'BlockStatement') this.insert(node.start + 1, ` ${text}`);
        return;
      case 'catch':
        return this.insert((node.body as Node).start + 1, ` ${text}`);
      case 'switch': {
        const whole = this.labelled(node);
        this.insert(whole.start, `{ ${text} `, false, -3);
        this.insert(whole.end as number, ' }', true, -3);
        return;
      }
      case 'for':
        return this.loopPrologue(node, text);
      default:
    }
  }

  private functionPrologue(fn: Node, text: string): void {
    const body = fn.body as Node;
    if (body.type === 'BlockStatement') {
      let at = body.start + 1;
      for (const statement of body.body as Node[]) {
        if (typeof statement.directive !== 'string') break;
        at = statement.end as number;
      }
      this.insert(at, ` ${text}`);
      return;
    }
    // An arrow's expression body becomes a block that returns it.
    const rank = this.depthOf(fn) * 4 + 2;
    this.insert(arrowBodyStart(this.code, body.start), `{ ${text} return `, false, rank);
    this.insert(fn.end as number, ' }', true, rank);
  }

  /** A loop body that first runs `text` on every iteration (and, for a classic loop, copies its variables back out after). */
  private loopPrologue(loop: Node, text: string): void {
    const body = loop.body as Node;
    const back = this.copyBacks.get(loop);
    if (back === undefined) {
      this.insert(body.start, `{ ${text} `, false, -1);
      this.insert(body.end as number, ' }', true, -1);
      return;
    }
    const block = body.type === 'BlockStatement';
    this.insert(body.start, `{ ${text} try ${block ? '' : '{ '}`, false, -1);
    this.insert(body.end as number, `${block ? '' : ' }'} finally { ${back.join(' ')} } }`, true, -1);
  }

  // ---- edits -----------------------------------------------------------------

  private insert(at: number, text: string, close = false, rank = 0): void {
    this.edits.push({ start: at, end: at, text, close, rank });
  }

  private replace(node: Node, text: string): void {
    this.edits.push({ start: node.start, end: node.end as number, text });
  }

  private after(node: Node, text: string): void {
    this.insert(node.end as number, text, true, -1);
  }

  /** Wraps expression `node` as `open … close`; `sub` orders wraps of one node (outer first). */
  private wrap(node: Node, open: string, close: string, sub: number): void {
    const rank = this.depthOf(node) * 4 + sub;
    this.insert(node.start, open, false, rank);
    this.insert(node.end as number, close, true, rank);
  }

  // ---- refusals ----------------------------------------------------------------

  private refuse(): void {
    for (const node of this.analysis.foreignArguments) {
      if (this.context.isStudent(node)) this.refusals.push({ node, message: "`arguments` here is not a function's own (it is in an arrow function or at the module's top level): name the parameters you need" });
    }
    for (const { node } of this.analysis.free.get('Proxy') ?? []) {
      if (this.context.isStudent(node)) this.refusals.push({ node, message: 'Proxy is not available to a driver: keep shared state in plain objects in the device extension' });
    }
    for (const node of this.depths.keys()) {
      if (node.type === 'PropertyDefinition' && node.static === true && (node.key as Node).type === 'PrivateIdentifier' && this.context.isStudent(node)) {
        this.refusals.push({ node, message: 'a static private field is state every routine shares where spinlab cannot see it: keep shared state in the device extension' });
      }
    }
  }

  // ---- names, places, scopes ------------------------------------------------------

  /** The function that holds the student's modules: the bundle's wrapper arrow, `var __spinlab_driver = (() => { … })()`. */
  private findModuleScope(): Scope | null {
    for (const statement of this.program.body as Node[]) {
      if (statement.type !== 'VariableDeclaration') continue;
      for (const d of statement.declarations as Node[]) {
        const init = d.init as Node | null;
        if (init?.type === 'CallExpression' && (init.callee as Node).type === 'ArrowFunctionExpression') return this.analysis.scopeOf.get(init.callee as Node) ?? null;
      }
    }
    return null;
  }

  /** The tracked object holding a binding's cells is named `module` (`module:<file>` for another file), else after its function. */
  private labelOf(binding: Binding): string {
    const fn = binding.scope.fn;
    if (fn === this.moduleScope || fn.kind === 'program') {
      const file = this.context.fileOf(binding.declarations[0]!);
      return file === null || file === this.context.entry ? 'module' : `module:${file.replace(/\.[mc]?[tj]s$/, '')}`;
    }
    const own = fn.node.id as Node | null | undefined;
    if (own !== null && own !== undefined && own.type === 'Identifier') return this.context.originalName(own);
    return this.functionNames.get(fn.node) ?? 'closure';
  }

  /** Indexes parents and depths, and the names functions get from where they are stored. */
  private index(node: Node, depth: number, parent: Node | null): void {
    this.depths.set(node, depth);
    if (parent !== null) this.parents.set(node, parent);
    const nameFrom = (key: Node | null | undefined, value: Node | null | undefined): void => {
      if (key === null || key === undefined || value === null || value === undefined || !/Function|Class/.test(value.type)) return;
      if (key.type === 'Identifier') this.functionNames.set(value, this.context.originalName(key));
      else if (key.type === 'Literal') this.functionNames.set(value, String(key.value));
    };
    if (node.type === 'VariableDeclarator') {
      const init = node.init as Node | null;
      // `const counter = (() => { let n = 0; … })()`: the closure's state is the counter's.
      nameFrom(node.id as Node, init?.type === 'CallExpression' ? (init.callee as Node) : init);
    }
    else if (node.type === 'Property' || node.type === 'MethodDefinition') nameFrom(node.key as Node, node.value as Node | null);
    else if (node.type === 'PropertyDefinition') {
      // A field initializer runs in a scope made by the field itself.
      if ((node.key as Node).type === 'Identifier') this.functionNames.set(node, this.context.originalName(node.key as Node));
      nameFrom(node.key as Node, node.value as Node | null);
    } else if (node.type === 'AssignmentExpression') {
      const left = node.left as Node;
      nameFrom(left.type === 'MemberExpression' ? (left.property as Node) : left, node.right as Node);
    }
    for (const key of Object.keys(node)) {
      if (key === 'loc') continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) this.index(child, depth + 1, node);
      } else if (isNode(value)) this.index(value, depth + 1, node);
    }
  }

  private depthOf(node: Node): number {
    return this.depths.get(node) ?? 0;
  }

  /** The declaration (statement) that declares identifier `id`. */
  private declarationOf(id: Node): Node {
    let node: Node = id;
    for (let parent = this.parents.get(node); parent !== undefined; parent = this.parents.get(node)) {
      if (/Declaration$/.test(parent.type)) return parent;
      node = parent;
    }
    return node;
  }

  /** A statement with its labels (`outer: switch …`). */
  private labelled(node: Node): Node {
    let current = node;
    for (let parent = this.parents.get(current); parent?.type === 'LabeledStatement'; parent = this.parents.get(current)) current = parent;
    return current;
  }
}

/** A prefix no identifier of the bundle starts with, for the names the rewrite adds. */
function uniquePrefix(program: Node): string {
  const names: string[] = [];
  const collect = (node: Node): void => {
    if (node.type === 'Identifier') names.push(node.name as string);
    for (const key of Object.keys(node)) {
      if (key === 'loc') continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) collect(child);
      } else if (isNode(value)) collect(value);
    }
  };
  collect(program);
  for (let n = 1; ; n++) {
    const prefix = `__spinlab${n}_`;
    if (!names.some((name) => name.startsWith(prefix))) return prefix;
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function within(node: Node, outer: Node): boolean {
  return node.start >= outer.start && (node.end as number) <= (outer.end as number);
}

/** Where an arrow's expression body starts in the text: just after `=>`, before any `(` around the body. */
function arrowBodyStart(code: string, bodyStart: number): number {
  let i = bodyStart - 1;
  for (;;) {
    const c = code[i];
    if (c === undefined) return bodyStart;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '(') {
      i--;
      continue;
    }
    if (c === '/' && code[i - 1] === '*') {
      const open = code.lastIndexOf('/*', i - 2);
      if (open < 0) return bodyStart;
      i = open - 1;
      continue;
    }
    if (c === '>' && code[i - 1] === '=') return i + 1;
    return bodyStart;
  }
}
