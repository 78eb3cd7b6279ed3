// Figures the benchmarks share: medians, rounding, and the schedules to a first detection.
import { explore } from '../dist/explore/index.js';

/** The lower median of `values` (the middle one, the lower of two), or null when there are none. */
export function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** `value` rounded to `digits` decimals. */
export function round(value, digits = 0) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Schedules (1-based) the exploration `options` runs until a finding `caught` accepts, or null if none within its budget. */
export async function firstDetection(options, caught) {
  let found = null;
  await explore({
    ...options,
    stopWhen: (progress) => {
      if (progress.added.some(caught)) found = progress.schedule + 1;
      return found !== null;
    },
  });
  return found;
}
