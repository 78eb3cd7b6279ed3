/** Every check's explanation, by check id: the record's type makes one for each id a compile-time duty. */
import type { CheckId } from '../finding.js';
import { missingAwait, routineThrew, stepLimit, unsafeUnderLock } from './calls.js';
import { dataRace, deadlock, invariant, lockOrder } from './concurrency.js';
import type { Explanation } from './explanation.js';
import { apiMismatch, irqlAcquire, irqlDpcLevel, irqlRestore } from './irql.js';
import { reinitializedLock, uninitializedLock } from './lock-setup.js';
import { heldAtReturn, queueHandle, recursiveAcquire, releaseNotHeld, releaseOrder, wrongReleaser } from './pairing.js';

/** Check id → its explanation. */
export const EXPLANATIONS: Readonly<Record<CheckId, Explanation>> = {
  'uninitialized-lock': uninitializedLock,
  'reinitialized-lock': reinitializedLock,
  'recursive-acquire': recursiveAcquire,
  'release-not-held': releaseNotHeld,
  'held-at-return': heldAtReturn,
  'wrong-releaser': wrongReleaser,
  'irql-acquire': irqlAcquire,
  'irql-dpc-level': irqlDpcLevel,
  'irql-restore': irqlRestore,
  'api-mismatch': apiMismatch,
  'queue-handle': queueHandle,
  'release-order': releaseOrder,
  deadlock,
  'lock-order': lockOrder,
  'data-race': dataRace,
  'unsafe-under-lock': unsafeUnderLock,
  'missing-await': missingAwait,
  'routine-threw': routineThrew,
  'step-limit': stepLimit,
  invariant,
};
