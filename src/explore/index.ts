/** Exploration: strategies, schedule codes and the schedule loop. */
export { explore, type CheckSummary, type ExploreOptions, type ExploreResult, type ScheduleProgress } from './explore.js';
export type { FindingGroup } from './collector.js';
export { SITUATIONS } from './coverage.js';
export type { CoverageSeen, CoverageWatch, Situation } from './coverage.js';
export { pathCovers } from './path-covers.js';
export type { MinimizedGroup, ScheduleSize } from './minimize.js';
export { encodeSchedule, isScheduleCode, scheduleCodeDamage, ScheduleReader, type ScheduleCode } from './schedule-code.js';
export { DEFAULT_BOUND, DEFAULT_DEPTH, makeStrategy, type StrategyOptions } from './strategies.js';
export { BOUNDED_STRATEGIES, STRATEGY_NAMES, type BoundedSummary, type ExecutionPlan, type PctSummary, type Strategy, type StrategyName, type StrategySummary } from './strategy.js';
export { mixSeed, Rng } from './rng.js';
export { DEFAULT_FAULT_OCCURRENCES, MAX_FAULT_RUNS, type FaultSummary, type FaultTarget } from './fault-plan.js';
