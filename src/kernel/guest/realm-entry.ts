/**
 * The entry of the guest bundle that the sandbox evaluates once per `vm`
 * context: the kernel API student modules import, and the two functions
 * the host calls (never handed to student code).
 */
import * as api from '../index.js';
import { createGuestControl, installGuest } from './control.js';

export { api, createGuestControl as createControl, installGuest as install };
