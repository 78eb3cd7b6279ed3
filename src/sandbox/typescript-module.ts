/**
 * A student's TypeScript file as a JavaScript syntax tree whose node
 * positions map back to the TypeScript (for the static checks: imports the
 * compiler dropped, module-level state; and for finding the `return` a
 * routine took).
 */
import { parse, type Program } from 'acorn';
import { transform, transformSync, type TransformOptions, type TransformResult } from 'esbuild';
import { SourceMap } from './source-map.js';

/** A parsed module and where its nodes are in the TypeScript. */
export interface TypeScriptModule {
  readonly program: Program;
  /** The JavaScript the program was parsed from (esbuild's, types stripped). */
  readonly code: string;
  /** The TypeScript line and column (1-based) of an acorn position (1-based line, 0-based column). */
  place(position: { readonly line: number; readonly column: number }): { line: number; column: number };
}

/** esbuild's options for stripping the types of `file`: imports are kept even when only their types are used. */
function stripOptions(file: string): TransformOptions {
  return {
    loader: 'ts',
    format: 'esm',
    target: 'es2022',
    sourcemap: 'external',
    sourcefile: file,
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
  };
}

/** Parses esbuild's output and maps its positions back through its source map. Throws on a syntax error. */
function parseStripped(output: TransformResult): TypeScriptModule {
  const map = new SourceMap(JSON.parse(output.map) as { sources: string[]; mappings: string });
  const program = parse(output.code, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
  return {
    program,
    code: output.code,
    place(position) {
      const original = map.original(position.line, position.column + 1);
      return { line: original?.line ?? position.line, column: original?.column ?? position.column + 1 };
    },
  };
}

/**
 * Strips the types from `source` (named `file`) and parses it. Imports are
 * kept even when only their types are used, as TypeScript would drop them.
 * Throws on a syntax error.
 */
export async function parseTypeScript(file: string, source: string): Promise<TypeScriptModule> {
  const known = recall(file, source);
  if (known !== undefined) return known;
  return remember(file, source, parseStripped(await transform(source, stripOptions(file))));
}

/**
 * {@link parseTypeScript}, synchronously (for callers that cannot wait).
 * Throws on a syntax error. A file parsed lately (by either) is not parsed
 * again: esbuild's synchronous API starts a worker thread and a second
 * esbuild process on its first call (about 140 ms of CPU), so a grading
 * parses its files with {@link parseTypeScript} first and every later
 * synchronous call finds them here.
 */
export function parseTypeScriptSync(file: string, source: string): TypeScriptModule {
  return recall(file, source) ?? remember(file, source, parseStripped(transformSync(source, stripOptions(file))));
}

/** Files parsed lately, by name, with the source each was parsed from (a grading reads a few files, a batch grades one submission at a time). */
const recent = new Map<string, { readonly source: string; readonly module: TypeScriptModule }>();
const RECENT_FILES = 16;

function recall(file: string, source: string): TypeScriptModule | undefined {
  const hit = recent.get(file);
  return hit !== undefined && hit.source === source ? hit.module : undefined;
}

function remember(file: string, source: string, module: TypeScriptModule): TypeScriptModule {
  recent.delete(file);
  if (recent.size >= RECENT_FILES) recent.delete(recent.keys().next().value!);
  recent.set(file, { source, module });
  return module;
}
