import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/checks/error-codes.js';
import { CHECK_IDS } from '../../src/checks/finding.js';
import { EXPLANATIONS } from '../../src/checks/explanations/index.js';
import { spinlab } from '../helpers/cli.js';

describe('spinlab explain', () => {
  it('explains a check by error code or id alike: rule, authority, the wrong and the right example (exit 0)', async () => {
    const byCode = await spinlab(['explain', 'SL0015']);
    expect(byCode.exitCode).toBe(0);
    expect(byCode.stdout.split('\n')[0]).toMatch(/^SL0015 {2}data-race: /);
    expect(byCode.stdout).toContain('happens-before race detection');
    // Both examples are printed as written, each line indented under its heading.
    const wrong = byCode.stdout.indexOf('Wrong: SL0015 fires');
    const right = byCode.stdout.indexOf('\nRight\n');
    expect(wrong).toBeGreaterThan(0);
    expect(right).toBeGreaterThan(wrong);
    expect(byCode.stdout.slice(wrong, right)).toContain(EXPLANATIONS['data-race'].wrong.code.split('\n')[2]!);
    expect(byCode.stdout.slice(right)).toContain(EXPLANATIONS['data-race'].right.code.split('\n')[2]!);
    const byId = await spinlab(['explain', 'data-race']);
    expect(byId).toEqual(byCode);
    expect((await spinlab(['explain', 'sl0015'])).stdout).toBe(byCode.stdout);
  });

  it('lists every code with its check when given nothing (exit 0)', async () => {
    const run = await spinlab(['explain']);
    expect(run.exitCode).toBe(0);
    for (const id of CHECK_IDS) expect(run.stdout).toMatch(new RegExp(`^${ERROR_CODES[id]} {2}${id} `, 'm'));
  });

  it('refuses an unknown name with what was likely meant, no stack trace (exit 2)', async () => {
    const typo = await spinlab(['explain', 'data-rase']);
    expect(typo.exitCode).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toContain('did you mean `data-race`?');
    expect(typo.stderr).not.toMatch(/\n\s+at /);
    const code = await spinlab(['explain', 'SL0105']);
    expect(code.exitCode).toBe(2);
    expect(code.stderr).toContain('did you mean `SL0005`?');
  });
});
