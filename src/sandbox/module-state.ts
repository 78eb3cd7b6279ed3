/**
 * Finds mutable state at module level in the student's files: a `let` or
 * `var`, or a `const` object/array/Map that the module mutates. Such state is
 * shared by every CPU but lives outside tracked memory, so spinlab cannot see
 * its races; it is reported (as `data-race`) with a message telling the
 * student to move it into the device extension — never silently ignored.
 */
import { walk, type AstNode as Node } from './ast-walk.js';
import { parseTypeScript } from './typescript-module.js';

/** One piece of module-level mutable state. */
export interface ModuleState {
  readonly file: string;
  readonly name: string;
  readonly kind: 'let' | 'var' | 'object';
  /** 1-based, in the student's TypeScript. */
  readonly line: number;
  readonly column: number;
}

/** Constructors of kernel objects: module-level instances of these are tracked by the kernel itself. */
const KERNEL_OBJECTS = new Set(['KSPIN_LOCK', 'KLOCK_QUEUE_HANDLE', 'KDPC', 'KEVENT', 'LIST_ENTRY', 'SINGLE_LIST_ENTRY']);
const MUTATING_METHODS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'add', 'delete', 'clear']);

/** The module-level mutable state in `source` (TypeScript), named `file`. */
export async function findModuleState(file: string, source: string): Promise<ModuleState[]> {
  const module = await parseTypeScript(file, source);
  const program = module.program as unknown as Node;
  const at = (name: string, kind: ModuleState['kind'], node: Node): ModuleState => ({ file, name, kind, ...module.place(node.loc!.start) });
  const found: ModuleState[] = [];
  const candidates: Array<{ name: string; node: Node }> = [];
  for (const statement of program.body as Node[]) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? (statement.declaration as Node | null) : statement;
    if (declaration === null || declaration.type !== 'VariableDeclaration') continue;
    const kind = declaration.kind as string;
    for (const declarator of declaration.declarations as Node[]) {
      const id = declarator.id as Node;
      if (id.type !== 'Identifier') continue;
      const name = id.name as string;
      if (kind === 'let' || kind === 'var') found.push(at(name, kind, id));
      else if (isMutableObject(declarator.init as Node | null)) candidates.push({ name, node: id });
    }
  }
  const mutated = mutatedNames(program);
  for (const { name, node } of candidates) if (mutated.has(name)) found.push(at(name, 'object', node));
  return found;
}

function isMutableObject(init: Node | null): boolean {
  if (init === null) return false;
  if (init.type === 'ObjectExpression' || init.type === 'ArrayExpression') return true;
  if (init.type === 'NewExpression') {
    const callee = init.callee as Node;
    return !(callee.type === 'Identifier' && KERNEL_OBJECTS.has(callee.name as string));
  }
  return false;
}

/** Names of module-level bindings the code writes through: `x.f = …`, `x[i]++`, `x.push(…)`. */
function mutatedNames(program: Node): Set<string> {
  const names = new Set<string>();
  const rootName = (node: Node): string | undefined => {
    let current = node;
    while (current.type === 'MemberExpression') current = current.object as Node;
    return current.type === 'Identifier' ? (current.name as string) : undefined;
  };
  walk(program, (node) => {
    if (node.type === 'AssignmentExpression' || node.type === 'UpdateExpression') {
      const target = (node.type === 'AssignmentExpression' ? node.left : node.argument) as Node;
      if (target.type === 'MemberExpression') {
        const name = rootName(target);
        if (name !== undefined) names.add(name);
      }
    } else if (node.type === 'CallExpression') {
      const callee = node.callee as Node;
      if (callee.type === 'MemberExpression' && (callee.property as Node).type === 'Identifier' && MUTATING_METHODS.has((callee.property as Node).name as string)) {
        const name = rootName(callee.object as Node);
        if (name !== undefined) names.add(name);
      }
    } else if (node.type === 'UnaryExpression' && node.operator === 'delete') {
      const name = rootName(node.argument as Node);
      if (name !== undefined) names.add(name);
    }
  });
  return names;
}
