import { describe, expect, it } from 'vitest';
import { sampleResult } from '../../test/helpers/result.js';
import { OutputRecorder } from '../explore/schedule-output.js';
import type { GradeResult, ResultFinding, ResultItem, ResultOutput } from '../rubric/result.js';
import { consoleSection, SHOWN_LINES } from './console-text.js';
import { renderText } from './text.js';

/** `n` lines printed by DispatchWrite on CPU 1, recorded as the locator records a schedule's output. */
function printed(n: number, text = 'line'): ResultOutput {
  const recorder = new OutputRecorder();
  for (let i = 0; i < n; i++) recorder.print(`${text} ${i}\n`, { cpu: 1, routine: 'DispatchWrite' });
  return recorder.output()!;
}

/** The sample result with its lost item's findings replaced by `findings`. */
function withFindings(findings: ResultFinding[], overrides: Partial<GradeResult> = {}): GradeResult {
  const base = sampleResult();
  const items: ResultItem[] = base.items.map((item) => (item.id === 'race' ? { ...item, findings } : item));
  return { ...base, items, ...overrides };
}

const finding = sampleResult().items[1]!.findings[0]!;

describe('console output in the text report', () => {
  it('records whole lines with who printed them, and counts the lines past the kept ones', () => {
    const recorder = new OutputRecorder();
    recorder.print('a\nb\n', { cpu: 0, routine: 'AddDevice' });
    recorder.print('c\n', { cpu: null, routine: null });
    expect(recorder.output()).toEqual({ lines: [{ cpu: 0, routine: 'AddDevice', text: 'a' }, { cpu: 0, routine: 'AddDevice', text: 'b' }, { cpu: null, routine: null, text: 'c' }], more: 0 });
    expect(printed(100)).toMatchObject({ more: 60 });
    expect(printed(100).lines).toHaveLength(40);
  });

  it('shows only the schedule of the first finding shown, labelled by its code, CPU and routine, cut at whole lines with the count left out', () => {
    const first = { ...finding, schedule: 'FirstCode', output: printed(100, 'first') };
    const second = { ...finding, schedule: 'SecondCode', output: printed(3, 'second') };
    const section = consoleSection(withFindings([first, second]).items, [], 'explored everywhere\n', false)!;
    expect(section.heading).toContain('FirstCode');
    expect(section.lines).toHaveLength(SHOWN_LINES + 1);
    expect(section.lines[0]).toBe('  CPU 1 DispatchWrite | first 0');
    expect(section.lines[SHOWN_LINES]).toBe(`  ${100 - SHOWN_LINES} more lines not shown`);
    expect(section.lines.join('\n')).not.toMatch(/second|explored/);
  });

  it('shows nothing when the failing schedule printed nothing, though others did', () => {
    expect(consoleSection(withFindings([finding]).items, [], 'from another schedule\n', false)).toBeNull();
  });

  it('shows the exploration’s first lines, whole, when no finding comes from a schedule', () => {
    const explored = Array.from({ length: 25 }, (_, i) => `p${i}`).join('\n');
    const section = consoleSection(withFindings([]).items, [], explored, false)!;
    expect(section.lines.slice(0, 2)).toEqual(['  | p0', '  | p1']);
    expect(section.lines[SHOWN_LINES]).toBe('  5 more lines not shown');
  });

  it('is what the text report prints, its lines made inert', () => {
    const text = renderText(withFindings([{ ...finding, output: { lines: [{ cpu: 2, routine: 'DpcRoutine', text: '::error::forged' }], more: 0 } }]), { color: false, audience: 'student' });
    expect(text).toContain('  CPU 2 DpcRoutine | ::error::forged');
    expect(text).not.toMatch(/^::error::/m);
  });
});
