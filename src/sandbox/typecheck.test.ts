import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compileDriver } from './compile.js';
import type { Diagnostic } from './diagnostic.js';
import { stageSubmission } from './stage.js';
import { typecheckDriver } from './typecheck.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SECRET = join(ROOT, 'test/fixtures/hostile/outside/secret.ts');
const CANARY = 'SPINLAB-CANARY-4b1d9e07c2';
const STARTER = readFileSync(join(ROOT, 'test/fixtures/course/exercises/e2e-count/driver.ts'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'spinlab-typecheck-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let folders = 0;
/** Type-checks a submission folder holding `files` (the entry is driver.ts), staged in `tmp` (default: the system's). */
async function typecheck(files: Record<string, string>, tmp?: string): Promise<Diagnostic[]> {
  const dir = join(work, `submission-${++folders}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const before = process.env.TMPDIR;
  if (tmp !== undefined) process.env.TMPDIR = tmp;
  const stage = stageSubmission(join(dir, 'driver.ts'), dir);
  if (tmp !== undefined && before === undefined) delete process.env.TMPDIR;
  else if (tmp !== undefined) process.env.TMPDIR = before;
  if (!stage.ok) throw new Error(`not staged: ${JSON.stringify(stage.diagnostics)}`);
  try {
    const compiled = await compileDriver(stage.staged.entry, stage.staged.root);
    const bundled = compiled.ok ? compiled.driver.files : [];
    const diagnostics = await typecheckDriver(stage.staged, bundled);
    // Nothing of the outside, and no host path but those the student wrote, in anything shown.
    const shown = JSON.stringify(diagnostics);
    for (const leak of [CANARY, stage.staged.workDir, join(ROOT, 'dist'), join(ROOT, 'node_modules')]) expect(shown).not.toContain(leak);
    return diagnostics;
  } finally {
    stage.staged.remove();
  }
}

const withLoad = (load: string, text = STARTER) => text.replace('interface DeviceExtension', `${load}\ninterface DeviceExtension`);
const places = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);
const leaks = (load: string) => withLoad(`${load}\nconst leak: number = null as unknown as Secret;\nvoid leak;`);

describe('the type-check', () => {
  it('passes the honest starter, with nothing to say', async () => {
    expect(await typecheck({ 'driver.ts': STARTER })).toEqual([]);
  });

  it('reports type errors at the editor\'s line, with U+2028/U+2029 in comments and strings before them', async () => {
    const load = `// eight: ${'\u2028'.repeat(4)}${'\u2029'.repeat(4)}\nconst banner = "\u2028\u2029";\nvoid banner;\nconst wrong: number = 'x';\nvoid wrong;`;
    const found = await typecheck({ 'driver.ts': withLoad(load) });
    expect(places(found)).toEqual(['driver.ts:6:7 TS2322']);
    expect(found[0]!.source).toBe("const wrong: number = 'x';");
  });

  describe('reads only the submission', () => {
    const attacks: Array<[string, string]> = [
      ['a type import with a comment before its path', `import type { Secret } from /* from */ '${SECRET.replace(/\.ts$/, '')}';`],
      ['a relative type import climbing out', `import type { Secret } from '../../../../../../../../../../..${SECRET}';`],
      ['an import() type', `type Secret = typeof import('${SECRET}')['secret'];`],
      ['export * from outside', `export * from '${SECRET}';\ntype Secret = number;`],
      ['import = require', `import outside = require('${SECRET}');\ntype Secret = typeof outside.secret;`],
      ['a path through spinlab/kernel', `import type { Secret } from 'spinlab/kernel/../../../../../../..${SECRET}';`],
      ['a file: URL', `import type { Secret } from 'file://${SECRET}';`],
      ['escapes in the path', `import type { Secret } from '${SECRET.replace(/\//g, '\\u002f')}';`],
      ['backslashes in the path', `import type { Secret } from '.\\\\..\\\\..\\\\..\\\\..\\\\..\\\\..\\\\..\\\\..\\\\..${SECRET.replace(/\//g, '\\\\')}';`],
    ];
    it.each(attacks)('%s: refused, tsc\'s output unseen', async (name, load) => {
      const found = await typecheck({ 'driver.ts': leaks(load) });
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((d) => d.code === 'SPINLAB' && d.message.includes('is not a file of the submission'))).toBe(true);
      // At its line when written plainly (a path spelled with escapes is named, at the file's first line).
      expect(found[0]!.line).toBe(name.includes('escapes') || name.includes('backslashes') ? 1 : 3);
    });

    it('refuses /// <reference path|types> (tsc would not follow them), and reads nothing they name', async () => {
      const found = await typecheck({ 'driver.ts': `/// <reference path="z/../../../../../../../../../../..${SECRET}" />\n/// <reference types="node" />\n${leaks('type Secret = number;')}` });
      expect(places(found)).toEqual(['driver.ts:1:1 SPINLAB', 'driver.ts:2:1 SPINLAB']);
    });

    it('refuses a package from a node_modules above the temporary folder, by name alone', async () => {
      const base = join(work, 'above');
      mkdirSync(join(base, 'node_modules/x'), { recursive: true });
      mkdirSync(join(base, 'tmp'), { recursive: true });
      writeFileSync(join(base, 'node_modules/x/package.json'), '{"name":"x","types":"index.d.ts"}');
      writeFileSync(join(base, 'node_modules/x/index.d.ts'), `export type Secret = '${CANARY}';`);
      writeFileSync(join(base, 'package.json'), '{"type":"module","imports":{"#s":"./node_modules/x/index.d.ts"}}');
      writeFileSync(join(base, 'secret.ts'), readFileSync(SECRET, 'utf8'));
      for (const load of ["import type { Secret } from 'x';", "import type { Secret } from 'x/../../secret';", "import type { Secret } from '#s';"]) {
        const found = await typecheck({ 'driver.ts': leaks(load) }, join(base, 'tmp'));
        expect(places(found)).toEqual(['driver.ts:3:29 SPINLAB']);
      }
      expect(await typecheck({ 'driver.ts': STARTER }, join(base, 'tmp'))).toEqual([]);
    });

    it('ignores a tsconfig.json and package.json in the submission (they are not staged)', async () => {
      const found = await typecheck({
        'driver.ts': withLoad("const wrong: number = 'x';\nvoid wrong;"),
        'tsconfig.json': '{"compilerOptions":{"strict":false,"paths":{"*":["../../*"]}}}',
        'package.json': '{"imports":{"#s":"../outside/secret.ts"}}',
      });
      expect(places(found)).toEqual(['driver.ts:3:7 TS2322']);
    });

    it('checks the helper files the entry reaches through their imports, and not a stray file (whatever it imports)', async () => {
      const found = await typecheck({
        'driver.ts': withLoad("import type { Count } from './types/count.js';\nconst c: Count = 1;\nvoid c;"),
        'types/count.ts': "export type Count = number;\nexport const bad: string = 1;\n",
        'stray.ts': "import type { X } from 'some-package';\nexport const ignored: number = 'stray';\nexport type Y = X;\n",
      });
      expect(places(found)).toEqual(['types/count.ts:2:14 TS2322']);
    });
  });

  describe('is earned by type-checked TypeScript', () => {
    it('is lost to a JavaScript helper the driver runs', async () => {
      const found = await typecheck({ 'driver.ts': withLoad("import { helper } from './helper.js';\nconsole.log(helper({ y: { z: 1 } }));"), 'helper.js': 'export const helper = (x) => x.y.z;\n' });
      expect(found.some((d) => d.file === 'helper.js' && d.code === 'SPINLAB' && d.message.includes('JavaScript'))).toBe(true);
    });

    it('is lost to a TypeScript file the driver runs but no import reaches (a require call)', async () => {
      const found = await typecheck({
        'driver.ts': withLoad('declare const require: (path: string) => { bump(n: number): number };\nconsole.log(require("./evil.ts").bump(1));'),
        'evil.ts': 'export function bump(n: number): number {\n  const wrong: number = "unchecked";\n  return n + wrong;\n}\n',
      });
      expect(places(found)).toEqual(['evil.ts:1:1 SPINLAB']);
    });

    it('is lost to declare module and declare global, wherever comments, strings and regular expressions put them', async () => {
      const load = [
        "const fake = 'declare global {'; void fake;",
        'const re = /\\/ declare global { \'/; void re;',
        "declare module 'spinlab/kernel' {",
        '  export function KeAcquireSpinLock(lock: unknown): any;',
        '}',
        '/* } */ declare global { interface Number { loose: any } }',
      ].join('\n');
      const found = await typecheck({ 'driver.ts': withLoad(load) });
      expect(places(found)).toEqual(['driver.ts:5:1 SPINLAB', 'driver.ts:8:9 SPINLAB']);
    });

    it('is lost to a declaration file, which tsc does not check', async () => {
      const found = await typecheck({ 'driver.ts': withLoad("import type { Count } from './count.js';\nconst c: Count = 1;\nvoid c;"), 'count.d.ts': 'export type Count = Missing;\n' });
      expect(places(found)).toEqual(['count.d.ts:1:1 SPINLAB']);
    });

    it('gives suppression comments nothing, in any form tsc honours', async () => {
      const found = await typecheck({ 'driver.ts': withLoad("// @ts-ignorefoo\nconst a: number = 'x';\n//@TS-NOCHECK\n/* @ts-expect-error */\nconst b: number = 'y';\nvoid a; void b;") });
      expect(places(found)).toEqual(['driver.ts:4:7 TS2322', 'driver.ts:7:7 TS2322']);
    });

    it('gives a file without imports or exports no global names', async () => {
      const found = await typecheck({ 'driver.ts': withLoad("import './globals.js';\nconst x: string = (1).loose;\nvoid x;"), 'globals.ts': 'interface Number { loose: any }\n' });
      expect(places(found)).toEqual(['driver.ts:4:23 TS2339']);
    });
  });
});
