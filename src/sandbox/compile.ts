/**
 * Compiles a submission with esbuild: bundles the student's entry file and
 * the relative modules it imports into one script for the sandbox's vm
 * realm, with an inline source map. `spinlab/kernel` is not bundled: it
 * resolves to the kernel API the realm already holds.
 *
 * Only `spinlab/kernel` and relative imports inside the submission folder
 * are allowed; anything else (`node:fs`, a package, a path escaping the
 * folder) is a compile error at the import, like a syntax error.
 *
 * The bundle is then rewritten so that state two routine calls could share
 * is tracked, frozen or refused (src/sandbox/shared-state/), and so that a
 * routine may be preempted after an unlocked access (scheduling-sites.ts),
 * and each statement of the student's functions marks that it ran
 * (line-coverage.ts).
 */
import { build, type Message, type Plugin } from 'esbuild';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import * as kernelApi from '../kernel/index.js';
import { compileDiagnostic, type Diagnostic } from './diagnostic.js';
import { findForbiddenSyntax } from './forbidden-syntax.js';
import { DRIVER_GLOBAL, GLOBALS_BANNER, KERNEL_PARAMETER, type CompiledDriver } from './bundle-format.js';
import { SourceMap } from './source-map.js';
import { rewriteSharedState } from './shared-state/rewrite.js';
import { insertSchedulingSites } from './scheduling-sites.js';
import { insertStatementMarks } from './line-coverage.js';
import { parseTypeScript } from './typescript-module.js';

export type { CompiledDriver };

/** The runtime names `spinlab/kernel` exports. */
const KERNEL_NAMES = Object.keys(kernelApi);

/** The module `spinlab/kernel` resolves to in a student bundle: the realm's kernel API, name by name. */
const KERNEL_MODULE = KERNEL_NAMES.map((name) => `export const ${name} = ${KERNEL_PARAMETER}.${name};`).join('\n');

/** What compiling gives. */
export type CompileOutcome = { readonly ok: true; readonly driver: CompiledDriver } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** How a submission was staged, for the words of an import refusal. */
export interface CompileOptions {
  /** The entry was staged alone (a single file): an import of a file beside it says to pass the folder. */
  readonly alone?: boolean;
  /** Mark each statement of the student's functions for line coverage (default true; off only to measure what the marks cost). */
  readonly lineCoverage?: boolean;
}

/** Compiles the submission whose entry file is `entry`, confined to folder `root`. */
export async function compileDriver(entry: string, root: string, options: CompileOptions = {}): Promise<CompileOutcome> {
  const realRoot = realpathSync(root);
  const missing = options.alone === true ? ALONE_MISSING : 'no such file in the submission';
  try {
    const result = await build({
      entryPoints: [realpathSync(entry)],
      absWorkingDir: realRoot,
      bundle: true,
      write: false,
      format: 'iife',
      globalName: DRIVER_GLOBAL,
      platform: 'neutral',
      target: 'es2022',
      sourcemap: 'inline',
      sourcesContent: true,
      logLevel: 'silent',
      // Modules are strict, as TypeScript compiles them; esbuild's iife does not say so itself.
      banner: { js: `'use strict';\n${GLOBALS_BANNER}` },
      plugins: [importPolicy(realRoot, missing)],
    });
    const code = result.outputFiles[0]!.text;
    const map = SourceMap.fromInline(code);
    if (map === null) throw new Error('esbuild wrote no source map');
    const files = map.sources.filter((source) => isStudentSource(realRoot, source));
    // TypeScript drops imports whose bindings go unused, so esbuild never resolved them: check them too.
    const refused: Diagnostic[] = [];
    for (const file of files) {
      let imports;
      try {
        imports = await importsOf(file, map.sourceContent(file) ?? '');
      } catch {
        refused.push(tooDeep(file));
        continue;
      }
      for (const found of imports) {
        const why = refusal(found.specifier, resolve(realRoot, file, '..'), realRoot, missing);
        if (why !== null) {
          refused.push({ kind: 'compile', file, line: found.line, column: found.column, message: `import of '${found.specifier}' is not allowed: ${why}`, source: map.sourceLine(file, found.line) });
        }
      }
    }
    let uses: ReturnType<typeof findForbiddenSyntax> = [];
    try {
      uses = findForbiddenSyntax(code);
    } catch {
      refused.push(tooDeep(files[0] ?? '(submission)'));
    }
    for (const use of uses) {
      const place = map.original(use.line, use.column);
      const file = place !== null && files.includes(place.file) ? place.file : (files[0] ?? '(submission)');
      refused.push({ kind: 'compile', file, line: place?.line ?? 1, column: place?.column ?? 1, message: use.message, source: place === null ? undefined : map.sourceLine(file, place.line) });
    }
    if (refused.length > 0) return { ok: false, diagnostics: refused };
    const entryFile = relative(realRoot, realpathSync(entry)).split(sep).join('/');
    const rewritten = rewriteSharedState(code, map, files, files.includes(entryFile) ? entryFile : (files[0] ?? entryFile));
    if (!rewritten.ok) return { ok: false, diagnostics: rewritten.diagnostics };
    const sharedMap = SourceMap.fromInline(rewritten.code);
    if (sharedMap === null) throw new Error('the rewritten bundle lost its source map');
    const sited = insertSchedulingSites(rewritten.code, sharedMap, files, rewritten.stateParameter);
    const sitedMap = SourceMap.fromInline(sited);
    if (sitedMap === null) throw new Error('the rewritten bundle lost its source map');
    const marked = options.lineCoverage === false ? { code: sited, statements: [] } : insertStatementMarks({ code, map }, { code: sited, map: sitedMap }, files, rewritten.stateParameter);
    const markedMap = SourceMap.fromInline(marked.code);
    if (markedMap === null) throw new Error('the rewritten bundle lost its source map');
    return { ok: true, driver: { code: marked.code, map: markedMap, root: realRoot, files, stateParameter: rewritten.stateParameter, statements: marked.statements } };
  } catch (error) {
    const messages = (error as { errors?: Message[] }).errors;
    if (messages === undefined) throw error;
    const textOf = (file: string): string | undefined => (isStudentSource(realRoot, file) ? readText(resolve(realRoot, file)) : undefined);
    return { ok: false, diagnostics: messages.map((m) => compileDiagnostic(m, (file) => (isAbsolute(file) ? relative(realRoot, file) : file), '(submission)', textOf)) };
  }
}

/** Whether a source-map source (relative to the root) is one of the student's files. */
export function isStudentSource(root: string, source: string): boolean {
  return !source.startsWith('spinlab-kernel:') && resolve(root, source).startsWith(root + sep);
}

/** Why a relative import of a lone file's is refused: its neighbours were never staged. */
const ALONE_MISSING = 'a single .ts file is graded alone, without the files beside it: to grade a submission of several files, pass the folder that holds them';

function importPolicy(root: string, missing: string): Plugin {
  return {
    name: 'spinlab-import-policy',
    setup(builder) {
      // Named ESM bindings (not `module.exports = …`), so calls to the API are direct, with no interop getters.
      builder.onLoad({ filter: /.*/, namespace: 'spinlab-kernel' }, () => ({ contents: KERNEL_MODULE, loader: 'js' }));
      builder.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (args.path === 'spinlab/kernel') return { path: 'spinlab/kernel', namespace: 'spinlab-kernel' };
        const why = refusal(args.path, args.resolveDir, root, missing);
        if (why !== null) return { errors: [{ text: `import of '${args.path}' is not allowed: ${why}` }] };
        return { path: resolveSource(resolve(args.resolveDir, args.path))! };
      });
    },
  };
}
/** Why importing `specifier` from folder `from` is not allowed, or null if it is. */
function refusal(specifier: string, from: string, root: string, missing: string): string | null {
  if (specifier === 'spinlab/kernel') return null;
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
    return `a driver may import only 'spinlab/kernel' and its own files (relative paths like './queue.js')`;
  }
  const target = resolve(from, specifier);
  if (!target.startsWith(root + sep)) return 'it points outside the submission folder';
  const file = resolveSource(target);
  if (file === undefined) return missing;
  if (!realpathSync(file).startsWith(root + sep)) return 'it points outside the submission folder';
  return null;
}

/** A file the static checks cannot parse though esbuild could (nesting beyond the parser's stack): refused, never waved through. */
function tooDeep(file: string): Diagnostic {
  return { kind: 'compile', file, line: 1, column: 1, message: `${file} is nested too deeply for spinlab to check: flatten the deepest expression` };
}

/** Every module specifier a TypeScript file imports or re-exports (type-only imports aside), with its place; throws if it cannot parse. */
async function importsOf(file: string, source: string): Promise<Array<{ specifier: string; line: number; column: number }>> {
  const module = await parseTypeScript(file, source);
  const found: Array<{ specifier: string; line: number; column: number }> = [];
  for (const node of module.program.body) {
    if ((node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') && node.source !== null && node.source !== undefined) {
      found.push({ specifier: String(node.source.value), ...module.place(node.source.loc!.start) });
    }
  }
  return found;
}

/** A file's text, or undefined if it cannot be read. */
function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** `./queue.js` → queue.ts (the TypeScript convention), `./queue` → queue.ts or queue/index.ts. */
function resolveSource(target: string): string | undefined {
  const candidates = [target, target.replace(/\.js$/, '.ts'), `${target}.ts`, resolve(target, 'index.ts')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile() && /\.(ts|js|mjs|mts)$/.test(candidate));
}
