/**
 * The hidden-state suite: a driver that keeps its count where the checks
 * could once not see it — module scope, closures made at load or in a
 * routine, destructuring, `globalThis`, class statics, function
 * properties, the kernel's own objects, stateful built-ins — scores no more
 * than the same driver with a plain device-extension field, and the hiding
 * never goes unseen: the state is tracked (its races found and counted
 * against every race item), or refused (the routine throws, the module does
 * not load, the code does not compile), or has no effect (the count is
 * wrong).
 *
 * Each case is test/fixtures/hidden-state/template.ts with the count kept
 * at its markers, graded through the CLI on the e2e-count fixture course.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COURSE_GRADERS, ROOT, spinlab } from '../helpers/cli.js';

/** How a hiding place must show. */
type Seen = 'tracked' | 'refused' | 'no-effect';

interface HidingCase {
  readonly name: string;
  /** At module level. */
  readonly module?: string;
  /** In AddDevice, after ext's fields are set. */
  readonly addDevice?: string;
  /** The expression that counts one more write and gives the count. */
  readonly next: string;
  readonly seen: Seen;
}

const CASES: readonly HidingCase[] = [
  { name: 'module-let', module: 'let count = 0;', next: '++count', seen: 'tracked' },
  { name: 'module-var', module: 'var tally = 0;', next: '(tally += 1)', seen: 'tracked' },
  { name: 'destructured-array', module: 'let [count, words] = [0, 0];', next: '(words += 2, ++count)', seen: 'tracked' },
  { name: 'destructured-object-default', module: 'let { count = 0 } = {} as { count?: number };', next: '++count', seen: 'tracked' },
  { name: 'iife-closure', module: 'const next = (() => { let n = 0; return () => ++n; })();', next: 'next()', seen: 'tracked' },
  { name: 'module-object', module: 'const box = { n: 0 };', next: '++box.n', seen: 'tracked' },
  { name: 'module-array', module: 'const log: number[] = [];', next: 'log.push(1)', seen: 'tracked' },
  { name: 'nested-object', module: 'const state = { inner: { n: 0 } };', next: '++state.inner.n', seen: 'tracked' },
  { name: 'class-instance', module: 'class Tally { n = 0; bump(): number { return ++this.n; } }\nconst tally = new Tally();', next: 'tally.bump()', seen: 'tracked' },
  { name: 'closure-made-in-a-routine', addDevice: 'ext.Next = (() => { let n = 0; return () => ++n; })();', next: 'ext.Next()', seen: 'tracked' },
  { name: 'closure-over-a-routine-object', addDevice: 'const box = { n: 0 };\n  ext.Next = () => ++box.n;', next: 'ext.Next()', seen: 'tracked' },
  { name: 'loop-closures', module: 'const steps: Array<() => number> = [];\nfor (let i = 0; i < 1; i++) steps.push(() => ++i);', next: 'steps[0]!()', seen: 'tracked' },
  { name: 'module-map', module: 'const m = new Map<string, number>();', next: "(m.set('n', (m.get('n') ?? 0) + 1), m.get('n')!)", seen: 'refused' },
  { name: 'module-weakmap', module: 'const seen = new WeakMap<object, number>();', next: '(seen.set(ext, (seen.get(ext) ?? 0) + 1), seen.get(ext)!)', seen: 'refused' },
  { name: 'generator', module: 'const gen = (function* () { let n = 0; for (;;) yield ++n; })();', next: 'gen.next().value as number', seen: 'refused' },
  { name: 'bound-function', module: 'const next = function (this: { n: number }): number { return ++this.n; }.bind({ n: 0 });', next: 'next()', seen: 'refused' },
  { name: 'arrow-keeping-this', addDevice: 'const holder = { n: 0, make(): () => number { return () => ++this.n; } };\n  ext.Next = holder.make();', next: 'ext.Next()', seen: 'refused' },
  { name: 'class-static', module: 'class Counter { static n = 0; }', next: '++Counter.n', seen: 'refused' },
  { name: 'class-static-private', module: 'class Counter { static #n = 0; static next(): number { return ++Counter.#n; } }', next: 'Counter.next()', seen: 'refused' },
  { name: 'function-property', module: 'function tally(): number { return 0; }', next: '((tally as Any).n = ((tally as Any).n ?? tally()) + 1)', seen: 'refused' },
  { name: 'global-this-property', next: '((globalThis as Any).n = ((globalThis as Any).n ?? 0) + 1)', seen: 'refused' },
  { name: 'global-this-define', next: "(Object.defineProperty(globalThis, 'n', { value: 1, writable: true }), 1)", seen: 'refused' },
  { name: 'kernel-function-property', next: '((KeAcquireSpinLock as Any).n = ((KeAcquireSpinLock as Any).n ?? 0) + 1)', seen: 'refused' },
  { name: 'kernel-object-property', next: '((ext.Lock as Any).n = ((ext.Lock as Any).n ?? 0) + 1)', seen: 'refused' },
  { name: 'arguments-of-the-module', module: 'const first = (): Any => arguments[0];', next: '(first(), 1)', seen: 'refused' },
  { name: 'class-static-reflect', module: 'class Counter { static n = 0; }', next: "(Reflect.set(Counter, 'n', Counter.n + 1), Counter.n)", seen: 'no-effect' },
  { name: 'regexp-statics', next: "(/(\\d+)/.exec(String(Number((RegExp as Any).$1 ?? 0) + 1)), Number((RegExp as Any).$1))", seen: 'no-effect' },
];

interface Result {
  status: string;
  score: number;
  items: Array<{ id: string; passed: boolean; findings: Array<{ check: string; target?: string; message: string }> }>;
  unscored: Array<{ check: string }>;
}

const template = readFileSync(join(ROOT, 'test/fixtures/hidden-state/template.ts'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'spinlab-hidden-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function write(name: string, c: Omit<HidingCase, 'name' | 'seen'>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const source = template
    .replace('/*@module*/', c.module ?? '')
    .replace('/*@add-device*/', c.addDevice ?? '')
    .replace('= HIDDEN_COUNT;', `= ${c.next};`);
  writeFileSync(join(dir, 'driver.ts'), source);
  return dir;
}

async function grade(dir: string): Promise<Result> {
  const run = await spinlab(['grade', 'e2e-count', dir, '--graders', COURSE_GRADERS, '--json', '--schedules', '10', '--no-typecheck']);
  expect(run.stderr).not.toMatch(/internal error/);
  return JSON.parse(run.stdout) as Result;
}

let baseline: Result;
beforeAll(async () => {
  // Incremented in a synchronous function, as most hiding places are (a closure, a method): its code runs
  // atomically (no scheduling point without an await), so the comparison is about where the count is kept, not
  // whether the increment can be preempted.
  baseline = await grade(write('baseline', { next: '((): number => ++ext.Hidden)()' }));
}, 120_000);

describe('the same count kept in a plain device-extension field', () => {
  it('is the baseline: its race on ext.Hidden is found, and the ext.Count item is not about it', () => {
    const findings = baseline.items.flatMap((item) => item.findings);
    expect(baseline.status).toBe('graded');
    expect(JSON.stringify(baseline)).toContain('ext.Hidden');
    expect(findings.some((f) => f.check === 'data-race' && f.target === 'ext.Count')).toBe(false);
  });
});

describe.concurrent('state hidden outside tracked memory', () => {
  it('has at least twelve hiding places', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(12);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: scores no more than the baseline, and is seen', async (_name, c) => {
    const result = await grade(write(c.name, c));
    expect(result.score).toBeLessThanOrEqual(baseline.score);
    const findings = [...result.items.flatMap((item) => item.findings), ...(result.unscored as Result['items'][number]['findings'])];
    const item = (id: string) => result.items.find((i) => i.id === id)!;
    switch (c.seen) {
      case 'tracked': {
        // A race on the hiding place, counted against the ext.Count race item too.
        const race = item('no-race-on-count').findings.find((f) => f.check === 'data-race' && f.target !== undefined && !f.target.startsWith('ext.'));
        expect(race, JSON.stringify(findings.map((f) => `${f.check} ${f.target ?? ''}`))).toBeDefined();
        expect(race!.message).toContain('move it into the device extension');
        expect(result.score).toBeLessThan(baseline.score);
        break;
      }
      case 'refused':
        expect(result.status === 'compile-error' || findings.some((f) => f.check === 'routine-threw'), JSON.stringify(result).slice(0, 600)).toBe(true);
        expect(result.score).toBeLessThan(baseline.score);
        break;
      case 'no-effect':
        expect(item('count-exact').passed).toBe(false);
    }
  }, 120_000);
});
