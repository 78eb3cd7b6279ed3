/**
 * The hostile suite's cases: each is one attack, pasted at the markers of
 * test/fixtures/hostile/template.ts, with the statuses it may end in, the
 * routes it must report probing and any extra assertions on its result.
 * hostile.test.ts grades them.
 */
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from '../helpers/cli.js';

export type Status = 'graded' | 'compile-error' | 'timed-out' | 'crashed';

export interface HostileCase {
  readonly name: string;
  /** Code pasted at the template's markers. */
  readonly load?: string;
  readonly entry?: string;
  readonly write?: string;
  readonly ret?: string;
  readonly status: readonly Status[];
  /** Routes that must report `PROBED <route>` (so the probe surely ran). */
  readonly probes?: readonly string[];
  /** Type-check on (the type-check cases). */
  readonly typecheck?: boolean;
  /** Exploration time limit (s). */
  readonly timeout?: number;
  /** Changes the submission folder after the driver is written. */
  readonly setup?: (dir: string) => void;
  /** Extra assertions on the result. */
  readonly verify?: (result: GradeJson) => void;
}

export interface GradeJson {
  status: Status;
  score: number;
  maxScore: number;
  message: string | null;
  output: string;
  diagnostics: Array<{ file: string; line: number; message: string }>;
  items: Array<{ id: string; passed: boolean; findings: Array<{ message: string }> }>;
  coverage?: { statements: { total: number; ran: number }; neverRan: Array<{ file: string; from: number; to: number; routine: string | null }> };
}

export const CANARY = readFileSync(join(ROOT, 'test/fixtures/canary.txt'), 'utf8').split(' ')[0]!;
const SECRET = join(ROOT, 'test/fixtures/hostile/outside/secret.ts');
export const MARKER = '/tmp/spinlab-hostile-escaped';
export const template = readFileSync(join(ROOT, 'test/fixtures/hostile/template.ts'), 'utf8');
const graded: readonly Status[] = ['graded'];
const typeItemLost = (result: GradeJson) => expect(result.items.find((i) => i.id === 'typechecks')?.passed).toBe(false);
const noEscapeOf = (text: string) => (result: GradeJson) => expect(JSON.stringify(result)).not.toContain(text);

export const CASES: readonly HostileCase[] = [
  // ---- the vm realm: nothing from the host, by any route -------------------------------
  { name: 'import-computed', write: `await import(['no', 'where'].join(''));`, status: ['compile-error'] },
  { name: 'import-builtin', write: `await import('node:fs');`, status: ['compile-error'] },
  // esbuild has no import.meta in a script and makes it an empty object; either way nothing of the host's.
  { name: 'import-meta', write: `probe('import-meta', import.meta as Any);`, status: ['compile-error', 'graded'] },
  { name: 'require', write: `try { probe('require', (globalThis as Any).require ?? eval('require')); } catch (e) { probe('require-error', e); }`, status: graded, probes: ['require-error'] },
  { name: 'function-constructor', write: `try { new RealmFunction('return process')(); } catch (e) { probe('function-constructor', e); }`, status: graded, probes: ['function-constructor'] },
  { name: 'indirect-eval', write: `try { (0, eval)('process'); } catch (e) { probe('eval', e); }`, status: graded, probes: ['eval'] },
  {
    name: 'global-object',
    write: `probe('globalThis', globalThis); for (const key of Reflect.ownKeys(globalThis)) { const d = Reflect.getOwnPropertyDescriptor(globalThis, key); probe('descriptor', d); probe('global', d?.value ?? d?.get); }`,
    status: graded,
    probes: ['globalThis', 'descriptor', 'global'],
  },
  { name: 'kernel-exports', load: `for (const value of Object.values(Kernel)) probe('kernel', value);`, status: graded, probes: ['kernel'] },
  {
    name: 'routine-arguments',
    entry: `probe('driver', driver); probe('major', driver.MajorFunction);`,
    write: `probe('device', device); probe('irp', irp); probe('io-status', irp.IoStatus); probe('stack', Kernel.IoGetCurrentIrpStackLocation(irp)); probe('extension', ext);`,
    status: graded,
    probes: ['driver', 'device', 'irp', 'io-status', 'stack', 'extension'],
  },
  {
    name: 'kernel-objects-and-promises',
    write: `const lock = new KSPIN_LOCK(); probe('lock', lock); const p = Kernel.KeInitializeSpinLock(lock); probe('promise', p); await p.then((v: Any) => probe('resolved', v)); probe('dpc', new Kernel.KDPC()); probe('event', new Kernel.KEVENT());`,
    status: graded,
    probes: ['lock', 'promise', 'resolved', 'dpc', 'event'],
  },
  { name: 'kernel-bad-argument', write: `try { await Kernel.KeAcquireSpinLock(42 as Any); } catch (e) { probe('bad-argument', e); }`, status: graded, probes: ['bad-argument'] },
  { name: 'kernel-rejection', write: `const waiting: Any[] = []; try { waiting.push(Kernel.KeReleaseSpinLock(ext.Lock, 0)); } catch (e) { probe('release-error', e); } for (const p of waiting) await p.catch((e: Any) => probe('rejection', e));`, status: graded },
  { name: 'read-only-field', write: `try { (irp as Any).IoStatus = 1; } catch (e) { probe('read-only', e); }`, status: graded, probes: ['read-only'] },
  { name: 'untrackable-value', write: `try { (ext as Any).Table = new Map(); } catch (e) { probe('untrackable', e); }`, status: graded, probes: ['untrackable'] },
  { name: 'overflow-bridge-note', write: `for (const e of atStackLimit(() => Kernel.KeGetCurrentIrql())) probe('overflow-note', e);`, status: graded, probes: ['overflow-note'] },
  { name: 'overflow-tracked-read', write: `for (const e of atStackLimit(() => ext.Count)) probe('overflow-read', e);`, status: graded, probes: ['overflow-read'] },
  { name: 'overflow-tracked-write', write: `const keep = ext.Count; for (const e of atStackLimit(() => { ext.Count = keep; })) probe('overflow-write', e);`, status: graded, probes: ['overflow-write'] },
  { name: 'overflow-kernel-call', write: `let n = 0; for (const e of atStackLimit(() => { if (n++ < 50) void Kernel.KeInitializeSpinLock(new KSPIN_LOCK()).catch((x: Any) => probe('overflow-call-rejection', x)); })) probe('overflow-call', e);`, status: graded, probes: ['overflow-call'] },
  {
    name: 'overflow-every-bridge',
    write: `const attempts: Array<() => unknown> = [() => 'Count' in ext, () => delete (ext as Any).Nothing, () => Object.keys(ext), () => new KSPIN_LOCK(), () => Kernel.KeGetCurrentProcessorNumber(), () => Kernel.IoGetCurrentIrpStackLocation(irp).Parameters, () => ((ext as Any).Obj = { a: 1 })]; for (const attempt of attempts) for (const e of atStackLimit(attempt)) probe('overflow-bridge', e);`,
    status: graded,
    probes: ['overflow-bridge'],
  },
  {
    name: 'proxy-routine',
    entry: `driver.MajorFunction[IRP_MJ_WRITE] = new Proxy(DispatchWrite, { apply(target: Any, self: Any, args: Any[]) { probe('apply-this', self); for (const a of args) probe('apply-arg', a); return Reflect.apply(target, self, args); } });`,
    status: graded,
    probes: ['apply-arg'],
  },
  {
    name: 'prepare-stack-trace',
    load: `try { (Error as Any).prepareStackTrace = (_e: Any, frames: Any[]) => frames.map((f) => f.getFunction?.() ?? f.getThis?.()); } catch (e) { probe('prepare-set', e); }`,
    write: `const stack: Any = new Error('x').stack; probe('stack', stack); if (Array.isArray(stack)) for (const f of stack) probe('frame', f);`,
    status: graded,
    probes: ['prepare-set', 'stack'],
  },
  { name: 'capture-stack-trace', write: `const o: Any = {}; Error.captureStackTrace(o); probe('captured', o.stack); probe('capture-fn', Error.captureStackTrace);`, status: graded, probes: ['captured', 'capture-fn'] },
  {
    name: 'caller-chains',
    write: `for (const f of [DispatchWrite, Kernel.KeGetCurrentIrql, Kernel.IoCompleteRequest, Kernel.KeAcquireSpinLock]) { try { probe('caller', (f as Any).caller); probe('arguments', (f as Any).arguments); } catch (e) { probe('caller-error', e); } }`,
    status: graded,
    probes: ['caller-error'],
  },
  { name: 'thenable-return', ret: `return { then(resolve: Any, reject: Any) { probe('then-resolve', resolve); probe('then-reject', reject); resolve(STATUS_SUCCESS); } } as Any;`, status: graded, probes: ['then-resolve', 'then-reject'] },
  { name: 'proxy-return', ret: `return new Proxy({}, { get(_t: Any, key: Any, receiver: Any) { probe('proxy-get', receiver); probe('proxy-key', key); return undefined; } }) as Any;`, status: graded },
  { name: 'getter-stored', write: `(ext as Any).Info = { get value() { probe('getter-this', this); return 1; } };`, status: graded, probes: ['getter-this'] },
  { name: 'proxy-stored', write: `try { (ext as Any).P = new Proxy({ a: 1 }, { ownKeys(t: Any) { probe('own-keys', t); return Reflect.ownKeys(t); }, get(t: Any, k: Any, r: Any) { probe('trap-get', r); return Reflect.get(t, k, r); } }); } catch (e) { probe('proxy-stored-error', e); }`, status: graded, probes: ['own-keys'] },
  {
    name: 'thrown-inspectable',
    write: `const e: Any = new Error('inspect me'); e[Symbol.for('nodejs.util.inspect.custom')] = (...args: Any[]) => { for (const a of args) probe('inspect-arg', a); return 'x'; }; Object.defineProperty(e, 'stack', { get() { probe('stack-getter', this); return 'at nowhere'; } }); throw e;`,
    status: graded,
    verify: (r) => expect(r.items.find((i) => i.id === 'count-exact')?.passed).toBe(false),
  },
  {
    name: 'unhandled-rejections',
    load: `const bait: Any = { [Symbol.for('nodejs.util.inspect.custom')]: (...args: Any[]) => { for (const a of args) probe('rejection-inspect', a); return 'x'; }, get stack() { probe('rejection-stack', this); return ''; } }; void Promise.reject(bait);`,
    write: `void Promise.reject(new Error('floating'));`,
    status: graded,
  },
  { name: 'intrinsics-frozen', load: `try { Array.prototype.push = () => 0; } catch (e) { probe('tamper', e); } try { Object.defineProperty(Object.prototype, 'then', { get() { probe('then-getter', this); return undefined; } }); } catch (e) { probe('then-define', e); }`, status: graded, probes: ['tamper', 'then-define'] },
  {
    name: 'global-redefined',
    load: `try { Object.defineProperty(globalThis, 'Array', { value: 1 }); } catch (e) { probe('define-global', e); } try { delete (globalThis as Any).Promise; (globalThis as Any).Promise.resolve(); } catch (e) { probe('delete-global', e); } try { Object.setPrototypeOf(globalThis, {}); } catch (e) { probe('proto-global', e); }`,
    status: graded,
    probes: ['define-global'],
  },
  { name: 'kernel-parameter', load: `declare const __spinlab_kernel: Any; probe('kernel-parameter', __spinlab_kernel); try { __spinlab_kernel.KeAcquireSpinLock = null; } catch (e) { probe('kernel-parameter-write', e); }`, status: graded, probes: ['kernel-parameter'] },
  {
    name: 'missing-globals',
    load: `for (const name of ['process', 'require', 'module', 'Buffer', 'setTimeout', 'setImmediate', 'queueMicrotask', 'fetch', 'WebAssembly', 'SharedArrayBuffer', 'ArrayBuffer', 'Atomics', 'WeakRef', 'FinalizationRegistry', 'Uint8Array', 'Intl', 'Proxy']) if (name in globalThis) console.log('PRESENT ' + name);`,
    status: graded,
    verify: (r) => expect(r.output).not.toContain('PRESENT'),
  },
  {
    // Every route to a clock: each must be the machine's simulated one (a run is a pure function of the submission).
    name: 'real-clock',
    write: `const routes: Array<[string, () => unknown]> = [['now', () => Date.now()], ['new', () => new Date().getTime()], ['called', () => Date.parse(String((Date as Any)()))], ['super', () => new (Object.getPrototypeOf(Date) as Any)().getTime?.()], ['constructor', () => new (Date.prototype.constructor as Any)().getTime()], ['intl', () => (globalThis as Any).Intl.DateTimeFormat().format()], ['subclass', () => new (class extends Date {})().getTime()]]; for (const [route, read] of routes) { try { console.log('CLOCK ' + route + ' ' + String(read())); } catch (e) { probe('clock-' + route, e); } }`,
    status: graded,
    verify: (r) => {
      const readings = [...r.output.matchAll(/^CLOCK (\S+) (.*)$/gm)];
      expect(readings.length).toBeGreaterThan(0);
      for (const [, route, value] of readings) expect(Number(value), route).toBeLessThan(1767225600000 + 86_400_000);
    },
  },
  {
    // A stack trace shows the realm's own scripts, never a frame of the grader's (its install path, the scenario).
    name: 'stack-paths',
    write: `const o: Any = {}; Error.captureStackTrace(o); console.log(String(new Error('x').stack)); console.log(String(o.stack)); try { await Kernel.KeAcquireSpinLock(42 as Any); } catch (e) { console.log(String((e as Any).stack)); } try { null!.toString(); } catch (e) { console.log(String((e as Any).stack)); }`,
    status: graded,
    verify: (r) => {
      expect(r.output).toContain('spinlab-submission.js');
      expect(r.output).not.toMatch(/file:|node:internal|scenario|\/work\/|sandbox-child/);
      expect(r.output).not.toContain(ROOT);
    },
  },
  {
    // Line coverage's marks live behind the state parameter, whose name no identifier of the student's has:
    // neither its usual names nor the driver's own `arguments` reach them, so a function never called stays listed.
    name: 'forge-line-coverage',
    load: `export function neverCalled(): void { console.log('NEVER'); }`,
    write: `for (const name of ['__spinlab_state', '__spinlab0_state', '__spinlab1_state', '__spinlab2_state']) { const S: Any = (globalThis as Any)[name]; if (S !== undefined) { console.log('REACHED ' + name); try { S.ran.fill(1); } catch (e) { probe('coverage-fill', e); } } } try { (__spinlab1_state as Any).ran.fill(1); console.log('REACHED bare'); } catch (e) { probe('coverage-bare', e); } try { console.log('REACHED args ' + typeof (DispatchWrite as Any).arguments); } catch (e) { probe('coverage-arguments', e); }`,
    status: graded,
    probes: ['coverage-bare', 'coverage-arguments'],
    verify: (r) => {
      expect(r.output).not.toContain('REACHED');
      expect(r.output).not.toContain('NEVER');
      expect(r.coverage?.neverRan.some((range) => range.routine === 'neverCalled')).toBe(true);
      expect(r.coverage!.statements.ran).toBeLessThan(r.coverage!.statements.total);
    },
  },
  // ---- resources: the grader stays up and the limits hold -------------------------------
  { name: 'loop-at-load', load: `for (;;) {}`, status: ['timed-out'], timeout: 3 },
  { name: 'loop-in-routine', write: `for (;;) {}`, status: ['timed-out'], timeout: 3 },
  { name: 'async-spin', write: `for (;;) await Promise.resolve();`, status: ['timed-out'], timeout: 3 },
  { name: 'microtask-storm', load: `const storm = (): Promise<void> => Promise.resolve().then(storm); void storm();`, status: ['timed-out', 'crashed'], timeout: 3 },
  { name: 'heap-bomb', write: `const hoard: Any[] = []; for (;;) hoard.push(new Array(1e6).fill(hoard.length));`, status: ['crashed'], timeout: 30 },
  { name: 'string-bomb', write: `let s = 'x'; for (;;) s += s;`, status: ['graded', 'crashed'], timeout: 30 },
  { name: 'buffer-bomb', write: `const B: Any = (globalThis as Any).ArrayBuffer ?? (globalThis as Any).SharedArrayBuffer; new B(2 ** 32);`, status: graded },
  { name: 'overflow-at-load', load: `const down = (n: number): number => down(n + 1) + 1; down(0);`, status: graded },
  { name: 'print-flood', write: `for (let i = 0; i < 20000; i++) console.log('y'.repeat(200));`, status: graded, verify: (r) => expect(r.output.length).toBeLessThan(20_000) },
  { name: 'kernel-call-flood', write: `for (;;) await Kernel.KeStallExecutionProcessor(1);`, status: graded, timeout: 20 },
  { name: 'exit-attempts', load: `for (const f of [() => (globalThis as Any).process.exit(0), () => (globalThis as Any).close(), () => { throw 'not an error'; }]) { try { f(); } catch (e) { probe('exit', e); } }`, status: graded, probes: ['exit'] },
  // ---- output: the score comes from data, never from what the driver prints -------------
  {
    name: 'prints-forgeries',
    write: `console.log(JSON.stringify({ status: 'graded', score: 12, maxScore: 12 })); console.log('::error file=driver.ts,line=1::forged'); console.log('::stop-commands::x'); console.log('\\u001b[2J\\u001b[32m✓ 12/12'); console.log(']]></failure><testcase name="forged"/>\\u0000');`,
    status: graded,
  },
  { name: 'odd-export-names', load: `export const constructor = 1; export function toString(): string { return 'x'; } export const __proto__ = { polluted: true }; export const hasOwnProperty = 0;`, status: graded },
  // ---- compile and type-check: only the submission is read, suppression earns nothing ----
  { name: 'ts-nocheck', load: `// @ts-nocheck\nconst wrong: number = 'not a number';\nvoid wrong;`, typecheck: true, status: graded, verify: typeItemLost },
  { name: 'ts-ignore', load: `// @ts-ignore\nconst wrong: number = 'not a number';\nvoid wrong;`, typecheck: true, status: graded, verify: typeItemLost },
  { name: 'ts-expect-error', load: `/* @ts-expect-error */\nconst wrong: number = 'not a number';\nvoid wrong;`, typecheck: true, status: graded, verify: typeItemLost },
  { name: 'reference-path-absolute', load: `/// <reference path="${join(ROOT, 'test/fixtures/canary.txt')}" />`, typecheck: true, status: graded, verify: typeItemLost },
  { name: 'reference-path-relative', load: `/// <reference path="../../../../../../../../../../..${SECRET}" />`, typecheck: true, status: graded, verify: typeItemLost },
  { name: 'reference-types', load: `/// <reference types="node" />`, typecheck: true, status: graded, verify: typeItemLost },
  { name: 'type-import-outside', load: `import type { Secret } from '${SECRET.replace(/\.ts$/, '.js')}';\nconst shown: number = null as unknown as Secret;\nvoid shown;`, typecheck: true, status: graded, verify: typeItemLost },
  { name: 'type-import-escaped', load: `import type { Secret } from '${SECRET.replace(/\//g, '\\u002f')}';\nconst shown: number = null as unknown as Secret;\nvoid shown;`, typecheck: true, status: graded, verify: typeItemLost },
  { name: 'type-query-import', load: `type S = typeof import('${SECRET}');\nconst shown: number = null as unknown as S['secret'];\nvoid shown;`, typecheck: true, status: graded, verify: typeItemLost },
  {
    name: 'nested-literal',
    load: `const deep = ${'['.repeat(5000)}${']'.repeat(5000)};\nvoid deep;`,
    typecheck: true,
    timeout: 4,
    status: ['graded', 'compile-error', 'crashed'],
    verify: (r) => {
      if (r.status === 'graded') typeItemLost(r);
    },
  },
  { name: 'import-other-student', load: `import { secret } from '../other/driver.js';\nvoid secret;`, status: ['compile-error'], setup: (dir) => writeOutsideFile(dir, '../other/driver.ts', `export const secret = '${'SPINLAB-CANARY-4b1d9e07c2'}';\n`) },
  { name: 'import-absolute', load: `import { secret } from '${SECRET.replace(/\.ts$/, '.js')}';\nvoid secret;`, status: ['compile-error'] },
  {
    name: 'symlinked-entry',
    status: ['compile-error'],
    setup: (dir) => {
      rmSync(join(dir, 'driver.ts'));
      symlinkSync(SECRET, join(dir, 'driver.ts'));
    },
    verify: noEscapeOf('SPINLAB-CANARY'),
  },
  {
    name: 'symlinked-helper',
    load: `import { secret } from './helper.js';\nconsole.log(secret);`,
    status: ['compile-error'],
    setup: (dir) => symlinkSync(SECRET, join(dir, 'helper.ts')),
  },
  { name: 'huge-source', load: `// ${'z'.repeat(1_200_000)}`, status: ['compile-error'] },
  {
    name: 'many-files',
    status: ['compile-error'],
    setup: (dir) => {
      for (let i = 0; i < 220; i++) writeFileSync(join(dir, `part${i}.ts`), `export const n${i} = ${i};\n`);
    },
  },
];

function writeOutsideFile(dir: string, relative: string, text: string): void {
  const path = resolve(dir, relative);
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, text);
}
