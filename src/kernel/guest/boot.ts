/**
 * Evaluated first in every sandboxed bundle, before any student module: takes
 * the bridge the host left on the realm's global object and removes it, so
 * student code never sees it.
 */
import { installGuest } from './control.js';

import type { BridgeMarkers, HostBridge } from '../protocol.js';

const slot = globalThis as { __spinlab_boot?: { host: HostBridge; markers: BridgeMarkers } };
const boot = slot.__spinlab_boot;
delete slot.__spinlab_boot;
if (boot !== undefined) installGuest(boot.host, boot.markers);
