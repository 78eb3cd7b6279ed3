import { describe, expect, it } from 'vitest';
import { addSites } from './scheduling-sites.js';

/**
 * A stand-in for the guest's helpers (src/kernel/guest/scheduling-points.ts)
 * where every site is a point: it records each point, so a test sees where
 * the rewritten code may be preempted, and checks that the code still
 * computes what it did.
 */
function helpers(log: string[]) {
  let holding: unknown;
  return {
    pointDue: () => true,
    hold: (value: unknown) => {
      holding = value;
      return true;
    },
    held: () => holding,
    pass: async () => {
      log.push('point');
      const value = holding;
      holding = undefined;
      return value;
    },
    update: (target: Record<string, number>, key: string, delta: number, prefix: boolean) => {
      const old = Number(target[key]);
      holding = { target, key, value: old + delta, result: prefix ? old + delta : old };
      log.push(`read ${key}`);
      return true;
    },
    finish: (store: { target: Record<string, number>; key: string; value: number; result: number }) => {
      store.target[store.key] = store.value;
      return store.result;
    },
  };
}

/** Runs `body` (the statements of an async function of `o`) rewritten; returns its result, `o` and the points passed. */
async function run(body: string, o: Record<string, unknown> = {}): Promise<{ result: unknown; o: Record<string, unknown>; log: string[]; code: string }> {
  const code = addSites(`(async function f(o) {\n${body}\n})`, 'S', () => true);
  const log: string[] = [];
  const f = new Function('S', `return ${code}`)(helpers(log)) as (o: unknown) => Promise<unknown>;
  const result = await f(o);
  return { result, o, log, code };
}

describe('scheduling sites', () => {
  it('puts a point between reading a field and storing into it, keeping what the store computes', async () => {
    const { o, log } = await run('o.n = o.n + 1;', { n: 1 });
    expect(o.n).toBe(2);
    expect(log).toEqual(['point']);
  });

  it('keeps the value and order of ++, --, prefix and postfix, computed keys and parentheses', async () => {
    const { result, o } = await run('const a = o.n++; const b = ++o.n; const c = o["m"]--; const d = --o[("m")]; const e = (o).n++; return [a, b, c, d, e];', { n: 1, m: 10 });
    expect(result).toEqual([1, 3, 10, 8, 3]);
    expect(o).toEqual({ n: 4, m: 8 });
  });

  it('keeps compound and chained assignments and sequence expressions', async () => {
    const { result, o } = await run('o.a += 2; o.b = o.c = 5; o.d = (1, 7); o.e ??= 3; return o.a;', { a: 1 });
    expect(result).toBe(3);
    expect(o).toEqual({ a: 3, b: 5, c: 5, d: 7, e: 3 });
  });

  it('puts a point between two statements (a torn read can happen), but never before the first or a directive', async () => {
    const { log, code } = await run("'use strict'; const a = o.a; const b = o.b; return a + b;", { a: 1, b: 2 });
    expect(code).toContain("'use strict'; const a");
    expect(log).toEqual(['point', 'point']);
  });

  it('leaves synchronous functions, class fields and async generators alone', () => {
    const code = addSites('function f(o) { o.n++; o.m = 1; g(); }\nclass C { x = this.y = 1; }\nasync function* h(o) { o.n++; yield 1; }', 'S', () => true);
    expect(code).not.toContain('S.');
  });

  it('leaves code that is not the student\'s alone', () => {
    const code = addSites('async function f(o) { o.n++; o.m = 1; }', 'S', () => false);
    expect(code).not.toContain('S.');
  });

  it('puts sites in async arrows and methods, not in the sync arrows inside them', () => {
    const code = addSites('const f = async (o) => { o.n = 1; [1].forEach((x) => { o.m = x; }); };\nconst k = { async m(o) { o.n++; } };', 'S', () => true);
    expect(code.match(/S\.hold/g)).toHaveLength(1);
    expect(code.match(/S\.update/g)).toHaveLength(1);
  });
});
