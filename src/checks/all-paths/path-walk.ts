/**
 * Walks every path of one function's CFG, with the locks it holds, and
 * records what each path does at its releases and returns. Paths that
 * reach a node in the same state are walked once (so loops end); a
 * function whose states pass the budget is left undecided.
 */
import type { AstNode } from '../../sandbox/ast-walk.js';
import { accessPath, readAtoms, textOf } from './access-path.js';
import type { Cfg, CfgNode } from './cfg.js';
import { armDecides, correlated, decisionAtoms, evaluateTest, foldTest, staleAfterCall, staleAfterWrite } from './conditions.js';
import { lockRoutine, UNFOLLOWED_ROUTINES, type LockFamily } from './lock-routines.js';
import { addAll, distinct, siteReleases, stateKey, tokensIn, withLine, type Held, type PathState, type Value } from './path-state.js';
import type { ProgramIndex, StudentFunction } from './program-index.js';
import { substitute, type PathEffect, type Summary, type SummaryLock } from './summaries.js';

/** States one function may visit before it is left undecided. */
const STATE_BUDGET = 20_000;

/** A release on one path. */
export interface ReleaseEvent {
  readonly node: number;
  readonly line: number;
  readonly key: string;
  readonly lock: string;
  readonly family: LockFamily;
  /** The path held it there. */
  readonly held: boolean;
  /** The path took and released it before in this function. */
  readonly again: boolean;
  /** Held, but restored with another acquisition's saved IRQL: that acquisition's line. */
  readonly wrongIrql: { readonly acquiredAt: number; readonly used: string; readonly usedFrom: number } | null;
  readonly reportable: boolean;
  readonly lines: readonly number[];
}

/** A return on one path. */
export interface ReturnEvent {
  readonly node: number;
  readonly line: number;
  readonly held: readonly Held[];
  readonly effect: PathEffect;
  readonly reportable: boolean;
  readonly lines: readonly number[];
}

/** Everything one function's paths did. */
export interface FunctionPaths {
  readonly fn: StudentFunction;
  /** Why the walk gave up (a construct it cannot follow, the budget), or null. */
  readonly undecided: string | null;
  readonly returns: readonly ReturnEvent[];
  readonly releases: readonly ReleaseEvent[];
  /** Acquiring nodes some path released before returning. */
  readonly releasedSites: ReadonlySet<number>;
}

/** What the walk asks of the rest of the analysis. */
export interface WalkContext {
  readonly index: ProgramIndex;
  /** A student function's summary (`unknown` while it is being made: recursion). */
  summaryOf(fn: StudentFunction): Summary;
  /** Whether a call the rule cannot resolve may reach a student function that takes or drops a lock. */
  unknownCallMayLock(call: AstNode): boolean;
}

/** Walks every path of `fn`'s graph `cfg`. */
export function walkPaths(fn: StudentFunction, cfg: Cfg, ctx: WalkContext): FunctionPaths {
  const source = fn.module.code;
  const moduleNames = ctx.index.moduleNames.get(fn.module)!;
  const returns: ReturnEvent[] = [];
  const releases: ReleaseEvent[] = [];
  const releasedSites = new Set<number>();
  const seen = new Set<string>();
  const env = new Map<string, Value>();
  fn.params.forEach((name, i) => name !== null && env.set(name, { kind: 'alias', path: `$p${i}` }));
  const stack: Array<PathState & { effect: PathEffect }> = [
    { node: 0, held: [], env, decisions: [], doubtful: false, opaque: false, released: [], lines: [], effect: { acquires: [], releases: [], opaque: false } },
  ];
  let undecided: string | null = null;

  const resolverFor = (state: PathState) => (name: string): string | null => {
    const value = state.env.get(name);
    if (value === undefined) return moduleNames.has(name) ? name : `${name}#0`;
    if (value.kind === 'alias') return value.path;
    if (value.kind === 'unknown') return `${name}#${value.version}`;
    return null;
  };
  const pathIn = (state: PathState, expr: AstNode): string | null => accessPath(expr, resolverFor(state));
  const valueIn = (state: PathState, expr: AstNode): Value | undefined => {
    if (expr.type === 'Identifier') return state.env.get(expr.name as string);
    const path = pathIn(state, expr);
    return path === null ? undefined : state.env.get(path);
  };

  while (stack.length > 0) {
    const state = stack.pop()!;
    const key = stateKey(state);
    if (seen.has(key)) continue;
    seen.add(key);
    if (seen.size > STATE_BUDGET) {
      undecided = `more than ${STATE_BUDGET} path states`;
      break;
    }
    const node = cfg.nodes[state.node]!;
    const reportable = !state.doubtful && !state.opaque;
    const go = (next: PathState & { effect: PathEffect }, slot = 0) => {
      const target = node.next[slot];
      if (target !== undefined && target >= 0) stack.push({ ...next, node: target });
    };
    const op = node.op;
    switch (op.kind) {
      case 'nop':
        go(state);
        break;
      case 'exit':
      case 'throw':
        break;
      case 'undecidable':
        undecided = op.why;
        break;
      case 'return': {
        const returned = op.value === null ? new Set<number>() : tokensIn(op.value, (expr) => valueIn(state, expr));
        const held = state.held.map((h) => (h.token !== null && returned.has(h.token) ? { ...h, escaped: true } : h));
        const acquires = held.map((h) => ({ key: h.key, lock: h.lock, family: h.family, returned: h.token !== null && returned.has(h.token) }));
        const effect = { ...state.effect, acquires };
        returns.push({ node: node.id, line: node.line, held, effect, reportable, lines: withLine(state.lines, node.line) });
        for (const site of siteReleases(state)) releasedSites.add(site);
        go({ ...state, effect });
        break;
      }
      case 'assign': {
        // `entry = entry.Flink`: a path built from the variable itself would grow on every turn of a loop.
        const selfReferent = op.value !== null && op.target.type === 'Identifier' && readAtoms(op.value, source).some((a) => a === op.target.name || a.startsWith(`${op.target.name as string}.`));
        go({ ...state, ...assign(state, op.target, op.value === null || selfReferent ? { kind: 'unknown', version: node.id } : evaluate(state, op.value)) });
        break;
      }
      case 'branch': {
        const lines = withLine(state.lines, node.line);
        const decided = op.test === null ? undefined : evaluateTest(op.test, (expr) => valueIn(state, expr));
        if (decided !== undefined) {
          go({ ...state, lines }, decided ? 0 : 1);
          break;
        }
        const folded = op.test === null ? { text: `$iteration#${node.id}`, polarity: true } : foldTest(op.test, source);
        const known = state.decisions.find((d) => d.fresh && d.text === folded.text);
        if (known !== undefined) {
          go({ ...state, lines }, known.value === folded.polarity ? 0 : 1);
          break;
        }
        const facts = decisionAtoms(op.test, op.arms, source, node.id);
        const decisive = op.arms.some((arm) => arm !== null && armDecides(arm, fn, ctx));
        const equality = 'equality' in folded ? folded.equality : undefined;
        const shape = { ...facts, decisive, ...(equality === undefined ? {} : { equality }) };
        const doubtful = state.doubtful || correlated(shape, op.test?.start ?? op.arms[0]?.start ?? 0, state.decisions);
        for (const way of [true, false]) {
          const decision = { ...shape, text: folded.text, value: way === folded.polarity, fresh: op.test !== null };
          // One record per condition (the latest), so a loop's states repeat and the walk ends.
          go({ ...state, lines, doubtful, decisions: [...state.decisions.filter((d) => d.text !== folded.text), decision] }, way ? 0 : 1);
        }
        break;
      }
      case 'call': {
        const next = call(state, node, op.call, op.result);
        if (next === 'undecided') undecided = 'KeTryToAcquireSpinLockAtDpcLevel';
        else if (next !== null) go(next);
        break;
      }
    }
    if (undecided !== null) break;
  }
  return { fn, undecided, returns, releases, releasedSites };

  function evaluate(state: PathState, value: AstNode): Value {
    if (value.type === 'Literal') return { kind: 'const', value: value.value };
    if (value.type === 'Identifier' && value.name === 'undefined') return { kind: 'const', value: undefined };
    if (value.type === 'NewExpression' || value.type === 'ObjectExpression' || value.type === 'ArrayExpression') return { kind: 'unknown', version: `new${value.start}` };
    const known = valueIn(state, value);
    if (known !== undefined && known.kind !== 'unknown') return known;
    const path = pathIn(state, value);
    return path === null ? { kind: 'unknown', version: value.start } : { kind: 'alias', path };
  }

  /** The state after `target = value`. */
  function assign(state: PathState & { effect: PathEffect }, target: AstNode, value: Value): Partial<PathState> {
    const env = new Map(state.env);
    let written: string | null;
    if (target.type === 'Identifier') {
      written = target.name as string;
      for (const k of [...env.keys()]) if (k.startsWith(`${written}.`)) env.delete(k);
    } else written = pathIn(state, target);
    if (written === null) return {};
    env.set(written, value);
    // A saved IRQL stored in a field: another routine may restore it.
    const escapes = value.kind === 'token' && target.type !== 'Identifier';
    const held = escapes ? state.held.map((h) => (h.token === value.id ? { ...h, escaped: true } : h)) : state.held;
    return { env, held, decisions: staleAfterWrite(state.decisions, textOf(target, source)) };
  }

  /** The state after a call, null when the path ends there (a recursive acquire), or 'undecided'. */
  function call(state: PathState & { effect: PathEffect }, node: CfgNode, expr: AstNode, result: AstNode | null): (PathState & { effect: PathEffect }) | null | 'undecided' {
    const target = ctx.index.resolveCall(fn.module, expr, fn);
    let next: PathState & { effect: PathEffect } = { ...state, decisions: staleAfterCall(state.decisions) };
    const args = (expr.arguments as AstNode[]).map((a) => pathIn(state, a));
    const opaque = (): PathState & { effect: PathEffect } => ({ ...next, opaque: true, effect: { ...next.effect, opaque: true } });
    let token: number | null = null;
    if (target.kind === 'kernel') {
      if (UNFOLLOWED_ROUTINES.has(target.routine)) return 'undecided';
      const routine = lockRoutine(target.routine);
      if (routine?.kind === 'acquire') {
        const family = routine.family;
        const keyArg = family.by === 'handle' ? args[1] : args[0];
        const key = family.by === 'irql' ? `irql#${node.id}` : keyArg;
        if (key === null || key === undefined) return opaque();
        if (next.held.some((h) => h.key === key)) return null;
        token = family.returnsIrql ? node.id : null;
        const lockExpr = (expr.arguments as AstNode[])[0];
        const lock = family.by === 'irql' ? 'the IRQL' : lockExpr === undefined ? key : textOf(lockExpr, source);
        const escaped = family.by === 'handle' && (key.startsWith('$') || key.includes('.'));
        next = { ...next, held: [...next.held, { key, family, lock, token, site: node.id, line: node.line, escaped }], lines: withLine(next.lines, node.line) };
      } else if (routine?.kind === 'release') {
        const family = routine.family;
        const irqlArg = family.returnsIrql ? (family.by === 'irql' ? (expr.arguments as AstNode[])[0] : (expr.arguments as AstNode[])[1]) : undefined;
        const released = release(next, node, family, family.by === 'irql' ? null : (args[0] ?? null), textOf((expr.arguments as AstNode[])[0] ?? expr, source), irqlArg === undefined ? undefined : valueIn(state, irqlArg), irqlArg === undefined ? null : textOf(irqlArg, source), irqlArg === undefined ? null : pathIn(state, irqlArg));
        if (released === null) return opaque();
        next = released;
      }
    } else if (target.kind === 'student') {
      const summary = ctx.summaryOf(target.fn);
      if (summary.kind === 'unknown') return withResult(opaque());
      if (summary.kind === 'exact') {
        const receiver = target.receiver === null ? null : pathIn(state, target.receiver);
        for (const r of summary.releases) {
          const key = substitute(r.key, args, receiver);
          const irqlPath = r.irql === null ? null : substitute(r.irql, args, receiver);
          const irqlValue = irqlPath === null ? undefined : lookupPath(next, irqlPath);
          const released = key === null ? null : release(next, node, r.family, key, substituteText(r, expr), irqlValue, irqlPath, irqlPath);
          if (released === null) return withResult(opaque());
          next = released;
        }
        for (const a of summary.acquires) {
          const key = substitute(a.key, args, receiver);
          if (key === null) return withResult(opaque());
          if (next.held.some((h) => h.key === key)) return null;
          if (a.returned) token = node.id;
          const escaped = a.family.by === 'handle' && (key.startsWith('$') || key.includes('.'));
          next = { ...next, held: [...next.held, { key, family: a.family, lock: substituteText(a, expr), token: a.returned ? node.id : null, site: node.id, line: node.line, escaped }], lines: withLine(next.lines, node.line) };
        }
      }
    } else if (ctx.unknownCallMayLock(expr)) return withResult(opaque());
    return withResult(next);

    function withResult(after: PathState & { effect: PathEffect }): PathState & { effect: PathEffect } {
      if (result === null) return after;
      return { ...after, ...assign(after, result, token === null ? { kind: 'unknown', version: node.id } : { kind: 'token', id: token }) };
    }
  }

  /** The state after releasing `key`; null when the path holds another lock of the kind the key may alias. */
  function release(state: PathState & { effect: PathEffect }, node: CfgNode, family: LockFamily, key: string | null, lock: string, irql: Value | undefined, irqlText: string | null, irqlPath: string | null): (PathState & { effect: PathEffect }) | null {
    const lines = withLine(state.lines, node.line);
    const reportable = !state.doubtful && !state.opaque;
    if (family.by === 'irql') {
      const raised = [...state.held].reverse().find((h) => h.family === family && (irql?.kind !== 'token' || h.token === irql.id)) ?? [...state.held].reverse().find((h) => h.family === family);
      return raised === undefined ? { ...state, lines } : { ...state, held: state.held.filter((h) => h !== raised), lines, released: addAll(state.released, [raised.key, `site:${raised.site}`]) };
    }
    if (key === null) return null;
    const held = state.held.find((h) => h.key === key);
    if (held === undefined) {
      // Another lock held may be this one by another name (or another family's use of it): say nothing.
      if (state.held.some((h) => h.family.by !== family.by || !distinct(h.key, key))) return null;
      releases.push({ node: node.id, line: node.line, key, lock, family, held: false, again: state.released.includes(key), wrongIrql: null, reportable, lines });
      const effect = { ...state.effect, releases: [...state.effect.releases, { key, lock, family, irql: irqlPath }] };
      return { ...state, effect, lines };
    }
    const wrong = irql?.kind === 'token' && held.token !== null && irql.id !== held.token ? { acquiredAt: held.line, used: irqlText ?? '?', usedFrom: irql.id } : null;
    releases.push({ node: node.id, line: node.line, key, lock, family, held: true, again: false, wrongIrql: wrong, reportable, lines });
    return { ...state, held: state.held.filter((h) => h !== held), released: addAll(state.released, [key, `site:${held.site}`]), lines };
  }

  function lookupPath(state: PathState, path: string): Value | undefined {
    return state.env.get(path) ?? [...state.env].find(([, v]) => v.kind === 'alias' && v.path === path)?.[1];
  }

  function substituteText(l: SummaryLock, expr: AstNode): string {
    return `${l.lock} (through ${textOf(expr.callee as AstNode, source)})`;
  }
}
