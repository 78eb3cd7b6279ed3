#!/usr/bin/env node
// `npm run bench [-- --json] [-- --quick]`: spinlab's speed figures, as ratios from one run.
// Targets are checked here, never by timed tests.
import { benchEngine } from './engine.mjs';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const targets = { kernelCallsPerSec: 400_000, overheadVsNoop: 30 };

const engine = await benchEngine({ quick });
const lines = [
  'engine (4 CPUs, acquire → read/write one field → release, every check on, vm realm)',
  `  kernel calls/s        ${engine.kernelCallsPerSec.toLocaleString('en-US')}   (target ≥ ${targets.kernelCallsPerSec.toLocaleString('en-US')})`,
  `  schedules/s           ${engine.schedulesPerSec}   (${engine.kernelCallsPerSchedule} kernel calls each)`,
  `  floor (no-op kernel)  ${engine.floorCallsPerSec.toLocaleString('en-US')} calls/s`,
  `  overhead vs floor     ${engine.overheadVsNoop}×   (target ≤ ${targets.overheadVsNoop}×)`,
];
process.stdout.write(`${lines.join('\n')}\n`);
const result = { ...engine, meetsTargets: engine.kernelCallsPerSec >= targets.kernelCallsPerSec && engine.overheadVsNoop <= targets.overheadVsNoop };
if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
