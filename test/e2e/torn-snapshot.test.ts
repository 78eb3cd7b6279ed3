/**
 * Issue 22, point 2: the cause of a torn snapshot is not assumed. In 04 a
 * snapshot whose Pending + Flushed ≠ BytesWritten can be torn by the reader
 * (two acquisitions) or by a writer (an update split in two); a correct
 * DispatchRead beside a DPC that splits its update was told the snapshot
 * "was not taken in one acquisition". The invariant now says what was seen
 * (the IRP, the three values) and the rule for both sides, blaming neither.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMutantPatch, parseMutantPatch } from '../../src/grade/mutant-patch.js';
import type { GradeResult } from '../../src/rubric/result.js';
import { ROOT, spinlab } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-torn-snapshot-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a snapshot torn by the DPC, read by a correct DispatchRead (04)', () => {
  it('fails snapshots-consistent naming the IRP and the values it saw, not a reader that took two acquisitions', async () => {
    const patch = parseMutantPatch(readFileSync(join(ROOT, 'test/fixtures/torn-snapshot/dpc-splits-move.patch'), 'utf8'), 'dpc-splits-move');
    const file = join(work, 'driver.ts');
    writeFileSync(file, applyMutantPatch(patch, readFileSync(join(ROOT, 'graders/04-queued-locks/solution.ts'), 'utf8')));
    const run = await spinlab(['grade', '04-queued-locks', file, '--json']);
    const result = JSON.parse(run.stdout) as GradeResult;
    const item = result.items.find((i) => i.id === 'snapshots-consistent')!;
    expect(item.passed).toBe(false);
    const message = item.findings[0]!.message;
    expect(message).toMatch(/read by IRP #\d+ has Pending \d+ \+ Flushed \d+ ≠ BytesWritten \d+/);
    expect(message).not.toMatch(/was not taken in one acquisition/);
  });
});
