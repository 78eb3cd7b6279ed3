/** Command-line options shared by the grading commands, and their checks. */
import type { Command } from 'commander';
import { SpinlabError } from '../errors.js';
import { BOUNDED_STRATEGIES } from '../explore/index.js';
import type { Exploration } from '../rubric/rubric.js';

/** The strategies a grading command may explore with (`replay` is its own command). */
const EXPLORING_STRATEGIES = ['random', 'pct', 'dfs', 'idb'] as const;

/** Exploration and grading options as commander parses them. */
export interface GradingFlags {
  readonly schedules?: string;
  readonly seed?: string;
  readonly strategy?: string;
  readonly depth?: string;
  readonly bound?: string;
  readonly faults?: string;
  readonly cpus?: string;
  readonly timeout?: string;
  readonly typecheck?: boolean;
  readonly rubric?: string;
  readonly graders?: string;
}

/** Adds the exploration and grader options to a command. */
export function withGradingOptions(command: Command): Command {
  return command
    .option('--schedules <n>', 'schedules to explore (default: the rubric’s)')
    .option('--seed <s>', 'seed (default: the rubric’s)')
    .option('--strategy <name>', 'random, pct, dfs or idb (default: the rubric’s)')
    .option('--depth <d>', 'pct: the bug depth d, 1–10 (default: the rubric’s, 3)')
    .option('--bound <c>', 'dfs: at most c preemptions; idb: at most c delays; 0–10 (default: the rubric’s, 2)')
    .option('--faults <n>', 'fault runs: fail each ExAllocatePool2 / IoConnectInterrupt call site’s first n occurrences, one run each; 0–10, 0 for none (default: the rubric’s, 2)')
    .option('--cpus <n>', 'simulated CPUs (default: the rubric’s, else the scenario’s)')
    .option('--timeout <seconds>', 'wall-clock limit per submission (default: the rubric’s, 60)')
    .option('--no-typecheck', 'skip tsc --noEmit')
    .option('--rubric <file>', 'grade with this rubric instead of the bundled one')
    .option('--graders <dir>', 'a graders folder kept outside the package (<dir>/<exercise>/scenario.ts, rubric.json)');
}

/** The rubric's exploration with the command line's overrides applied (each checked). */
export function applyOverrides(exploration: Exploration, flags: GradingFlags): Exploration {
  const next: { -readonly [K in keyof Exploration]: Exploration[K] } = { ...exploration };
  if (flags.schedules !== undefined) next.schedules = integer('--schedules', flags.schedules, 1, 1_000_000);
  if (flags.seed !== undefined) next.seed = integer('--seed', flags.seed, 0, 0xffffffff);
  if (flags.cpus !== undefined) next.cpus = integer('--cpus', flags.cpus, 1, 64);
  if (flags.faults !== undefined) next.faults = integer('--faults', flags.faults, 0, 10);
  if (flags.timeout !== undefined) {
    const seconds = Number(flags.timeout);
    if (!(seconds > 0 && seconds <= 86_400)) throw usage(`--timeout must be a number of seconds above 0, got \`${flags.timeout}\``);
    next.timeLimit = seconds;
  }
  if (flags.strategy !== undefined) {
    const strategy = EXPLORING_STRATEGIES.find((name) => name === flags.strategy);
    if (strategy === undefined) throw usage(`--strategy must be random, pct, dfs or idb, got \`${flags.strategy}\``);
    next.strategy = strategy;
  }
  const from = flags.strategy === undefined ? ' (the rubric’s)' : '';
  if (flags.depth !== undefined) {
    next.depth = integer('--depth', flags.depth, 1, 10);
    if (next.strategy !== 'pct') throw usage(`--depth is PCT's bug depth, but the strategy is ${next.strategy}${from}`, 'add --strategy pct, or leave --depth out');
  }
  if (flags.bound !== undefined) {
    next.bound = integer('--bound', flags.bound, 0, 10);
    if (!BOUNDED_STRATEGIES.includes(next.strategy)) throw usage(`--bound bounds dfs (preemptions) and idb (delays), but the strategy is ${next.strategy}${from}`, 'add --strategy dfs or --strategy idb, or leave --bound out');
  }
  return next;
}

/** Parses an integer option in [min, max]. */
export function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw usage(`${name} must be an integer from ${min} to ${max}, got \`${text}\``);
  return value;
}

/** A usage error (exit 2). */
export function usage(message: string, hint?: string): SpinlabError {
  return new SpinlabError('SPINLAB_USAGE', message, hint);
}
