/**
 * Scope analysis of a driver bundle (an ES2022 script, as esbuild writes
 * it): every binding, where it is declared, every reference to it, and
 * whether a function other than the one that declares it refers to it (a
 * captured binding: state that outlives one call, or that two calls can
 * share). The rewrite (`plan.ts`) decides from this what to track.
 */
import type { AstNode as Node } from '../ast-walk.js';

/** How a binding was declared. */
export type BindingKind = 'var' | 'let' | 'const' | 'function' | 'class' | 'param' | 'catch' | 'class-name' | 'function-name';

/** A lexical scope. */
export interface Scope {
  readonly id: number;
  readonly kind: 'program' | 'function' | 'block' | 'for' | 'catch' | 'switch' | 'class';
  /** The node that makes it (a function, a block, a for statement…). */
  readonly node: Node;
  readonly parent: Scope | null;
  /** The nearest function (or the program) it belongs to: references from another one capture. */
  readonly fn: Scope;
  readonly bindings: Map<string, Binding>;
}

/** A declared name. */
export interface Binding {
  readonly name: string;
  readonly kind: BindingKind;
  readonly scope: Scope;
  /** The identifiers that declare it (more than one for a `var` declared twice). */
  readonly declarations: Node[];
  /** `var`/`let`/`const` declarators that declare it, with their initializers. */
  readonly declarators: Node[];
  /** Every other identifier that names it. */
  readonly references: Reference[];
  /** Written after it was declared (an assignment, an update, a second `var` with a value, a for-in/of target). */
  written: boolean;
  /** Named from a function other than the one declaring it. */
  captured: boolean;
}

/** An identifier that names a binding. */
export interface Reference {
  readonly node: Node;
  readonly binding: Binding;
  readonly write: boolean;
  /** The scope it appears in. */
  readonly scope: Scope;
  /** A shorthand property (`{ count }`), whose key must be kept when the value is rewritten. */
  readonly shorthand: boolean;
}

/** What the analysis found. */
export interface ScopeAnalysis {
  readonly scopes: readonly Scope[];
  readonly bindings: readonly Binding[];
  /** Scope of each node that makes one. */
  readonly scopeOf: ReadonlyMap<Node, Scope>;
  /** Arrow functions that use the `this` of an enclosing function. */
  readonly lexicalThis: readonly Node[];
  /** Uses of `arguments` that are not a function's own (in an arrow, or at the top level). */
  readonly foreignArguments: readonly Node[];
  /** Free references (no binding), by name; `shorthand` for `{ name }`. */
  readonly free: ReadonlyMap<string, ReadonlyArray<{ readonly node: Node; readonly shorthand: boolean }>>;
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** Analyses `program` (an acorn ESTree of a script). */
export function analyzeScopes(program: Node): ScopeAnalysis {
  return new Analyzer(program).run();
}

class Analyzer {
  private readonly scopes: Scope[] = [];
  private readonly bindings: Binding[] = [];
  private readonly scopeOf = new Map<Node, Scope>();
  private readonly lexicalThis = new Set<Node>();
  private readonly foreignArguments: Node[] = [];
  private readonly free = new Map<string, Array<{ node: Node; shorthand: boolean }>>();
  /** References found in the first pass, resolved once every declaration is known. */
  private readonly pending: Array<{ node: Node; scope: Scope; write: boolean; shorthand: boolean; declaration?: boolean }> = [];

  constructor(private readonly program: Node) {}

  run(): ScopeAnalysis {
    const root = this.makeScope('program', this.program, null);
    this.hoist(this.program.body as Node[], root, root);
    for (const statement of this.program.body as Node[]) this.visit(statement, root);
    for (const ref of this.pending) {
      if (ref.declaration === true) this.resolveWrite(ref.node, ref.scope);
      else this.resolve(ref.node, ref.scope, ref.write, ref.shorthand);
    }
    return { scopes: this.scopes, bindings: this.bindings, scopeOf: this.scopeOf, lexicalThis: [...this.lexicalThis], foreignArguments: this.foreignArguments, free: this.free };
  }

  private makeScope(kind: Scope['kind'], node: Node, parent: Scope | null): Scope {
    const scope = { id: this.scopes.length, kind, node, parent, fn: undefined as unknown as Scope, bindings: new Map<string, Binding>() };
    scope.fn = kind === 'program' || kind === 'function' ? scope : parent!.fn;
    this.scopes.push(scope);
    this.scopeOf.set(node, scope);
    return scope;
  }

  private declare(scope: Scope, id: Node, kind: BindingKind, declarator: Node | null): void {
    const name = id.name as string;
    let binding = scope.bindings.get(name);
    if (binding === undefined) {
      binding = { name, kind, scope, declarations: [], declarators: [], references: [], written: false, captured: false };
      scope.bindings.set(name, binding);
      this.bindings.push(binding);
    } else if (kind === 'var' && declarator !== null && declarator.init !== null && binding.declarators.some((d) => d.init !== null)) {
      binding.written = true; // `var x = 1; … var x = 2;`
    } else if (kind === 'function' && binding.kind !== 'function') {
      binding.written = true;
    }
    binding.declarations.push(id);
    if (declarator !== null) binding.declarators.push(declarator);
  }

  /** Declares the `var`s and function declarations of a function body (or the program) in `fnScope`, and the block-level ones of `statements` in `block`. */
  private hoist(statements: readonly Node[], block: Scope, fnScope: Scope): void {
    for (const statement of statements) this.hoistVars(statement, fnScope);
    this.declareLexical(statements, block);
  }

  /** `var` declarations anywhere below `node` (not inside nested functions) go to `fnScope`. */
  private hoistVars(node: Node | null | undefined, fnScope: Scope): void {
    if (node === null || node === undefined) return;
    switch (node.type) {
      case 'VariableDeclaration':
        if (node.kind === 'var') for (const d of node.declarations as Node[]) for (const id of patternIds(d.id as Node)) this.declare(fnScope, id, 'var', d);
        return;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'ClassDeclaration':
      case 'ClassExpression':
        return;
      case 'IfStatement':
        this.hoistVars(node.consequent as Node, fnScope);
        this.hoistVars(node.alternate as Node | null, fnScope);
        return;
      case 'ForStatement':
        this.hoistVars(node.init as Node | null, fnScope);
        this.hoistVars(node.body as Node, fnScope);
        return;
      case 'ForInStatement':
      case 'ForOfStatement':
        this.hoistVars(node.left as Node, fnScope);
        this.hoistVars(node.body as Node, fnScope);
        return;
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'LabeledStatement':
        this.hoistVars(node.body as Node, fnScope);
        return;
      case 'BlockStatement':
        for (const s of node.body as Node[]) this.hoistVars(s, fnScope);
        return;
      case 'TryStatement':
        this.hoistVars(node.block as Node, fnScope);
        this.hoistVars((node.handler as Node | null)?.body as Node | undefined, fnScope);
        this.hoistVars(node.finalizer as Node | null, fnScope);
        return;
      case 'SwitchStatement':
        for (const c of node.cases as Node[]) for (const s of c.consequent as Node[]) this.hoistVars(s, fnScope);
        return;
      default:
        return;
    }
  }

  /** `let`, `const`, `class` and (strict) function declarations directly in `statements` belong to `block`. */
  private declareLexical(statements: readonly Node[], block: Scope): void {
    for (const statement of statements) {
      if (statement.type === 'VariableDeclaration' && statement.kind !== 'var') {
        for (const d of statement.declarations as Node[]) for (const id of patternIds(d.id as Node)) this.declare(block, id, statement.kind as BindingKind, d);
      } else if (statement.type === 'FunctionDeclaration') {
        this.declare(block, statement.id as Node, 'function', null);
      } else if (statement.type === 'ClassDeclaration') {
        this.declare(block, statement.id as Node, 'class', null);
      }
    }
  }

  // ---- the walk ------------------------------------------------------------

  /** Marks the binding `id` names (seen from `scope`) as written, once declarations are known. */
  private markWritten(id: Node, scope: Scope): void {
    this.pending.push({ node: id, scope, write: true, shorthand: false, declaration: true });
  }

  private reference(node: Node, scope: Scope, write = false, shorthand = false): void {
    this.pending.push({ node, scope, write, shorthand });
  }

  private resolve(node: Node, scope: Scope, write: boolean, shorthand: boolean): void {
    const name = node.name as string;
    for (let s: Scope | null = scope; s !== null; s = s.parent) {
      const binding = s.bindings.get(name);
      if (binding === undefined) continue;
      binding.references.push({ node, binding, write, scope, shorthand });
      if (write) binding.written = true;
      if (s.fn !== scope.fn) binding.captured = true;
      return;
    }
    let list = this.free.get(name);
    if (list === undefined) this.free.set(name, (list = []));
    list.push({ node, shorthand });
  }

  private resolveWrite(id: Node, scope: Scope): void {
    for (let s: Scope | null = scope; s !== null; s = s.parent) {
      const binding = s.bindings.get(id.name as string);
      if (binding === undefined) continue;
      binding.written = true;
      return;
    }
  }

  /** Visits an expression or statement in `scope`. */
  private visit(node: Node | null | undefined, scope: Scope): void {
    if (node === null || node === undefined) return;
    switch (node.type) {
      case 'Identifier':
        if (node.name === 'arguments' && this.argumentsIsForeign(scope)) this.foreignArguments.push(node);
        this.reference(node, scope);
        return;
      case 'ThisExpression':
        this.noteThis(scope);
        return;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        this.visitFunction(node, scope);
        return;
      case 'ClassDeclaration':
      case 'ClassExpression':
        this.visitClass(node, scope);
        return;
      case 'VariableDeclaration':
        for (const d of node.declarations as Node[]) {
          this.visitPattern(d.id as Node, scope, false);
          this.visit(d.init as Node | null, scope);
        }
        return;
      case 'StaticBlock': {
        // A static block runs as a method does: its own `this`, its own `var`s.
        const fn = this.makeScope('function', node, scope);
        this.hoist(node.body as Node[], fn, fn);
        for (const s of node.body as Node[]) this.visit(s, fn);
        return;
      }
      case 'BlockStatement': {
        const block = this.makeScope('block', node, scope);
        this.declareLexical(node.body as Node[], block);
        for (const s of node.body as Node[]) this.visit(s, block);
        return;
      }
      case 'ForStatement': {
        const head = this.makeScope('for', node, scope);
        if ((node.init as Node | null)?.type === 'VariableDeclaration') this.declareLexical([node.init as Node], head);
        this.visit(node.init as Node | null, head);
        this.visit(node.test as Node | null, head);
        this.visit(node.update as Node | null, head);
        this.visit(node.body as Node, head);
        return;
      }
      case 'ForInStatement':
      case 'ForOfStatement': {
        const head = this.makeScope('for', node, scope);
        const left = node.left as Node;
        if (left.type === 'VariableDeclaration') {
          this.declareLexical([left], head);
          this.visit(left, head);
          // A `var` here is one binding the loop assigns on every iteration.
          if (left.kind === 'var') for (const d of left.declarations as Node[]) for (const id of patternIds(d.id as Node)) this.markWritten(id, head);
        } else {
          this.visitPattern(left, head, true);
        }
        this.visit(node.right as Node, head);
        this.visit(node.body as Node, head);
        return;
      }
      case 'CatchClause': {
        const clause = this.makeScope('catch', node, scope);
        if (node.param !== null) {
          for (const id of patternIds(node.param as Node)) this.declare(clause, id, 'catch', null);
          this.visitPattern(node.param as Node, clause, false);
        }
        this.visit(node.body as Node, clause);
        return;
      }
      case 'SwitchStatement': {
        this.visit(node.discriminant as Node, scope);
        const block = this.makeScope('switch', node, scope);
        const statements = (node.cases as Node[]).flatMap((c) => c.consequent as Node[]);
        this.declareLexical(statements, block);
        for (const c of node.cases as Node[]) {
          this.visit(c.test as Node | null, block);
          for (const s of c.consequent as Node[]) this.visit(s, block);
        }
        return;
      }
      case 'AssignmentExpression':
        this.visitPattern(node.left as Node, scope, true);
        this.visit(node.right as Node, scope);
        return;
      case 'UpdateExpression':
        if ((node.argument as Node).type === 'Identifier') this.reference(node.argument as Node, scope, true);
        else this.visit(node.argument as Node, scope);
        return;
      case 'MemberExpression':
        this.visit(node.object as Node, scope);
        if (node.computed === true) this.visit(node.property as Node, scope);
        return;
      case 'Property':
        if (node.computed === true) this.visit(node.key as Node, scope);
        if (node.shorthand === true && (node.value as Node).type === 'Identifier') this.reference(node.value as Node, scope, false, true);
        else this.visit(node.value as Node, scope);
        return;
      case 'MethodDefinition':
      case 'PropertyDefinition':
        if (node.computed === true) this.visit(node.key as Node, scope);
        if (node.type === 'PropertyDefinition') this.visitFieldValue(node, scope);
        else this.visit(node.value as Node, scope);
        return;
      case 'LabeledStatement':
        this.visit(node.body as Node, scope);
        return;
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'MetaProperty':
      case 'PrivateIdentifier':
      case 'Literal':
      case 'Super':
      case 'EmptyStatement':
      case 'DebuggerStatement':
        return;
      default:
        this.visitChildren(node, scope);
    }
  }

  private visitChildren(node: Node, scope: Scope): void {
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'type' || key === 'start' || key === 'end') continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) this.visit(child, scope);
      } else if (isNode(value)) this.visit(value, scope);
    }
  }

  /** A pattern: identifiers are declarations (`write` false, already declared) or assignment targets (`write` true); defaults and computed keys are expressions. */
  private visitPattern(node: Node, scope: Scope, write: boolean, shorthand = false): void {
    switch (node.type) {
      case 'Identifier':
        if (write) this.reference(node, scope, true, shorthand);
        return;
      case 'ObjectPattern':
        for (const property of node.properties as Node[]) {
          if (property.type === 'RestElement') {
            this.visitPattern(property.argument as Node, scope, write);
            continue;
          }
          if (property.computed === true) this.visit(property.key as Node, scope);
          this.visitPattern(property.value as Node, scope, write, property.shorthand === true);
        }
        return;
      case 'ArrayPattern':
        for (const element of node.elements as Array<Node | null>) if (element !== null) this.visitPattern(element, scope, write);
        return;
      case 'RestElement':
        this.visitPattern(node.argument as Node, scope, write);
        return;
      case 'AssignmentPattern':
        this.visitPattern(node.left as Node, scope, write, shorthand);
        this.visit(node.right as Node, scope);
        return;
      default:
        // A member expression target (`a.b = …`): its parts are read.
        this.visit(node, scope);
    }
  }

  private visitFunction(node: Node, outer: Scope): void {
    let around = outer;
    if (node.type === 'FunctionExpression' && node.id !== null) {
      around = this.makeScope('block', node.id as Node, outer);
      this.declare(around, node.id as Node, 'function-name', null);
    }
    const scope = this.makeScope('function', node, around);
    for (const param of node.params as Node[]) for (const id of patternIds(param)) this.declare(scope, id, 'param', null);
    for (const param of node.params as Node[]) this.visitPattern(param, scope, false);
    const body = node.body as Node;
    if (body.type === 'BlockStatement') {
      this.scopeOf.set(body, scope);
      this.hoist(body.body as Node[], scope, scope);
      for (const s of body.body as Node[]) this.visit(s, scope);
    } else {
      this.visit(body, scope);
    }
  }

  private visitClass(node: Node, outer: Scope): void {
    this.visit(node.superClass as Node | null, outer);
    const scope = this.makeScope('class', node, outer);
    if (node.id !== null) this.declare(scope, node.id as Node, 'class-name', null);
    for (const member of (node.body as Node).body as Node[]) this.visit(member, scope);
  }

  /** A class field's initializer runs as a method would: in a function scope of its own (made by the field's node). */
  private visitFieldValue(field: Node, scope: Scope): void {
    const value = field.value as Node | null;
    if (value === null) return;
    const fn = this.makeScope('function', field, scope);
    this.visit(value, fn);
  }

  /** Marks the arrows between `scope` and the function whose `this` they use. */
  private noteThis(scope: Scope): void {
    for (let s: Scope | null = scope; s !== null; s = s.parent) {
      if (s.kind !== 'function') continue;
      if (s.node.type !== 'ArrowFunctionExpression') return;
      this.lexicalThis.add(s.node);
    }
  }

  /** Whether `arguments` in `scope` is not the nearest function's own (an arrow's, or the top level's). */
  private argumentsIsForeign(scope: Scope): boolean {
    const fn = scope.fn;
    return fn.kind === 'program' || fn.node.type === 'ArrowFunctionExpression' || !FUNCTIONS.has(fn.node.type);
  }
}

/** The identifiers a binding pattern declares. */
export function patternIds(pattern: Node): Node[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern];
    case 'ObjectPattern':
      return (pattern.properties as Node[]).flatMap((p) => patternIds(p.type === 'RestElement' ? (p.argument as Node) : (p.value as Node)));
    case 'ArrayPattern':
      return (pattern.elements as Array<Node | null>).flatMap((e) => (e === null ? [] : patternIds(e)));
    case 'RestElement':
      return patternIds(pattern.argument as Node);
    case 'AssignmentPattern':
      return patternIds(pattern.left as Node);
    default:
      return [];
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
