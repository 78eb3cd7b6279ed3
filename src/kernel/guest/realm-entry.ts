/**
 * The entry of the guest bundle that the sandbox evaluates once per `vm`
 * context: the kernel API student modules import, the shared-state helpers
 * the rewritten bundle reaches through its state parameter, and the
 * functions the host calls (never handed to student code). The kernel API
 * is frozen through, so no student code can keep state on it.
 */
import * as api from '../index.js';
import { createGuestControl, installGuest } from './control.js';
import { freezeKernelApi, noteRealmObjects, sharedStateApi } from './shared-state.js';
import { sizeMarks, takeMarks } from './statement-marks.js';

freezeKernelApi(api);
const state = sharedStateApi();
noteRealmObjects(globalThis, api, state);

export { api, state, createGuestControl as createControl, installGuest as install, sizeMarks, takeMarks };
