import { explore } from '../dist/explore/index.js';
import { createVmRealm } from '../dist/sandbox/vm-realm.js';
import { compileFixture } from './fixture-driver.mjs';
import { workloadScenario } from './peer-workload.mjs';
const scenario = workloadScenario((t, device) => t.write(device, [1]));
const driver = await compileFixture('loop-driver.ts', 'benchmark driver');
const realm = await createVmRealm(driver);
const checks = process.env.NOCHECKS ? [] : undefined;
for (let r = 0; r < 5; r++) {
  const t = performance.now();
  const result = await explore({ driver: realm, scenario, strategy: 'random', seed: r + 1, schedules: 200, locate: false, checks });
  const s = (performance.now() - t) / 1000;
  console.log(Math.round(result.totals.kernelCalls / s), 'calls/s', result.totals.kernelCalls / result.schedulesRun, 'calls/schedule');
}
