/**
 * What an exploration covered, in words, from the result's figures: PCT's
 * guarantee with its d, n and k; a bounded search's coverage, and "no
 * violation within C" only when the result says it was verified (every
 * schedule within C ran, all decided, none with any finding).
 */
import type { ResultBounded, ResultExploration, ResultPct } from '../rubric/result.js';

/** The lines that say what `exploration` covered (none for random, replay, or an exploration that did not finish). */
export function explorationCoverage(exploration: ResultExploration): string[] {
  if (exploration.pct !== undefined) return [pctGuarantee(exploration.pct)];
  if (exploration.bounded !== undefined) return [boundedCoverage(exploration.bounded)];
  return [];
}

/** `pct d=3 over n=5 threads and k=42 steps: each schedule finds a depth-3 bug with probability ≥ 1/(n·k^(d−1)) = 1/8820` */
export function pctGuarantee(pct: ResultPct): string {
  const { depth: d, threads: n, steps: k } = pct;
  const figures = `pct d=${d} over n=${n} threads and k=${k} steps`;
  if (n < 2 || k === 0) return `${figures}: no schedule had a choice to make, so the one schedule is every schedule`;
  const formula = d === 1 ? '1/n' : d === 2 ? '1/(n·k)' : '1/(n·k^(d−1))';
  return `${figures}: each schedule finds a depth-${d} bug with probability ≥ ${formula} = 1/${figureOf(n * k ** (d - 1))}`;
}

/** `No violation within 2 preemptions: …`, or what was covered. */
export function boundedCoverage(bounded: ResultBounded): string {
  const { bound, coveredBound: covered, schedulesPerBound: perBound } = bounded;
  const unit = (c: number) => `${c} ${c === 1 ? bounded.measure.slice(0, -1) : bounded.measure}`;
  const upTo = (c: number) => sum(perBound.slice(0, c + 1));
  const within = (c: number) => `every schedule with ${c === 0 ? `no ${bounded.measure.slice(0, -1)}` : `at most ${unit(c)}`} (${upTo(c)})`;
  if (covered === bound) {
    return bounded.verified
      ? `No violation within ${unit(bound)}: ${within(bound)} ran, with no finding`
      : `Searched ${within(bound)}; no claim of no violation: some schedule had a finding, or could not be decided`;
  }
  const next = covered === null ? 0 : covered + 1;
  const partial = `${perBound[next] ?? 0} of the schedules with ${next === 0 ? 'no' : 'exactly'} ${next === 0 ? bounded.measure : unit(next)}`;
  return `Covered ${covered === null ? '' : `${within(covered)} and `}${partial}, not all: the bound of ${unit(bound)} was not exhausted (more --schedules would go on)`;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** A whole number as is up to a billion, else in exponent form (`2.1e+12`). */
function figureOf(value: number): string {
  return value <= 1e9 ? String(Math.round(value)) : value.toExponential(1);
}
