/**
 * What spinlab prints for a student to act on: replay commands that run
 * where they are read (never the grader's path), schedule codes that tell a
 * damaged copy from a changed driver, the failing schedule's console output,
 * and `check --all`.
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COURSE_GRADERS, ROOT, spinlab } from '../helpers/cli.js';

// A submission at an absolute path known to the test (with a space), in a repository of its own.
const top = realpathSync(mkdtempSync(join(tmpdir(), 'spinlab printed ')));
const sub = join(top, 'sub');
mkdirSync(sub);
mkdirSync(join(top, '.git'));
const buggy = readFileSync(join(ROOT, 'test/fixtures/submissions/buggy/driver.ts'), 'utf8');
const PRINTS = 30;
writeFileSync(join(sub, 'driver.ts'), buggy.replace('  ext.Count = ext.Count + 1;', `  for (let i = 0; i < ${PRINTS}; i++) console.log(\`write \${i}\`, ext.Count);\n  ext.Count = ext.Count + 1;`));
afterAll(() => rmSync(top, { recursive: true, force: true }));
const graders = join(ROOT, COURSE_GRADERS);
const grade = (...extra: string[]) => spinlab(['grade', 'e2e-count', sub, '--graders', graders, '--schedules', '20', '--no-typecheck', ...extra]);

interface Finding {
  readonly schedule: string | null;
  readonly replay: string | null;
  readonly output?: { readonly lines: readonly { cpu: number | null; routine: string | null; text: string }[]; readonly more: number };
}

describe('printed commands and output', () => {
  it('Gradescope and JUnit replay lines name the submission as the student knows it, never the grader’s absolute path', async () => {
    const gradescope = await grade('--format', 'gradescope');
    expect(gradescope.stdout).not.toContain(top);
    expect(gradescope.stdout).not.toContain(graders);
    expect(gradescope.stdout).toMatch(/Replay: npx spinlab replay e2e-count \. --schedule [A-Za-z0-9_-]+"/);
    const junit = await grade('--format', 'junit');
    const replays = junit.stdout.match(/replay: [^<]*/g) ?? [];
    expect(replays.length).toBeGreaterThan(0);
    for (const line of replays) expect(line).toMatch(/^replay: npx spinlab replay e2e-count sub --schedule [A-Za-z0-9_-]+$/);
  });

  it('a terminal’s replay command is relative to the working folder, and the real code replays; a damaged one is mistyped (exit 2), a changed driver is not', async () => {
    const run = await grade('--json');
    const finding = (JSON.parse(run.stdout) as { items: { findings: Finding[] }[] }).items.flatMap((item) => item.findings).find((f) => f.schedule !== null)!;
    expect(finding.replay).toMatch(/^npx spinlab replay e2e-count '\.\.\/[^']*sub' --schedule /);
    const code = finding.schedule!;
    const replay = (schedule: string) => spinlab(['replay', 'e2e-count', sub, '--schedule', schedule, '--graders', graders]);
    expect((await replay(code)).exitCode).toBe(0);
    const damaged = await replay(code.slice(0, 5) + code.slice(6));
    expect(damaged.exitCode).toBe(2);
    expect(damaged.stderr).toContain('this schedule code is mistyped (checksum mismatch) — copy it again from the report');
    writeFileSync(join(sub, 'driver.ts'), readFileSync(join(sub, 'driver.ts'), 'utf8').replace('for (let i = 0;', 'ext.Count = ext.Count + 0;\n  for (let i = 0;'));
    const changed = await replay(code);
    expect(changed.stderr).toContain('the driver changed since this code was made');
    expect(changed.stderr).not.toContain('mistyped');
  });

  it('shows the console output of the schedule whose code is printed, labelled, with how many lines are not shown', async () => {
    const json = await grade('--json');
    const result = JSON.parse(json.stdout) as { items: { passed: boolean; findings: Finding[] }[] };
    const first = result.items.filter((item) => !item.passed && item.findings.length > 0)[0]!.findings[0]!;
    const output = first.output!;
    expect(output.lines[0]).toMatchObject({ routine: 'DispatchWrite', text: 'write 0 0' });
    expect(output.lines.length + output.more).toBeGreaterThan(20);
    expect((output.lines.length + output.more) % PRINTS).toBe(0);
    const text = (await grade()).stdout;
    expect(text).toContain(`Your driver printed, in schedule ${first.schedule}`);
    expect(text).toMatch(new RegExp(`\\n  CPU \\d DispatchWrite \\| write 0 0\\n`));
    expect(text).toContain(`  ${output.lines.length + output.more - 20} more lines not shown`);
  });

  it('check --all prints every finding of each lost item; without it, points there', async () => {
    // The starter of 02 loses an item to several findings.
    const check = (...extra: string[]) => spinlab(['check', '02-executive-lock', 'exercises/02-executive-lock/driver.ts', '--schedules', '30', '--no-typecheck', ...extra]);
    const json = JSON.parse((await check('--json')).stdout) as { items: { passed: boolean; findings: Finding[] }[] };
    const lost = json.items.filter((item) => !item.passed);
    // Each finding from a schedule prints its replay line (one of the all-paths rule prints its path instead).
    const all = lost.reduce((n, item) => n + item.findings.filter((f) => f.replay !== null).length, 0);
    const firsts = lost.filter((item) => item.findings.length > 0 && item.findings[0]!.replay !== null).length;
    expect(all).toBeGreaterThan(firsts);
    const some = (await check()).stdout;
    expect(some.match(/^ {2}replay: /gm)).toHaveLength(firsts);
    expect(some).toMatch(/\(\+\d+ more: run with --all\)/);
    expect(some).not.toContain('--json');
    const every = (await check('--all')).stdout;
    expect(every.match(/^ {2}replay: /gm)).toHaveLength(all);
    expect(every).not.toContain('more: run with --all');
  });
});
