/** The guest's control surface, for the machine (not part of `spinlab/kernel`). */
export { installGuest, createGuestControl } from './control.js';
