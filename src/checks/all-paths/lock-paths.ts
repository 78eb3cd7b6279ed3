/**
 * The all-paths rule (SDV SpinLock, SpinLockRelease, IrqlKeReleaseSpinLock):
 * over every path of every function of the student's, a lock taken is
 * released before any return, nothing is released that the path did not
 * take, and a release restores the IRQL its own acquire saved. Findings
 * only where the path is certain: see docs/engine.md, "The all-paths rule".
 */
import type { AstNode } from '../../sandbox/ast-walk.js';
import { buildCfg } from './cfg-build.js';
import type { Cfg } from './cfg.js';
import { walkPaths, type FunctionPaths, type WalkContext } from './path-walk.js';
import { ProgramIndex, type StudentFunction, type StudentModule } from './program-index.js';
import { summarize, type Summary } from './summaries.js';

/** One finding of the rule, in the student's TypeScript lines. */
export interface AllPathsFinding {
  readonly check: 'held-at-return' | 'release-not-held' | 'irql-restore' | 'queue-handle';
  readonly rule: string;
  readonly message: string;
  /** Groups equal findings. */
  readonly key: string;
  readonly file: string;
  /** Where it happens: the return that leaks, the release. */
  readonly line: number;
  readonly routine: string;
  readonly lock: string;
  /** The path as lines: each branch decided, each lock call, the exit. */
  readonly path: readonly number[];
  /** Where the lock (or the IRQL used) was acquired, when that is another line. */
  readonly acquiredAt?: number;
}

/** What the rule decided over a submission. */
export interface AllPathsReport {
  readonly findings: readonly AllPathsFinding[];
  /** Functions analysed. */
  readonly functions: number;
  /** Functions left undecided, and why. */
  readonly undecided: ReadonlyArray<{ readonly file: string; readonly routine: string; readonly why: string }>;
}

/** Runs the rule over the student's modules. */
export function checkAllPaths(modules: readonly StudentModule[]): AllPathsReport {
  const index = new ProgramIndex(modules);
  const cfgs = new Map<StudentFunction, Cfg>();
  const cfgOf = (fn: StudentFunction): Cfg => {
    let cfg = cfgs.get(fn);
    if (cfg === undefined) cfgs.set(fn, (cfg = buildCfg(fn.node, (node: AstNode) => fn.module.lineOf(node.loc!.start))));
    return cfg;
  };
  let walks = analyse(index, cfgOf, () => false);
  // Functions that take or drop a lock and may be called where the rule cannot name them (a callback, a method):
  // an unknown call that may reach one is followed no further.
  const locking = index.functions.filter((fn) => !fn.entry && index.mayBeCalledUnnamed(fn) && summaryFrom(walks.get(fn)!).kind !== 'neutral');
  if (locking.length > 0) {
    const methods = new Set(locking.map((fn) => fn.name.slice(fn.name.lastIndexOf('.') + 1)));
    walks = analyse(index, cfgOf, (call) => {
      const callee = call.callee as AstNode;
      // `x.name(…)` reaches only a function called `name`; `f(…)` (a parameter, a variable) any function passed around.
      if (callee.type === 'MemberExpression' && callee.computed !== true) return methods.has((callee.property as AstNode).name as string);
      return true;
    });
  }
  const findings: AllPathsFinding[] = [];
  const undecided: Array<{ file: string; routine: string; why: string }> = [];
  for (const fn of index.functions) {
    const paths = walks.get(fn)!;
    if (paths.undecided !== null) undecided.push({ file: fn.module.file, routine: fn.name, why: paths.undecided });
    else findings.push(...findingsOf(paths));
  }
  return { findings, functions: index.functions.length, undecided };
}

/** Walks every function, each helper's summary made before its callers need it. */
function analyse(index: ProgramIndex, cfgOf: (fn: StudentFunction) => Cfg, unknownCallMayLock: (call: AstNode) => boolean): Map<StudentFunction, FunctionPaths> {
  const walks = new Map<StudentFunction, FunctionPaths>();
  const inProgress = new Set<StudentFunction>();
  const ctx: WalkContext = {
    index,
    unknownCallMayLock,
    summaryOf(fn: StudentFunction): Summary {
      if (inProgress.has(fn)) return { kind: 'unknown' };
      return summaryFrom(walkOf(fn));
    },
  };
  const walkOf = (fn: StudentFunction): FunctionPaths => {
    let paths = walks.get(fn);
    if (paths === undefined) {
      inProgress.add(fn);
      paths = walkPaths(fn, cfgOf(fn), ctx);
      inProgress.delete(fn);
      walks.set(fn, paths);
    }
    return paths;
  };
  for (const fn of index.functions) walkOf(fn);
  return walks;
}

function summaryFrom(paths: FunctionPaths): Summary {
  return summarize(paths.returns.map((r) => r.effect), paths.undecided !== null);
}

/** The findings of one function's paths. */
function findingsOf(paths: FunctionPaths): AllPathsFinding[] {
  const { fn } = paths;
  const found = new Map<string, AllPathsFinding>();
  const add = (finding: AllPathsFinding) => found.has(finding.key) || found.set(finding.key, finding);
  const signatures = new Set(paths.returns.map((r) => JSON.stringify(r.effect.acquires.map((a) => a.key).sort())));
  const consistent = signatures.size <= 1;
  for (const r of paths.returns) {
    if (!r.reportable) continue;
    for (const held of r.held) {
      if (held.escaped) continue;
      if (!fn.entry && (consistent || !paths.releasedSites.has(held.site))) continue;
      const irql = held.family.by === 'irql';
      add({
        check: irql ? 'irql-restore' : 'held-at-return',
        rule: held.family.rule,
        message: irql
          ? `${held.family.rule}: on the path through lines ${r.lines.join(', ')} ${fn.name} returns at the IRQL ${held.family.acquire} raised it to at line ${held.line}: call ${held.family.release} on every path out of the routine.`
          : `${held.family.rule}: on the path through lines ${r.lines.join(', ')} ${fn.name} returns holding ${held.lock} (taken at line ${held.line} with ${held.family.acquire}), and every later acquirer spins forever: call ${held.family.release} on every path out of the routine, early returns and error paths too.`,
        key: `all-paths|${fn.module.file}|${fn.name}|${held.site}|${r.node}`,
        file: fn.module.file,
        line: r.line,
        routine: fn.name,
        lock: held.lock,
        path: r.lines,
        acquiredAt: held.line,
      });
    }
  }
  for (const e of paths.releases) {
    if (!e.reportable) continue;
    if (!e.held && (e.again || fn.entry || paths.releases.some((o) => o.node === e.node && o.held))) {
      // A queue handle that holds nothing is the queue-handle check's (a different handle at release), as the machine reports it.
      const byHandle = e.family.by === 'handle';
      add({
        check: byHandle ? 'queue-handle' : 'release-not-held',
        rule: byHandle ? 'SDV QueuedSpinLockRelease' : 'SDV SpinLockRelease',
        message: `${byHandle ? 'SDV QueuedSpinLockRelease' : 'SDV SpinLockRelease'}: on the path through lines ${e.lines.join(', ')} ${fn.name} calls ${e.family.release} on ${e.lock}, which that path ${e.again ? 'already released' : 'never acquired'}: release only what the same path took, once.`,
        key: `all-paths|${fn.module.file}|${fn.name}|release|${e.node}`,
        file: fn.module.file,
        line: e.line,
        routine: fn.name,
        lock: e.lock,
        path: e.lines,
      });
    }
    if (e.wrongIrql !== null) {
      add({
        check: 'irql-restore',
        rule: 'SDV IrqlKeReleaseSpinLock',
        message: `SDV IrqlKeReleaseSpinLock: on the path through lines ${e.lines.join(', ')} ${fn.name} releases ${e.lock} (acquired at line ${e.wrongIrql.acquiredAt}) with ${e.wrongIrql.used}, which holds the IRQL another acquisition saved: pass the OldIrql that ${e.family.acquire} returned for this lock.`,
        key: `all-paths|${fn.module.file}|${fn.name}|irql|${e.node}`,
        file: fn.module.file,
        line: e.line,
        routine: fn.name,
        lock: e.lock,
        path: e.lines,
        acquiredAt: e.wrongIrql.acquiredAt,
      });
    }
  }
  return [...found.values()];
}
