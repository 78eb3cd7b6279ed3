import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import type { AstNode } from '../ast-walk.js';
import { applyEdits } from '../bundle-edits.js';
import { planRewrite } from './plan.js';
import { analyzeScopes } from './scopes.js';

/** A bundle-shaped script: the student's code in the wrapper arrow esbuild makes. */
function bundle(body: string): string {
  return `var __spinlab_driver = (() => {\n${body}\n})();`;
}

function plan(code: string) {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'script' }) as unknown as AstNode;
  return planRewrite(code, program, { isStudent: () => true, originalName: (node) => node.name as string, fileOf: () => 'driver.ts', entry: 'driver.ts' });
}

/** Runs the rewritten bundle with helpers that keep values as they are, recording what was shared and which cells exist. */
function run(body: string): { value: unknown; shared: string[]; scopes: string[]; code: string } {
  const code = bundle(body);
  const p = plan(code);
  expect(p.refusals).toEqual([]);
  const rewritten = applyEdits(code, p.edits);
  const shared: string[] = [];
  const scopes: string[] = [];
  const state = {
    share: (value: unknown, path: string) => (shared.push(path), value),
    scope: (label: string) => (scopes.push(label), Object.create(null)),
    lexical: (fn: unknown) => fn,
    global: globalThis,
  };
  const value = new Function(p.stateParameter, `${rewritten}\nreturn __spinlab_driver;`)(state) as unknown;
  return { value, shared, scopes, code: rewritten };
}

/** Runs `body` as written. */
function plain(body: string): unknown {
  return new Function(`${bundle(body)}\nreturn __spinlab_driver;`)() as unknown;
}

/** Programs whose meaning the rewrite must keep, each returning what it computed. */
const PROGRAMS: Record<string, string> = {
  'a module-level let written by a function': 'let count = 0; function bump() { return ++count; } bump(); bump(); return count;',
  'a var hoisted above its declaration': 'function read() { return x; } const before = read(); var x = 5; x++; return [before, read()];',
  'a var declared twice': 'var x = 1; const f = () => x; var x = 2; x += f(); return x;',
  'destructuring, some names captured': 'let [a, b] = [1, 2]; let { c, d: [e] } = { c: 3, d: [4] }; const f = () => (a += 10, c + e); f(); b++; return [a, b, c, e];',
  'shorthand properties and patterns': 'let count = 1; const f = () => ({ count }); ({ count } = { count: 7 }); const g = () => { ({ count = 9 } = {}); }; g(); return [f(), count];',
  'an IIFE closure': 'const next = (() => { let n = 0; return () => ++n; })(); next(); return next();',
  'per-iteration let closures in a classic loop': 'const fs = []; for (let i = 0; i < 3; i++) { fs.push(() => i); if (i === 1) continue; } return fs.map((f) => f());',
  'a loop variable the body changes': 'const seen = []; for (let i = 0; i < 6; i++) { const g = () => i; i++; seen.push(g()); } return seen;',
  'a loop body that is not a block': 'const fs = []; for (let i = 0; i < 2; i++) fs.push(() => i); return fs.map((f) => f());',
  'for-of and for-in bindings': 'const fs = []; for (const x of [1, 2]) fs.push(() => x); for (let k in { a: 1, b: 2 }) fs.push(() => k); for (var v of [7, 8]) fs.push(() => v); return fs.map((f) => f());',
  'a var in a classic loop head': 'const fs = []; for (var i = 0; i < 2; i++) fs.push(() => i); return fs.map((f) => f());',
  'a catch parameter': 'let f; try { throw 3; } catch (e) { f = () => e; e = 4; } return f();',
  'parameters captured and written': 'function make(n, { step } = { step: 2 }) { return () => (n += step); } const m = make(1); m(); return m();',
  'an arrow with an expression body': 'const add = (a) => (b) => a + b; const obj = (v) => ({ v, w: () => v }); return [add(1)(2), obj(3).w()];',
  'a switch with case-scoped bindings': 'function s(k) { switch (k) { case 1: { let a = 1; return () => a; } default: let b = 2; const g = () => b; b++; return g; } } return [s(1)(), s(2)()];',
  'a labeled loop': 'const fs = []; outer: for (let i = 0; i < 3; i++) { for (let j = 0; j < 3; j++) { if (j === 1) continue outer; fs.push(() => i * 10 + j); } } return fs.map((f) => f());',
  'a function declaration reassigned': 'function f() { return 1; } const g = () => f(); f = () => 2; return g();',
  'a class declared and captured': 'class A { static make() { return new A(); } get v() { return 5; } } const f = () => A.make().v; return f();',
  'a class field arrow using this': 'class A { n = 1; inc = () => ++this.n; } const a = new A(); a.inc(); return a.n;',
  'typeof and update of a captured binding': 'let x; const f = () => typeof x; const before = f(); x = 1; x **= 3; return [before, f(), x];',
  'a static block': 'class A { static n; static { let k = 3; A.get = () => k; } } return A.get();',
  'an if-declared var': 'var x = 1; const f = () => x; if (true) var x = 2; return f();',
  'generators and async functions keep their locals': 'function* g() { let n = 0; const f = () => n; while (n < 2) { n++; yield f(); } } return [...g()];',
};

describe('the shared-state rewrite keeps the program’s meaning', () => {
  it.each(Object.entries(PROGRAMS))('%s', (_name, body) => {
    const expected = plain(body);
    const { value } = run(body);
    expect(value).toEqual(expected);
  });

  it('moves a captured, written binding into a cell and shares one written once', () => {
    const { shared, scopes, code } = run('let count = 0; const table = { n: 0 }; const f = () => (count++, table.n); f(); return count;');
    expect(scopes).toEqual(['module']);
    expect(shared).toEqual(['module.table']);
    expect(code).toContain('["count"]');
  });

  it('leaves alone what no other function names (no cell, nothing shared)', () => {
    const { shared, scopes } = run('let local = 0; for (let i = 0; i < 3; i++) local += i; return local;');
    expect(shared).toEqual([]);
    expect(scopes).toEqual([]);
  });

  it('names a closure’s cells after what holds it', () => {
    expect(run('const counter = (() => { let n = 0; return () => ++n; })(); return counter();').scopes).toEqual(['counter']);
  });
});

describe('what the rewrite refuses at compile time', () => {
  it.each([
    ['arguments at the top level', 'const f = () => arguments[0]; return f;', /arguments/],
    ['arguments in an arrow', 'function g() { return () => arguments[0]; } return g;', /arguments/],
    ['Proxy', 'const p = new Proxy({}, {}); return p;', /Proxy/],
    ['a static private field', 'class A { static #n = 0; static inc() { return ++A.#n; } } return A;', /static private field/],
  ])('%s', (_name, body, message) => {
    const p = plan(bundle(body));
    expect(p.refusals.map((r) => r.message).join('\n')).toMatch(message);
  });

  it('lets a function’s own `arguments`, a local Proxy-free program and instance private fields through', () => {
    expect(plan(bundle('function f() { return arguments.length; } class A { #x = 1; get x() { return this.#x; } } return [f(1, 2), new A().x];')).refusals).toEqual([]);
  });
});

describe('scope analysis', () => {
  const bindingsOf = (code: string) => {
    const analysis = analyzeScopes(parse(code, { ecmaVersion: 'latest', sourceType: 'script' }) as unknown as AstNode);
    return Object.fromEntries(analysis.bindings.map((b) => [b.name, { captured: b.captured, written: b.written }]));
  };

  it('tells captured from local and written from initialized once', () => {
    const found = bindingsOf('function f(p) { let a = 1; const b = 2; let c = 3; c = 4; var d; for (var k in {}) {} return () => a + p; }');
    expect(found).toMatchObject({
      a: { captured: true, written: false },
      p: { captured: true, written: false },
      b: { captured: false, written: false },
      c: { captured: false, written: true },
      k: { captured: false, written: true },
    });
  });

  it('resolves a shadowed name to the nearest binding', () => {
    const analysis = analyzeScopes(parse('let x = 1; function f() { let x = 2; return () => x; }', { ecmaVersion: 'latest', sourceType: 'script' }) as unknown as AstNode);
    const [outer, inner] = analysis.bindings.filter((b) => b.name === 'x');
    expect(outer).toMatchObject({ captured: false });
    expect(inner).toMatchObject({ captured: true });
  });
});

describe('edits keep the source map true', () => {
  it('moves every mapped position with the text around it', () => {
    // One mapped line: segments at columns 0 ("let") and 8 ("count"), and 16 (after the edit).
    const map = { version: 3, sources: ['a.ts'], names: [], mappings: 'AAAA,QAAQ,QAAQ' };
    const code = `let a = count + b;\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
    const edited = applyEdits(code, [{ start: 8, end: 13, text: '$s["count"]' }]);
    expect(edited.startsWith('let a = $s["count"] + b;\n')).toBe(true);
    const out = JSON.parse(Buffer.from(edited.slice(edited.indexOf('base64,') + 7).trim(), 'base64').toString('utf8')) as { mappings: string };
    // 0 → 0, 8 → 8 (the replaced token's start), 16 → 22 (shifted by the 6 added characters): deltas 0, 8, 14.
    expect(out.mappings).toBe('AAAA,QAAQ,cAAQ');
  });

  it('refuses an edit that would add a line break', () => {
    expect(() => applyEdits('a;\nb;', [{ start: 1, end: 1, text: '\n' }])).toThrow(/line break/);
  });
});
