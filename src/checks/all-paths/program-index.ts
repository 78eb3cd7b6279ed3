/**
 * The student's functions across their files, and how each is reached: the
 * kernel routines a file imports, the functions a name or `this.name`
 * calls, and which functions the kernel calls (registered in a
 * MajorFunction slot or AddDevice, passed to a kernel routine) and no
 * student code calls by name — the routines proper.
 */
import { childNodes, isNode, type AstNode } from '../../sandbox/ast-walk.js';

/** One parsed student file. */
export interface StudentModule {
  /** Its name, relative to the submission folder (`driver.ts`, `lib/lock.ts`). */
  readonly file: string;
  /** Its JavaScript (esbuild's, types stripped), as acorn parsed it with locations. */
  readonly program: AstNode;
  /** The JavaScript text the program was parsed from. */
  readonly code: string;
  /** The TypeScript line of an acorn position. */
  readonly lineOf: (position: { readonly line: number; readonly column: number }) => number;
}

/** One function of the student's. */
export interface StudentFunction {
  readonly index: number;
  /** As a message names it: `DispatchWrite`, `Queue.push`, `arrow at line 40`. */
  readonly name: string;
  readonly module: StudentModule;
  readonly node: AstNode;
  /** Its parameters' names in order (null for a destructured one). */
  readonly params: ReadonlyArray<string | null>;
  /** The class it is a method of. */
  readonly className?: string;
  /**
   * It is handed to the kernel (stored in a field such as MajorFunction or
   * AddDevice, passed to a kernel routine) and no student code calls it by
   * name: a routine proper. Being exported is not enough: an exported lock
   * helper may be meant to return holding its lock. Set once every file is indexed.
   */
  entry: boolean;
}

/** What a call's callee is. */
export type CallTarget =
  | { readonly kind: 'kernel'; readonly routine: string }
  | { readonly kind: 'student'; readonly fn: StudentFunction; readonly receiver: AstNode | null }
  /** A function the rule cannot name: a parameter, a method of an unknown object, a computed call. */
  | { readonly kind: 'unknown' };

/** Every function of the student's, and name resolution. */
export class ProgramIndex {
  readonly functions: StudentFunction[] = [];
  private readonly kernelNames = new Map<StudentModule, Map<string, string>>();
  private readonly kernelSpaces = new Map<StudentModule, Set<string>>();
  private readonly byName = new Map<StudentModule, Map<string, StudentFunction | null>>();
  private readonly exportsOf = new Map<string, Map<string, string>>();
  private readonly importsOf = new Map<StudentModule, Map<string, { file: string; name: string }>>();
  private readonly calledByName = new Set<StudentFunction>();
  private readonly registered = new Set<StudentFunction>();
  private readonly usedAsValue = new Set<StudentFunction>();
  /** Module-level names (a path rooted at one is the same in every function). */
  readonly moduleNames = new Map<StudentModule, Set<string>>();

  constructor(readonly modules: readonly StudentModule[]) {
    for (const module of modules) this.indexModule(module);
    for (const module of modules) this.findUses(module);
    for (const fn of this.functions) fn.entry = this.registered.has(fn) && !this.calledByName.has(fn);
  }

  /** What `call`'s callee in `module` is, inside `within` (for `this.method()`). */
  resolveCall(module: StudentModule, call: AstNode, within: StudentFunction | null): CallTarget {
    const callee = unwrap(call.callee as AstNode);
    if (callee.type === 'Identifier') {
      const name = callee.name as string;
      const kernel = this.kernelNames.get(module)?.get(name);
      if (kernel !== undefined) return { kind: 'kernel', routine: kernel };
      const fn = this.functionNamed(module, name);
      return fn === undefined ? { kind: 'unknown' } : { kind: 'student', fn, receiver: null };
    }
    if (callee.type === 'MemberExpression' && callee.computed !== true) {
      const object = unwrap(callee.object as AstNode);
      const property = (callee.property as AstNode).name as string;
      if (object.type === 'Identifier' && this.kernelSpaces.get(module)?.has(object.name as string) === true) return { kind: 'kernel', routine: property };
      if (object.type === 'ThisExpression' && within?.className !== undefined) {
        const methods = this.functions.filter((fn) => fn.module === module && fn.className === within.className && fn.name === `${within.className}.${property}`);
        if (methods.length === 1) return { kind: 'student', fn: methods[0]!, receiver: object };
      }
    }
    return { kind: 'unknown' };
  }

  /** Whether `fn` may be called where the rule cannot name the callee: a method, a function passed or stored as a value. */
  mayBeCalledUnnamed(fn: StudentFunction): boolean {
    return fn.className !== undefined || this.usedAsValue.has(fn) || fn.name.includes(' at line ');
  }

  /** Whether student code calls `fn` by its name (or as `this.name`). */
  isCalledByName(fn: StudentFunction): boolean {
    return this.calledByName.has(fn);
  }

  /** The student function `name` denotes in `module` (declared there or imported), if exactly one. */
  functionNamed(module: StudentModule, name: string): StudentFunction | undefined {
    const local = this.byName.get(module)?.get(name);
    if (local !== undefined) return local ?? undefined;
    const imported = this.importsOf.get(module)?.get(name);
    if (imported === undefined) return undefined;
    const target = this.modules.find((m) => m.file === imported.file);
    const exported = this.exportsOf.get(imported.file)?.get(imported.name);
    return target === undefined || exported === undefined ? undefined : (this.byName.get(target)?.get(exported) ?? undefined);
  }

  private indexModule(module: StudentModule): void {
    const kernel = new Map<string, string>();
    const spaces = new Set<string>();
    const names = new Map<string, StudentFunction | null>();
    const exported = new Map<string, string>();
    const imports = new Map<string, { file: string; name: string }>();
    const topNames = new Set<string>();
    this.kernelNames.set(module, kernel);
    this.kernelSpaces.set(module, spaces);
    this.byName.set(module, names);
    this.exportsOf.set(module.file, exported);
    this.importsOf.set(module, imports);
    this.moduleNames.set(module, topNames);
    const declare = (name: string, fn: StudentFunction): void => void names.set(name, names.has(name) ? null : fn);
    for (const statement of module.program.body as AstNode[]) {
      if (statement.type === 'ImportDeclaration') {
        const source = String((statement.source as AstNode).value);
        for (const spec of statement.specifiers as AstNode[]) {
          const local = (spec.local as AstNode).name as string;
          if (source === 'spinlab/kernel') {
            if (spec.type === 'ImportNamespaceSpecifier') spaces.add(local);
            else kernel.set(local, spec.type === 'ImportSpecifier' ? (((spec.imported as AstNode).name ?? (spec.imported as AstNode).value) as string) : 'default');
          } else if (spec.type === 'ImportSpecifier') {
            imports.set(local, { file: resolveImport(module.file, source, this.modules), name: ((spec.imported as AstNode).name ?? (spec.imported as AstNode).value) as string });
          }
        }
      }
      const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? (statement.declaration as AstNode | null) : statement;
      if (declaration?.type === 'FunctionDeclaration' && declaration.id !== null) topNames.add((declaration.id as AstNode).name as string);
      if (declaration?.type === 'VariableDeclaration') for (const d of declaration.declarations as AstNode[]) if ((d.id as AstNode).type === 'Identifier') topNames.add((d.id as AstNode).name as string);
      if (statement.type === 'ExportNamedDeclaration') {
        if (declaration?.type === 'FunctionDeclaration') exported.set((declaration.id as AstNode).name as string, (declaration.id as AstNode).name as string);
        if (declaration?.type === 'VariableDeclaration') for (const d of declaration.declarations as AstNode[]) if ((d.id as AstNode).type === 'Identifier') exported.set((d.id as AstNode).name as string, (d.id as AstNode).name as string);
        for (const spec of (statement.specifiers ?? []) as AstNode[]) exported.set(((spec.exported as AstNode).name ?? (spec.exported as AstNode).value) as string, (spec.local as AstNode).name as string);
      }
    }
    this.collectFunctions(module, module.program, null, declare);
  }

  /** Finds every function under `node`, naming it by its declaration, variable, method or place. */
  private collectFunctions(module: StudentModule, node: AstNode, className: string | null, declare: (name: string, fn: StudentFunction) => void): void {
    const add = (fn: AstNode, name: string, ofClass: string | null): StudentFunction => {
      const params = (fn.params as AstNode[]).map((p) => (p.type === 'Identifier' ? (p.name as string) : p.type === 'AssignmentPattern' && (p.left as AstNode).type === 'Identifier' ? ((p.left as AstNode).name as string) : null));
      const entry: StudentFunction = { index: this.functions.length, name, module, node: fn, params, ...(ofClass === null ? {} : { className: ofClass }), entry: false };
      this.functions.push(entry);
      return entry;
    };
    const named = new Set<AstNode>();
    const visit = (n: AstNode, ofClass: string | null): void => {
      if (n.type === 'ClassDeclaration' || n.type === 'ClassExpression') {
        const name = ((n.id as AstNode | null)?.name as string | undefined) ?? `class at line ${module.lineOf(n.loc!.start)}`;
        for (const member of (n.body as AstNode).body as AstNode[]) {
          const value = member.value as AstNode | null;
          const key = (member.key as AstNode).name as string | undefined;
          if (value !== null && value !== undefined && isFunction(value) && key !== undefined) {
            named.add(value);
            add(value, `${name}.${key}`, name);
          }
        }
      } else if (n.type === 'FunctionDeclaration' && n.id !== null) {
        named.add(n);
        declare((n.id as AstNode).name as string, add(n, (n.id as AstNode).name as string, ofClass));
      } else if (n.type === 'VariableDeclarator' && (n.id as AstNode).type === 'Identifier' && n.init !== null && isFunction(n.init as AstNode)) {
        named.add(n.init as AstNode);
        declare((n.id as AstNode).name as string, add(n.init as AstNode, (n.id as AstNode).name as string, ofClass));
      } else if (isFunction(n) && !named.has(n)) {
        add(n, `${n.type === 'ArrowFunctionExpression' ? 'arrow function' : 'function'} at line ${module.lineOf(n.loc!.start)}`, ofClass);
      }
      for (const child of childNodes(n)) visit(child, ofClass);
    };
    visit(node, className);
  }

  /** Marks which functions are called by name and which are handed to the kernel (exported, stored, passed). */
  private findUses(module: StudentModule): void {
    const visit = (n: AstNode): void => {
      if (n.type === 'CallExpression') {
        const callee = unwrap(n.callee as AstNode);
        if (callee.type === 'Identifier') {
          const fn = this.functionNamed(module, callee.name as string);
          if (fn !== undefined) this.calledByName.add(fn);
        }
        if (callee.type === 'MemberExpression' && (callee.object as AstNode).type === 'ThisExpression') {
          for (const fn of this.functions) if (fn.module === module && fn.name.endsWith(`.${(callee.property as AstNode).name as string}`)) this.calledByName.add(fn);
        }
        const target = this.resolveCall(module, n, null);
        if (target.kind === 'kernel') for (const argument of n.arguments as AstNode[]) this.register(module, argument);
      }
      if (n.type === 'AssignmentExpression' && (n.left as AstNode).type === 'MemberExpression') this.register(module, n.right as AstNode);
      // A name not in a callee's place is the function as a value: it may be called anywhere.
      for (const value of valueReferences(n)) {
        const fn = this.functionNamed(module, value);
        if (fn !== undefined) this.usedAsValue.add(fn);
      }
      for (const child of childNodes(n)) visit(child);
    };
    visit(module.program);
  }

  /** `value` is handed to the kernel: the function it names or is becomes a routine. */
  private register(module: StudentModule, value: AstNode): void {
    const inner = unwrap(value);
    const fn = inner.type === 'Identifier' ? this.functionNamed(module, inner.name as string) : isFunction(inner) ? this.functions.find((f) => f.node === inner) : undefined;
    if (fn !== undefined) this.registered.add(fn);
  }
}

/** The identifiers among `node`'s direct operands that are read as values (arguments, initializers, properties, returns). */
function valueReferences(node: AstNode): string[] {
  const operands: unknown[] =
    node.type === 'CallExpression' || node.type === 'NewExpression'
      ? (node.arguments as unknown[])
      : node.type === 'Property'
        ? [node.value]
        : node.type === 'VariableDeclarator'
          ? [node.init]
          : node.type === 'AssignmentExpression'
            ? [node.right]
            : node.type === 'ReturnStatement' || node.type === 'SpreadElement'
              ? [node.argument]
              : node.type === 'ArrayExpression'
                ? (node.elements as unknown[])
                : [];
  return operands.filter((o): o is AstNode => isNode(o) && o.type === 'Identifier').map((o) => o.name as string);
}

/** Whether `node` is a function. */
export function isFunction(node: AstNode): boolean {
  return node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'FunctionDeclaration';
}

/** `node` without `await` and optional-chain wrappers. */
export function unwrap(node: AstNode): AstNode {
  let inner = node;
  while (inner.type === 'AwaitExpression' || inner.type === 'ChainExpression') inner = (inner.argument ?? inner.expression) as AstNode;
  return inner;
}

/** The student file a relative import names (`./lock.js` → `lock.ts`), or the specifier when none matches. */
function resolveImport(from: string, specifier: string, modules: readonly StudentModule[]): string {
  const folder = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
  const parts: string[] = [];
  for (const part of `${folder}${specifier}`.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  const base = parts.join('/');
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), `${base}.ts`, `${base}/index.ts`];
  return candidates.find((candidate) => modules.some((m) => m.file === candidate)) ?? specifier;
}
