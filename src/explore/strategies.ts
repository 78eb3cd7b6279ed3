/** Makes a strategy by name. */
import { DfsStrategy } from './dfs.js';
import { PctStrategy } from './pct.js';
import { RandomStrategy } from './random.js';
import { ReplayStrategy } from './replay.js';
import type { Strategy, StrategyName } from './strategy.js';

/** Strategy parameters (each documents its default). */
export interface StrategyOptions {
  /** PCT bug depth (default 3). */
  readonly pctDepth?: number;
  /** DFS preemption bound (default 2). */
  readonly preemptionBound?: number;
  /** The schedule code to replay. */
  readonly schedule?: string;
}

/** The strategy `name` with `seed`. Throws on a replay without a valid schedule code. */
export function makeStrategy(name: StrategyName, seed: number, options: StrategyOptions = {}): Strategy {
  switch (name) {
    case 'random':
      return new RandomStrategy(seed);
    case 'pct':
      return new PctStrategy(seed, options.pctDepth ?? 3);
    case 'dfs':
      return new DfsStrategy(seed, options.preemptionBound ?? 2);
    case 'replay':
      if (options.schedule === undefined) throw new Error('replay needs a schedule code');
      return new ReplayStrategy(options.schedule);
  }
}
