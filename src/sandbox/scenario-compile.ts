/**
 * Compiles a grader's `scenario.ts` (trusted code, run on the machine's side
 * of the sandbox) into an ES module whose `spinlab/scenario` import points at
 * this installation's scenario API.
 */
import { build, type Message } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileDiagnostic, type Diagnostic } from './diagnostic.js';

const here = dirname(fileURLToPath(import.meta.url));
const scenarioApi = existsSync(resolve(here, '../scenario/index.js')) ? resolve(here, '../scenario/index.js') : resolve(here, '../scenario/index.ts');

/** A compiled scenario: ES module source. */
export type ScenarioCompileOutcome = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Bundles `file` (and the relative modules it imports) with `spinlab/scenario` left to this installation. */
export async function compileScenario(file: string): Promise<ScenarioCompileOutcome> {
  try {
    const result = await build({
      entryPoints: [file],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      plugins: [
        {
          name: 'spinlab-scenario-api',
          setup(builder) {
            builder.onResolve({ filter: /^spinlab\/scenario$/ }, () => ({ path: pathToFileURL(scenarioApi).href, external: true }));
          },
        },
      ],
    });
    return { ok: true, code: result.outputFiles[0]!.text };
  } catch (error) {
    const messages = (error as { errors?: Message[] }).errors;
    if (messages === undefined) throw error;
    return { ok: false, diagnostics: messages.map((m) => compileDiagnostic(m, (at) => relative(dirname(file), at), file)) };
  }
}
