/** The scheduling point after an unlocked access: no kernel routine, nothing to do but let the strategy choose (see src/kernel/guest/scheduling-points.ts). */
import { Op } from '../../kernel/protocol.js';
import type { OpHandler } from '../execution.js';

export const pointOps: Readonly<Record<number, OpHandler>> = {
  [Op.SchedulingPoint]: (x) => x.returns(undefined),
};
