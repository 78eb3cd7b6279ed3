/** Every check, one module each. */
import { apiMismatch } from './api-mismatch.js';
import type { Check } from './check.js';
import { dataRace } from './data-race.js';
import { deadlock } from './deadlock.js';
import { heldAtReturn } from './held-at-return.js';
import { invariant } from './invariant.js';
import { irqlAcquire } from './irql-acquire.js';
import { irqlDpcLevel } from './irql-dpc-level.js';
import { irqlRestore } from './irql-restore.js';
import { lockOrder } from './lock-order.js';
import { missingAwait } from './missing-await.js';
import { queueHandle } from './queue-handle.js';
import { recursiveAcquire } from './recursive-acquire.js';
import { reinitializedLock } from './reinitialized-lock.js';
import { releaseNotHeld } from './release-not-held.js';
import { releaseOrder } from './release-order.js';
import { routineThrew } from './routine-threw.js';
import { stepLimit } from './step-limit.js';
import { uninitializedLock } from './uninitialized-lock.js';
import { unsafeUnderLock } from './unsafe-under-lock.js';
import { wrongReleaser } from './wrong-releaser.js';

/** Every check, in the design's order. */
export const CHECKS: readonly Check[] = [
  uninitializedLock,
  reinitializedLock,
  recursiveAcquire,
  releaseNotHeld,
  heldAtReturn,
  wrongReleaser,
  irqlAcquire,
  irqlDpcLevel,
  irqlRestore,
  apiMismatch,
  queueHandle,
  releaseOrder,
  deadlock,
  lockOrder,
  dataRace,
  unsafeUnderLock,
  missingAwait,
  routineThrew,
  stepLimit,
  invariant,
];

/** The check with `id`. */
export function checkById(id: string): Check | undefined {
  return CHECKS.find((check) => check.id === id);
}

export type { Check, CheckInstance, FindingSink } from './check.js';
export { CHECK_IDS, FINDING_CAUSES, findingId, type CheckId, type ContextInfo, type Finding, type FindingCause, type FindingDraft, type RelatedSite, type StaticPlace } from './finding.js';
