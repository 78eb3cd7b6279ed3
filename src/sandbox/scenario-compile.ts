/**
 * Compiles a grader's `scenario.ts` (trusted code, run on the machine's side
 * of the sandbox) into a script whose `spinlab/scenario` import is a
 * parameter: the loader hands in its own scenario API, so a scenario shares
 * the machine's module instances wherever it runs (in the sandbox child,
 * which is one bundle, or in-process).
 */
import { build, type Message } from 'esbuild';
import { dirname, relative, resolve } from 'node:path';
import { SCENARIO_GLOBAL, SCENARIO_PARAMETER } from './bundle-format.js';
import { compileDiagnostic, type Diagnostic } from './diagnostic.js';

/** A compiled scenario: script source (see {@link SCENARIO_PARAMETER}). */
export type ScenarioCompileOutcome = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Bundles `file` (and the relative modules it imports), with `spinlab/scenario` left to the loader.
 * The code carries an inline source map (without the sources' text) whose paths are relative to
 * `file`'s folder, so an exception the scenario throws can be named by its line in scenario.ts.
 */
export async function compileScenario(file: string): Promise<ScenarioCompileOutcome> {
  try {
    const result = await build({
      entryPoints: [resolve(file)],
      absWorkingDir: dirname(resolve(file)),
      bundle: true,
      write: false,
      sourcemap: 'inline',
      sourcesContent: false,
      format: 'iife',
      globalName: SCENARIO_GLOBAL,
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      plugins: [
        {
          name: 'spinlab-scenario-api',
          setup(builder) {
            builder.onResolve({ filter: /^spinlab\/scenario$/ }, () => ({ path: 'spinlab/scenario', namespace: 'spinlab-scenario' }));
            builder.onLoad({ filter: /.*/, namespace: 'spinlab-scenario' }, () => ({ contents: `module.exports = ${SCENARIO_PARAMETER};`, loader: 'js' }));
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
