/**
 * The error code of each check: `SL` and four digits, as rustc's `E0499`.
 * A contract like the check ids themselves — a student searches for it, a
 * course's notes cite it — so a code is never reused or renumbered: a new
 * check takes the next free number, a removed check's number stays retired.
 */
import { CHECK_IDS, type CheckId } from './finding.js';

/** Check id → error code (SL0001–SL0020 in the design's order of the checks as first numbered). */
export const ERROR_CODES: Readonly<Record<CheckId, string>> = {
  'uninitialized-lock': 'SL0001',
  'reinitialized-lock': 'SL0002',
  'recursive-acquire': 'SL0003',
  'release-not-held': 'SL0004',
  'held-at-return': 'SL0005',
  'wrong-releaser': 'SL0006',
  'irql-acquire': 'SL0007',
  'irql-dpc-level': 'SL0008',
  'irql-restore': 'SL0009',
  'api-mismatch': 'SL0010',
  'queue-handle': 'SL0011',
  'release-order': 'SL0012',
  deadlock: 'SL0013',
  'lock-order': 'SL0014',
  'data-race': 'SL0015',
  'unsafe-under-lock': 'SL0016',
  'missing-await': 'SL0017',
  'routine-threw': 'SL0018',
  'step-limit': 'SL0019',
  invariant: 'SL0020',
};

/** The error code of check `id`; undefined for a string that is no check id (a result from another spinlab version, say). */
export function errorCodeOf(id: string): string | undefined {
  return isCheckId(id) ? ERROR_CODES[id] : undefined;
}

/** The check id whose error code is `code` (any case: `sl0015` too); undefined for none. */
export function checkOfCode(code: string): CheckId | undefined {
  const wanted = code.toUpperCase();
  return CHECK_IDS.find((id) => ERROR_CODES[id] === wanted);
}

/** Whether `id` is a check id. */
export function isCheckId(id: string): id is CheckId {
  return (CHECK_IDS as readonly string[]).includes(id);
}
