/** Makes a strategy by name. */
import { DfsStrategy } from './dfs.js';
import { IdbStrategy } from './idb.js';
import { PctStrategy } from './pct.js';
import { RandomStrategy } from './random.js';
import { ReplayStrategy } from './replay.js';
import type { Strategy, StrategyName } from './strategy.js';

/** PCT's default bug depth d. */
export const DEFAULT_DEPTH = 3;
/** dfs's and idb's default bound C. */
export const DEFAULT_BOUND = 2;

/** Strategy parameters (each documents its default). */
export interface StrategyOptions {
  /** PCT bug depth d (default {@link DEFAULT_DEPTH}): d − 1 priority change points per schedule. */
  readonly depth?: number;
  /** dfs's preemption bound, idb's delay bound: C (default {@link DEFAULT_BOUND}). */
  readonly bound?: number;
  /** The schedule code to replay. */
  readonly schedule?: string;
}

/** The strategy `name` with `seed`. Throws on a replay without a valid schedule code. */
export function makeStrategy(name: StrategyName, seed: number, options: StrategyOptions = {}): Strategy {
  switch (name) {
    case 'random':
      return new RandomStrategy(seed);
    case 'pct':
      return new PctStrategy(seed, options.depth ?? DEFAULT_DEPTH);
    case 'dfs':
      return new DfsStrategy(seed, options.bound ?? DEFAULT_BOUND);
    case 'idb':
      return new IdbStrategy(seed, options.bound ?? DEFAULT_BOUND);
    case 'replay':
      if (options.schedule === undefined) throw new Error('replay needs a schedule code');
      return new ReplayStrategy(options.schedule);
  }
}
