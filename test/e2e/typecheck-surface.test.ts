/**
 * The type-check and positions surface cases (test/e2e/surface-cases/
 * typecheck.ts and positions.ts), each graded through the built CLI with
 * the temporary folder inside a hostile file system: its parent holds a
 * node_modules with canary packages (`x`, `canary`, `@types/canary`), a
 * package.json whose `#imports` lead to the canary and a tsconfig.json
 * asking for its types. Every case must: exit 1, write a valid result in an
 * allowed status, score no more than the honest starter, show no canary,
 * no path of the grader's (its install, its temporary copies) and no path
 * outside the submission but where the student's own text is quoted, leave
 * no temporary copy behind, and pass its own checks.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateAgainst } from '../../src/rubric/schemas.js';
import { COURSE_GRADERS, ROOT, spinlab } from '../helpers/cli.js';
import { honestCeiling, honestStarterText, type SurfaceCase, type SurfaceContext, type SurfaceResult } from './surface-case.js';
import { CASES as POSITIONS } from './surface-cases/positions.js';
import { CASES as TYPECHECK } from './surface-cases/typecheck.js';

const CANARY = readFileSync(join(ROOT, 'test/fixtures/canary.txt'), 'utf8').split(' ')[0]!;
const work = mkdtempSync(join(tmpdir(), 'spinlab-typecheck-surface-'));
const above = join(work, 'above');
const tmp = join(above, 'tmp');
const ctx: SurfaceContext = { classDir: join(work, 'class'), outsideDir: join(work, 'outside'), honestStarter: honestStarterText(), canary: CANARY };
const CASES: readonly SurfaceCase[] = [...TYPECHECK, ...POSITIONS];
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A file system around the temporary folder that would hand tsc the canary, if tsc ever looked. */
function hostileSurroundings(): void {
  const write = (file: string, text: string) => {
    mkdirSync(join(above, file, '..'), { recursive: true });
    writeFileSync(join(above, file), text);
  };
  const types = `export type C = '${CANARY}';\nexport type Secret = '${CANARY}';\ndeclare global { interface Number { canary: '${CANARY}' } }\n`;
  for (const pkg of ['x', 'canary', '@types/canary']) {
    write(`node_modules/${pkg}/package.json`, JSON.stringify({ name: pkg, types: 'index.d.ts' }));
    write(`node_modules/${pkg}/index.d.ts`, types);
  }
  write('package.json', JSON.stringify({ type: 'module', imports: { '#secret': '../outside/secret.ts' } }));
  write('tsconfig.json', JSON.stringify({ compilerOptions: { types: ['canary'], strict: false } }));
  mkdirSync(tmp, { recursive: true });
}

const env = { TMPDIR: tmp };
const gradeArgs = (path: string, c: Pick<SurfaceCase, 'typecheck' | 'timeout'>) => [
  'grade', 'e2e-count', path, '--graders', COURSE_GRADERS, '--json', '--schedules', '2', '--timeout', String(c.timeout ?? 20), ...(c.typecheck === true ? [] : ['--no-typecheck']),
];
const honest = { typecheck: 0, plain: 0 };

beforeAll(async () => {
  mkdirSync(ctx.classDir, { recursive: true });
  mkdirSync(ctx.outsideDir, { recursive: true });
  copyFileSync(join(ROOT, 'test/fixtures/hostile/outside/secret.ts'), join(ctx.outsideDir, 'secret.ts'));
  hostileSurroundings();
  const dir = join(ctx.classDir, 'honest-starter');
  mkdirSync(dir);
  writeFileSync(join(dir, 'driver.ts'), ctx.honestStarter);
  const [withTypes, plain] = await Promise.all([spinlab(gradeArgs(dir, { typecheck: true }), { env }), spinlab(gradeArgs(dir, {}), { env })]);
  honest.typecheck = honestCeiling(JSON.parse(withTypes.stdout) as SurfaceResult);
  honest.plain = honestCeiling(JSON.parse(plain.stdout) as SurfaceResult);
  // The honest starter type-checks in these surroundings: nothing above the temporary folder reaches tsc.
  expect(honest.typecheck).toBe(honest.plain + 1);
}, 120_000);

/** The JSON result with the student's own quoted text left out: diagnostics' messages and source lines (which a type-check item's findings repeat), findings' source lines. */
function withoutQuotedText(result: SurfaceResult): unknown {
  return {
    ...result,
    diagnostics: result.diagnostics.map(({ file, line, column }) => ({ file, line, column })),
    items: result.items.map((item) => ({ ...item, findings: item.findings.map((finding) => ({ ...finding, source: null, message: item.id === 'typechecks' ? null : finding.message })) })),
  };
}

describe('type-check and positions surfaces', () => {
  it('are at least 25, uniquely named, in their areas', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    expect(new Set(CASES.map((c) => c.area))).toEqual(new Set(['typecheck', 'positions']));
  });

  describe.concurrent('each case', () => {
    it.each(CASES.map((c) => [c.name, c] as const))('%s: a written result, no more than honest, nothing of the outside or the grader shown', async (_name, c) => {
      const run = await spinlab(gradeArgs(c.build(ctx), c), { env, timeout: 120_000 });
      expect(run.stderr).not.toMatch(/internal error|error code:/);
      expect(run.exitCode).toBe(1);
      const result = JSON.parse(run.stdout) as SurfaceResult;
      expect(validateAgainst('result', result)).toEqual([]);
      expect(c.status).toContain(result.status);
      expect(result.score).toBeLessThanOrEqual(c.typecheck === true ? honest.typecheck : honest.plain);
      const everything = `${run.stdout}\n${run.stderr}`;
      for (const leak of [CANARY, join(tmp, 'spinlab-'), join(ROOT, 'dist'), join(ROOT, 'node_modules'), above]) expect(everything).not.toContain(leak);
      // A path outside the submission appears only where the student's own text is quoted back.
      expect(`${JSON.stringify(withoutQuotedText(result))}\n${run.stderr}`).not.toContain(ctx.outsideDir);
      c.verify?.(result);
    }, 120_000);
  });

  it('leaves no temporary copy behind', () => {
    expect(readdirSync(tmp)).toEqual([]);
  });
});
