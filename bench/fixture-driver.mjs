// The benchmark drivers in bench/fixtures/, compiled as spinlab compiles a submission.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileDriver } from '../dist/sandbox/compile.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** The compiled driver bench/fixtures/`fixture` (`options`: compileDriver's). Throws, calling it `what`, when it does not compile. */
export async function compileFixture(fixture, what = fixture, options = {}) {
  const compiled = await compileDriver(join(fixtures, fixture), fixtures, options);
  if (!compiled.ok) throw new Error(`${what} does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  return compiled.driver;
}
