/** The shape of the two bundles a vm realm evaluates: the guest kernel and the student's driver. */
import type { MarkedStatement } from './line-coverage.js';
import type { SourceMap } from './source-map.js';

/** The global name the student bundle assigns its entry module's exports to. */
export const DRIVER_GLOBAL = '__spinlab_driver';

/** The free variable through which the student bundle reaches the kernel API (a parameter of its wrapper). */
export const KERNEL_PARAMETER = '__spinlab_kernel';

/**
 * The source of the function that evaluates a driver bundle afresh: called
 * with the kernel API and the shared-state helpers, it returns the driver's
 * exports. The bundle starts on
 * the wrapper's second line (evaluate it with a line offset of -1 for bundle
 * line numbers to be V8's).
 */
export function driverFactorySource(code: string, stateParameter = STATE_PARAMETER): string {
  return `(function (${KERNEL_PARAMETER}, ${stateParameter}) {\n${code}\nreturn ${DRIVER_GLOBAL};\n})`;
}

/** The default name of the wrapper's second parameter, the shared-state helpers (a rewritten bundle names its own: see {@link CompiledDriver.stateParameter}). */
export const STATE_PARAMETER = '__spinlab_state';

/** The global name the guest bundle assigns its exports to. */
export const GUEST_GLOBAL = '__spinlab_guest';

/**
 * Binds the builtins as locals ahead of a bundle: in a vm context every
 * global lookup goes through the context's interceptor (`new Promise` costs
 * about 200 ns there, 30 ns with a local binding).
 */
export const GLOBALS_BANNER =
  'const { Promise, Object, Reflect, JSON, Symbol, WeakMap, Map, Set, Proxy, Array, Error, TypeError, RangeError, Number, String, Boolean, Math } = globalThis;';

/** A compiled submission. */
export interface CompiledDriver {
  /** The bundle: a script that defines {@link DRIVER_GLOBAL}, given {@link KERNEL_PARAMETER} in scope. */
  readonly code: string;
  readonly map: SourceMap;
  /** The submission folder. */
  readonly root: string;
  /** The student's files in the bundle, relative to the root, as the source map names them. */
  readonly files: readonly string[];
  /**
   * The free variable through which the bundle reaches the shared-state
   * helpers (a name no identifier of the student's has, so no student
   * binding can stand in for it); see src/sandbox/shared-state/.
   */
  readonly stateParameter: string;
  /** The student's statements that mark when they run (see line-coverage.ts): mark `i` is statement `i`'s. */
  readonly statements: readonly MarkedStatement[];
}

/** The free variable through which a compiled scenario reaches `spinlab/scenario` (a parameter of its wrapper). */
export const SCENARIO_PARAMETER = '__spinlab_scenario_api';

/** The name a compiled scenario's wrapper returns: its module's exports. */
export const SCENARIO_GLOBAL = '__spinlab_scenario_module';
