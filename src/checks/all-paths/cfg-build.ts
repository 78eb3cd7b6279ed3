/**
 * Builds a function's control-flow graph from its syntax: if/else, switch
 * with fallthrough, every loop, labelled and unlabelled break/continue,
 * return, throw into a catch, and try/finally, whose finalizer is built
 * again on every way out of the try (normal end, return, break, continue,
 * throw), so a path through it is a path of the graph.
 */
import type { AstNode } from '../../sandbox/ast-walk.js';
import type { Cfg, Frontier } from './cfg.js';
import { emitAssignment, emitExpression, emitTest, patternNames, UNDEFINED } from './cfg-expressions.js';
import { GraphBuilder, type JumpScope } from './graph-builder.js';

/** The graph of function `fn` (a function declaration or expression, an arrow, a method's value). */
export function buildCfg(fn: AstNode, lineOf: (node: AstNode) => number): Cfg {
  const b = new GraphBuilder(lineOf);
  const returns: Array<readonly [number, number]> = [];
  const start = b.add([], { kind: 'nop' }, fn);
  const body = fn.body as AstNode;
  let end: Frontier;
  if (body.type === 'BlockStatement') end = emitStatement(b, body, start, returns);
  else {
    // An arrow's expression body: its value is returned.
    end = b.add(emitExpression(b, body, start), { kind: 'return', value: body }, body);
  }
  // The closing brace: its line, as the student's file has it.
  const endLine = fn.loc === undefined ? 1 : lineOf({ type: 'EndOfFunction', start: fn.end as number, loc: { start: { line: fn.loc.end.line, column: Math.max(0, fn.loc.end.column - 1) }, end: fn.loc.end } });
  const fallOff = body.type === 'BlockStatement' ? b.add(end, { kind: 'return', value: null }, endLine) : end;
  const exit = b.join([...fallOff, ...returns], endLine);
  b.nodes[exit] = { ...b.nodes[exit]!, op: { kind: 'exit' } };
  return { nodes: b.nodes, exit };
}

/** Emits one statement after `from`; `returns` collects the edges of return nodes. */
function emitStatement(b: GraphBuilder, node: AstNode, from: Frontier, returns: Array<readonly [number, number]>, labels: readonly string[] = []): Frontier {
  const statement = (child: AstNode, after: Frontier, inner: readonly string[] = []) => emitStatement(b, child, after, returns, inner);
  switch (node.type) {
    case 'BlockStatement':
    case 'StaticBlock': {
      if (labels.length > 0) return labelled(b, labels, () => statement({ ...node, type: 'BlockStatement' }, from));
      let after = from;
      for (const child of node.body as AstNode[]) after = statement(child, after);
      return after;
    }
    case 'ExpressionStatement':
      return emitExpression(b, node.expression as AstNode, from);
    case 'VariableDeclaration': {
      let after = from;
      for (const declarator of node.declarations as AstNode[]) {
        const id = declarator.id as AstNode;
        const init = declarator.init as AstNode | null;
        if (init !== null) after = emitAssignment(b, id, init, after);
        else for (const name of patternNames(id)) after = b.add(after, { kind: 'assign', target: name, value: UNDEFINED }, declarator);
      }
      return after;
    }
    case 'IfStatement': {
      const consequent = node.consequent as AstNode;
      const alternate = (node.alternate ?? null) as AstNode | null;
      const exits = emitTest(b, node.test as AstNode, from, [consequent, alternate]);
      const whenTrue = statement(consequent, exits.whenTrue);
      return [...whenTrue, ...(alternate === null ? exits.whenFalse : statement(alternate, exits.whenFalse))];
    }
    case 'LabeledStatement':
      return statement(node.body as AstNode, from, [...labels, (node.label as AstNode).name as string]);
    case 'ReturnStatement': {
      const value = (node.argument ?? null) as AstNode | null;
      const evaluated = unwind(b, emitExpression(b, value, from), () => false, returns).rest;
      returns.push(...b.add(evaluated, { kind: 'return', value }, node));
      return [];
    }
    case 'ThrowStatement': {
      const evaluated = emitExpression(b, node.argument as AstNode, from);
      const { rest } = unwind(b, evaluated, (scope) => scope.kind === 'catch', returns, (scope, edges) => scope.kind === 'catch' && scope.throws.push(...edges));
      if (rest.length > 0) b.add(rest, { kind: 'throw' }, node);
      return [];
    }
    case 'BreakStatement':
    case 'ContinueStatement': {
      const label = (node.label as AstNode | null)?.name as string | undefined;
      const isBreak = node.type === 'BreakStatement';
      const target = (scope: JumpScope): boolean =>
        scope.kind !== 'finally' && scope.kind !== 'catch' && (label === undefined ? scope.kind === 'loop' || (isBreak && scope.kind === 'switch') : scope.labels.includes(label)) && (isBreak || scope.kind === 'loop');
      const { rest } = unwind(b, from, target, returns, (scope, edges) => {
        if (scope.kind === 'loop' && !isBreak) scope.continues.push(...edges);
        else if (scope.kind === 'loop' || scope.kind === 'switch' || scope.kind === 'block') scope.breaks.push(...edges);
      });
      if (rest.length > 0) b.add(rest, { kind: 'undecidable', why: 'a jump to an unknown label' }, node);
      return [];
    }
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'ForStatement':
    case 'ForOfStatement':
    case 'ForInStatement':
      return emitLoop(b, node, from, labels, returns);
    case 'SwitchStatement':
      return emitSwitch(b, node, from, labels, returns);
    case 'TryStatement':
      return emitTry(b, node, from, returns);
    case 'EmptyStatement':
    case 'DebuggerStatement':
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
      return from;
    default:
      return b.add(from, { kind: 'undecidable', why: `a ${node.type}` }, node);
  }

  function emitLoop(b: GraphBuilder, loop: AstNode, from: Frontier, labels: readonly string[], returns: Array<readonly [number, number]>): Frontier {
    const scope = { kind: 'loop' as const, labels, breaks: [] as Array<readonly [number, number]>, continues: [] as Array<readonly [number, number]> };
    let entry = from;
    if (loop.type === 'ForStatement' && loop.init !== null) {
      const init = loop.init as AstNode;
      entry = init.type === 'VariableDeclaration' ? emitStatement(b, init, entry, returns) : emitExpression(b, init, entry);
    }
    const body = loop.body as AstNode;
    const head = b.join(loop.type === 'DoWhileStatement' ? [] : entry, b.lineOf(loop));
    b.scopes.push(scope);
    let exits: { whenTrue: Frontier; whenFalse: Frontier };
    let bodyEnd: Frontier;
    if (loop.type === 'DoWhileStatement') {
      const bodyStart = b.join(entry, b.lineOf(body));
      bodyEnd = emitStatement(b, body, [[bodyStart, 0]], returns);
      b.scopes.pop();
      b.connect([...bodyEnd, ...scope.continues], head);
      exits = emitTest(b, loop.test as AstNode, [[head, 0]], [body, null]);
      b.connect(exits.whenTrue, bodyStart);
      return [...exits.whenFalse, ...scope.breaks];
    }
    if (loop.type === 'ForOfStatement' || loop.type === 'ForInStatement') {
      const [more, done] = b.add([[head, 0]], { kind: 'branch', test: null, arms: [body, null] }, loop, 2);
      const left = loop.left as AstNode;
      let bound: Frontier = [more!];
      const pattern = left.type === 'VariableDeclaration' ? ((left.declarations as AstNode[])[0]!.id as AstNode) : left;
      for (const name of patternNames(pattern)) bound = b.add(bound, { kind: 'assign', target: name, value: null }, left);
      exits = { whenTrue: bound, whenFalse: [done!] };
    } else if (loop.test === null || loop.test === undefined) {
      exits = { whenTrue: [[head, 0]], whenFalse: [] };
    } else {
      exits = emitTest(b, loop.test as AstNode, [[head, 0]], [body, null]);
    }
    bodyEnd = emitStatement(b, body, exits.whenTrue, returns);
    b.scopes.pop();
    const update = loop.type === 'ForStatement' ? emitExpression(b, loop.update as AstNode | null, [...bodyEnd, ...scope.continues]) : [...bodyEnd, ...scope.continues];
    b.connect(update, head);
    return [...exits.whenFalse, ...scope.breaks];
  }

  function emitSwitch(b: GraphBuilder, node: AstNode, from: Frontier, labels: readonly string[], returns: Array<readonly [number, number]>): Frontier {
    const scope = { kind: 'switch' as const, labels, breaks: [] as Array<readonly [number, number]> };
    let testFrom = emitExpression(b, node.discriminant as AstNode, from);
    const cases = node.cases as AstNode[];
    const entries: Frontier[] = cases.map(() => []);
    for (const [index, clause] of cases.entries()) {
      if (clause.test === null) continue;
      const test = { type: 'BinaryExpression', operator: '===', left: node.discriminant, right: clause.test, start: clause.start, end: (clause.test as AstNode).end, loc: clause.loc } as AstNode;
      // Taken, the case runs its clause and, falling through, every clause after it.
      const tail = { type: 'SwitchTail', start: clause.start, end: node.end, cases: cases.slice(index) } as AstNode;
      const exits = emitTest(b, test, emitExpression(b, clause.test as AstNode, testFrom), [tail, null]);
      entries[index] = exits.whenTrue;
      testFrom = exits.whenFalse;
    }
    const fallback = cases.findIndex((clause) => clause.test === null);
    if (fallback >= 0) entries[fallback] = testFrom;
    b.scopes.push(scope);
    let through: Frontier = [];
    for (const [index, clause] of cases.entries()) {
      through = [...through, ...entries[index]!];
      for (const child of clause.consequent as AstNode[]) through = emitStatement(b, child, through, returns);
    }
    b.scopes.pop();
    return [...through, ...(fallback >= 0 ? [] : testFrom), ...scope.breaks];
  }

  function emitTry(b: GraphBuilder, node: AstNode, from: Frontier, returns: Array<readonly [number, number]>): Frontier {
    const finalizer = (node.finalizer ?? null) as AstNode | null;
    const handler = (node.handler ?? null) as AstNode | null;
    if (finalizer !== null) b.scopes.push({ kind: 'finally', finalizer });
    const catchScope = { kind: 'catch' as const, throws: [] as Array<readonly [number, number]> };
    if (handler !== null) b.scopes.push(catchScope);
    let after = emitStatement(b, node.block as AstNode, from, returns);
    if (handler !== null) {
      b.scopes.pop();
      let caught: Frontier = catchScope.throws;
      if (handler.param !== null) for (const name of patternNames(handler.param as AstNode)) caught = b.add(caught, { kind: 'assign', target: name, value: null }, handler);
      after = [...after, ...emitStatement(b, handler.body as AstNode, caught, returns)];
    }
    if (finalizer === null) return after;
    b.scopes.pop();
    return emitStatement(b, finalizer, after, returns);
  }
}

/**
 * Leaves scopes from the innermost out until `isTarget` (running each
 * `finally` passed on the way), then hands the edges to `land`. Edges that
 * leave the function (no target found) are returned as `rest`.
 */
function unwind(
  b: GraphBuilder,
  from: Frontier,
  isTarget: (scope: JumpScope) => boolean,
  returns: Array<readonly [number, number]>,
  land: (scope: JumpScope, edges: Frontier) => void = () => undefined,
): { rest: Frontier } {
  let edges = from;
  for (let depth = b.scopes.length - 1; depth >= 0; depth--) {
    const scope = b.scopes[depth]!;
    if (isTarget(scope)) {
      land(scope, edges);
      return { rest: [] };
    }
    if (scope.kind === 'finally') edges = b.within(depth, () => emitStatement(b, scope.finalizer, edges, returns));
  }
  return { rest: edges };
}

/** Runs `build` inside a labelled block's scope (`break label` lands after it). */
function labelled(b: GraphBuilder, labels: readonly string[], build: () => Frontier): Frontier {
  const scope = { kind: 'block' as const, labels, breaks: [] as Array<readonly [number, number]> };
  b.scopes.push(scope);
  const end = build();
  b.scopes.pop();
  return [...end, ...scope.breaks];
}
