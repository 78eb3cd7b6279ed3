import { describe, expect, it } from 'vitest';
import { timelineOf } from '../cli/commands/replay-run.js';
import type { TraceEntry } from '../machine/index.js';
import type { ResultFinding } from '../rubric/result.js';
import { writers } from '../../test/fixtures/scenarios/index.js';
import { exploreFixture } from '../../test/helpers/explore-fixture.js';
import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { renderTimeline, timelineRows, type Timeline, type TimelineEntry, type TimelineFinding } from './timeline.js';
import { renderTimelineHtml } from './timeline-bound.js';
import { wrapText } from './text-wrap.js';
import { htmlProblems, terminalProblems } from '../../test/helpers/inert.js';
import { HOSTILE } from '../../test/helpers/result.js';
import { MAX_REPORT_BYTES } from '../rubric/result-limits.js';
import { mapStrings } from './sanitize.js';

/** The timeline `spinlab replay` draws for the unlocked counter's first racing schedule (pct, seed 1), replayed. */
async function racingTimeline(): Promise<Timeline> {
  const found = await exploreFixture('unlocked', writers(), { schedules: 1 });
  const code = found.result.groups.find((g) => g.finding.check === 'data-race')!.code;
  const replayed = await exploreFixture('unlocked', writers(), { strategy: 'replay', schedule: code, timeline: true });
  return timelineOf({ status: 'replayed', driver: replayed.driver, result: replayed.result, entry: 'unlocked.ts' }, { exercise: 'e2e-count', submission: 'unlocked.ts', schedule: code });
}

const columns = (line: string): number => [...stripAnsi(line)].length;

describe('the text timeline of a real replay (unlocked counter, pct seed 1)', async () => {
  const timeline = await racingTimeline();
  const race = timeline.findings.findIndex((f) => f.finding.check === 'data-race');
  const raceFinding = timeline.findings[race]!;
  const rows = timelineRows(timeline);

  it('fits 100 columns on 4 CPUs, with and without color', () => {
    expect(timeline.cpus).toBe(4);
    for (const color of [false, true]) {
      const text = renderTimeline(timeline, { color });
      const lines = text.trimEnd().split('\n');
      expect(Math.max(...lines.map(columns))).toBeLessThanOrEqual(100);
      expect(/\u001b\[/.test(text)).toBe(color);
    }
  });

  it('folds runs of accesses to other fields, and only those: every line is a row or in exactly one fold', () => {
    const folds = rows.filter((r) => r.kind === 'fold');
    expect(folds.length).toBeGreaterThan(0);
    const shown = rows.filter((r) => r.kind === 'entry').map((r) => r.index);
    expect(shown.length + folds.reduce((sum, f) => sum + f.count, 0)).toBe(timeline.entries.length);
    expect(rows.length).toBeLessThan(timeline.entries.length);
    const folded = timeline.entries.filter((_, i) => !shown.includes(i));
    for (const entry of folded) {
      expect(['read', 'write']).toContain(entry.type);
      expect(entry.target).not.toBe('ext.Count');
    }
    for (const fold of folds) expect(fold.count).toBeGreaterThanOrEqual(2);
    const text = renderTimeline(timeline, { color: false });
    expect(text.match(/… \d+ accesses/g)).toHaveLength(folds.length);
  });

  it("shows every access to the race's field, and every kernel call with what it takes", () => {
    expect(raceFinding.finding.target).toBe('ext.Count');
    const accesses = timeline.entries.filter((e) => (e.type === 'read' || e.type === 'write') && e.target === 'ext.Count');
    const text = renderTimeline(timeline, { color: false });
    expect(text.match(/[RW] ext\.Count/g)).toHaveLength(accesses.length);
    const calls = timeline.entries.filter((e) => e.type === 'call');
    expect(calls.length).toBeGreaterThan(0);
    expect(text.match(/KeStallExecution/g)).toHaveLength(calls.filter((c) => c.what === 'KeStallExecutionProcessor').length);
  });

  it("marks the race's own access and its other side on the rows of their events", () => {
    const marked = rows.flatMap((r) => (r.kind === 'entry' ? r.marks.filter((m) => m.finding === race + 1).map((m) => ({ m, e: r.entry })) : []));
    const own = marked.find((x) => x.m.related === null)!;
    const other = marked.find((x) => x.m.related === 0)!;
    expect(own.e.seq).toBe(raceFinding.seq);
    expect(other.e.seq).toBe(raceFinding.relatedSeqs[0]);
    for (const { e } of [own, other]) {
      expect(['read', 'write']).toContain(e.type);
      expect(e.target).toBe('ext.Count');
    }
    expect(own.e.cpu).not.toBe(other.e.cpu);
    const lines = renderTimeline(timeline, { color: false }).split('\n');
    const ownLine = lines.filter((l) => l.endsWith(`◀ data-race ${race + 1}`));
    const otherLine = lines.filter((l) => l.endsWith(`◀ ${race + 1}'`));
    expect(ownLine).toHaveLength(1);
    expect(otherLine).toHaveLength(1);
    // The mark is on the CPU's lane: the text starts in its column (5 + 19 per lane, after the lane line).
    expect(ownLine[0]!.slice(5 + own.e.cpu * 19 + 2)).toMatch(/^[RW] ext\.Count/);
    expect(otherLine[0]!.slice(5 + other.e.cpu * 19 + 2)).toMatch(/^[RW] ext\.Count/);
    // The student's line is beside both: the line the race is reported at.
    expect(ownLine[0]).toContain(` ${raceFinding.finding.location!.line} ◀`);
  });

  it('lists each finding below, with its check, place and other side', () => {
    const text = renderTimeline(timeline, { color: false });
    const f = raceFinding.finding;
    expect(text).toContain(`◀ ${race + 1}  data-race ext.Count  ${f.location!.file}:${f.location!.line}`);
    expect(text).toContain(`  ${race + 1}'  ${f.related[0]!.label}`);
  });
});

/** A synthetic trace line. */
function line(step: number, seq: number, cpu: number, type: TraceEntry['type'], what: string, extra: Partial<TimelineEntry> = {}): TimelineEntry {
  return { step, seq, cpu, context: `writer${cpu}`, contextKind: 'thread', routine: 'DispatchWrite', irql: 0, type, what, locks: [], ...extra };
}

/** A synthetic finding at `seq`, its other side at `related`. */
function finding(check: string, seq: number, related: number | null, extra: Partial<ResultFinding> = {}): TimelineFinding {
  const base: ResultFinding = {
    check,
    rule: 'rule',
    message: 'message',
    routine: 'DispatchWrite',
    context: 'thread',
    cpu: 1,
    irql: 0,
    target: 'ext.Count',
    location: { file: 'driver.ts', line: 12, column: 3 },
    source: 'ext.Count = ext.Count + 1;',
    related: related === null ? [] : [{ label: 'the other write', routine: 'DispatchWrite', cpu: 0, locks: ['ext.Lock'], location: { file: 'driver.ts', line: 12, column: 3 }, source: 'ext.Count = ext.Count + 1;' }],
    schedulesFailed: 1,
    schedule: 'CODE',
    replay: null,
  };
  return { finding: { ...base, ...extra }, seq, relatedSeqs: related === null ? [] : [related] };
}

const place = (line: number, source: string | null = 'ext.Count = ext.Count + 1;') => ({ file: 'driver.ts', line, source });

/** CPU 0 takes the lock around its write; CPU 1 writes with no lock: a race. */
function lockedTimeline(): Timeline {
  const entries: TimelineEntry[] = [
    line(1, 0, 0, 'enter', 'enter DispatchWrite'),
    line(1, 1, 0, 'call', 'KeAcquireSpinLock', { target: 'ext.Lock', place: place(10, 'const old = await KeAcquireSpinLock(ext.Lock);') }),
    line(2, 2, 0, 'read', 'reads', { target: 'ext.Count', irql: 2, locks: ['ext.Lock'], place: place(12) }),
    line(2, 3, 0, 'write', 'writes', { target: 'ext.Count', irql: 2, locks: ['ext.Lock'], place: place(12) }),
    line(2, 4, 0, 'read', 'reads', { target: 'IRP#1.IoStatus', irql: 2, locks: ['ext.Lock'] }),
    line(2, 5, 0, 'read', 'reads', { target: 'IRP#1.IoStatus', irql: 2, locks: ['ext.Lock'] }),
    line(2, 6, 0, 'call', 'KeReleaseSpinLock', { target: 'ext.Lock', irql: 2, locks: ['ext.Lock'], place: place(13, 'await KeReleaseSpinLock(ext.Lock, old);') }),
    line(3, 6, 0, 'return', 'return from DispatchWrite'),
    line(4, 7, 1, 'enter', 'enter DispatchWrite'),
    line(4, 8, 1, 'write', 'writes', { target: 'ext.Count', place: place(12) }),
    line(4, 8, 1, 'return', 'return from DispatchWrite'),
  ];
  return { exercise: '01-initialize-lock', submission: 'driver.ts', entry: 'driver.ts', schedule: 'CODE', cpus: 4, entries, findings: [finding('data-race', 8, 3)] };
}

describe('the text timeline, drawn', () => {
  it('shows IRQL and held locks only where they change, and the lane held while a lock is', () => {
    const lines = renderTimeline(lockedTimeline(), { color: false }).split('\n');
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(lines[at('→ DispatchWrite')]).toContain('│ P → DispatchWrite');
    expect(lines[at('KeAcquireSpinLock')]).toMatch(/│ KeAcquireSpinLock\s+10$/);
    expect(lines[at('KeAcquireSpinLock') + 1]).toMatch(/│ {3}ext\.Lock$/);
    // Raised to DISPATCH_LEVEL holding ext.Lock: shown once, on a line of its own (the event does not fit beside it).
    expect(lines[at('D [ext.Lock]')]).toMatch(/┃ D \[ext\.Lock\]$/);
    expect(lines[at('D [ext.Lock]') + 1]).toMatch(/┃ R ext\.Count\s+12$/);
    expect(lines[at('W ext.Count')]).toMatch(/┃ W ext\.Count\s+12 ◀ 1'$/);
    expect(lines[at('… 2 accesses …')]).toContain('┃ … 2 accesses …');
    expect(lines[at('KeReleaseSpinLock')]).toContain('┃ KeReleaseSpinLock');
    expect(lines.filter((l) => l.includes('[ext.Lock]'))).toHaveLength(1);
    expect(lines[at('P []')]).toMatch(/│ P \[\]$/);
    expect(lines[at('P []') + 1]).toMatch(/│ ← DispatchWrite$/);
    expect(lines.filter((l) => /[│┃] D /.test(l))).toHaveLength(1);
  });

  it('breaks a long kernel routine between the words of its name', () => {
    expect(wrapText('KeAcquireInStackQueuedSpinLock ext.Lock', 17)).toEqual(['KeAcquireInStack', 'QueuedSpinLock', 'ext.Lock']);
    expect(wrapText('D [ext.Lock] KeReleaseSpinLock ext.Lock', 17, 3, 2)).toEqual(['D [ext.Lock]', '  KeReleaseSpin', '  Lock ext.Lock']);
    expect(wrapText('a b c d e f g h', 3, 2)).toEqual(['a b', 'c …']);
    for (const l of wrapText('R device.DeviceExtension.SomethingVeryLongIndeed[12].Field', 17, 3, 2)) expect(l.length).toBeLessThanOrEqual(17);
  });

  it('keeps a word longer than the width whole when told not to break words', () => {
    expect(wrapText('a KeAcquireInStackQueuedSpinLock b', 10, Number.POSITIVE_INFINITY, 0, false)).toEqual(['a', 'KeAcquireInStackQueuedSpinLock', 'b']);
  });

  it('fits 100 columns up to 6 CPUs; past that each lane keeps 12', () => {
    for (const cpus of [1, 2, 3, 4, 5, 6]) {
      const text = renderTimeline({ ...lockedTimeline(), cpus }, { color: false });
      expect(Math.max(...text.split('\n').map(columns))).toBeLessThanOrEqual(100);
    }
    const eight = renderTimeline({ ...lockedTimeline(), cpus: 8 }, { color: false });
    expect(eight.split('\n')[0]!.indexOf('CPU 7')).toBe(5 + 7 * 12 + 1);
  });
});

describe('a timeline whose every name and line the student chose is hostile', () => {
  // Routine, context, field and file names, source lines and messages: everything but spinlab's own words.
  const own = new Set(['type', 'contextKind', 'what', 'check', 'rule', 'schedule', 'exercise']);
  const hostile = (): Timeline => mapStrings(lockedTimeline(), (text, key) => (key !== undefined && own.has(key) ? text : `${HOSTILE}${text}`));

  it('draws an inert text timeline, plain and in color', () => {
    expect(terminalProblems(renderTimeline(hostile(), { color: false }), 'timeline')).toEqual([]);
    expect(terminalProblems(renderTimeline(hostile(), { color: true }), 'timeline (color)', true)).toEqual([]);
  });

  it('draws an inert page, with spinlab’s markup only', () => {
    expect(htmlProblems(renderTimelineHtml(hostile()))).toEqual([]);
  });
});

describe('the HTML timeline', () => {
  it('escapes everything the student wrote', () => {
    const hostile = '</script><img src=x onerror=alert(1)>';
    const timeline = lockedTimeline();
    const entries = timeline.entries.map((e) => (e.place === undefined ? e : { ...e, place: { ...e.place, source: hostile } }));
    entries[0] = { ...entries[0]!, routine: '<b onmouseover=alert(2)>', context: '"><svg onload=alert(3)>' };
    const html = renderTimelineHtml({
      ...timeline,
      submission: '<i>drv</i>.ts',
      entries,
      findings: [finding('data-race', 8, 3, { message: `${hostile} & more`, target: 'ext["<u>"]', source: hostile })],
    });
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;b onmouseover=alert(2)&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(3)&gt;');
    expect(html).toContain('ext[&quot;&lt;u&gt;&quot;]');
    expect(html).not.toMatch(/<script|<\/script|<img|<b |<i>|<u>|<svg onload/i);
  });

  it('draws the lanes, the IRQL bands, the lock span from acquire to release, the marks and the race line', () => {
    const html = renderTimelineHtml(lockedTimeline());
    expect(html.match(/<section class="lane" data-cpu="\d"/g)).toHaveLength(4);
    // CPU 0 goes P → D → P; CPU 1 stays P; CPUs 2 and 3 never ran.
    expect([...html.matchAll(/class="irql-band irql-\w+" data-irql="(\d+)"/g)].map((m) => m[1])).toEqual(['0', '2', '0', '0']);
    const spans = [...html.matchAll(/class="lock-span" data-lock="ext\.Lock" data-context="writer0" data-from="\d+" data-to="\d+" style="top:(\d+)px;height:(\d+)px/g)];
    expect(spans).toHaveLength(1);
    // From the acquire's row (the second) to the release's (the fifth: the two IRP reads fold into one short row).
    expect(Number(spans[0]![1])).toBe(28 + 2);
    expect(Number(spans[0]![1]) + Number(spans[0]![2])).toBe(28 * 5 + 18 - 2);
    expect(html).toMatch(/class="event write mark" data-finding="1" data-mark="1" /);
    expect(html).toMatch(/class="event write mark" data-finding="1" data-mark="1&apos;" /);
    const race = /<svg class="link" style="left:[^;]+;top:(\d+)px;width:[^;]+;height:(\d+)px" aria-hidden="true"><line class="race" data-finding="1" x1="0" y1="(0|100%)" x2="100%" y2="(0|100%)"/.exec(html)!;
    // From CPU 0's write (the fourth row, left) up from CPU 1's (the ninth, after one fold, right): each at the middle of its row.
    expect(Number(race[1])).toBe(28 * 3 + 14);
    expect(Number(race[1]) + Number(race[2])).toBe(28 * 7 + 18 + 14);
    expect([race[3], race[4]]).toEqual(['0', '100%']);
    expect(html).toContain('<code>ext.Count = ext.Count + 1;</code>');
  });

  it('joins the sides of a finding that is not a race with a dashed link, and lists one without a step as decided at the end', () => {
    const timeline = { ...lockedTimeline(), findings: [finding('held-at-return', 1, 6, { target: undefined, lock: 'ext.Lock' }), finding('invariant', -1, null)] };
    const html = renderTimelineHtml(timeline);
    expect(html).toMatch(/<line class="link" data-finding="1" /);
    expect(html).not.toContain('class="race"');
    expect(html).toMatch(/id="finding-2"[^]*decided at the end/);
  });
});

describe('a timeline laid out in one pass over pathological traces', () => {
  // Many findings on long dotted fields, a trace touching fields inside each: every line asks whether it is inside a finding's field.
  const deep = 'ext' + '.a'.repeat(250);
  const many = (): Timeline => {
    const findings = Array.from({ length: 2_000 }, (_, i) => finding('data-race', i, null, { target: `${deep}.f${i}` }));
    const entries = Array.from({ length: 4_000 }, (_, i) => line(i, i, i % 4, 'write', 'writes', { target: `${deep}.f${i % 3_000}.x` }));
    return { ...lockedTimeline(), entries, findings };
  };
  // One context takes 1,500 locks and holds them all: every line lists every lock it holds.
  const held = (): Timeline => {
    const locks = Array.from({ length: 1_500 }, (_, i) => `ext.Locks[${i}]`);
    const entries = locks.map((lock, i) => line(i, i, 0, 'call', 'KeAcquireSpinLockAtDpcLevel', { target: lock, irql: 2, locks: locks.slice(0, i + 1) }));
    return { ...lockedTimeline(), entries, findings: [] };
  };
  // A field whose path is a megabyte of dots.
  const long = (): Timeline => ({ ...lockedTimeline(), entries: [line(1, 1, 0, 'write', 'writes', { target: 'ext.'.repeat(1 << 18) })], findings: [finding('data-race', 1, null, { target: 'ext.'.repeat(1 << 18) })] });

  // A run as long as a step budget allows, every name as long as a name may be.
  const longRun = (): Timeline => {
    const name = 'n'.repeat(5_000);
    const entries = Array.from({ length: 8_000 }, (_, i) => line(i, i, i % 4, 'call', `Ke${name}`, { target: `ext.${name}`, routine: name, context: name, place: { file: name, line: i, source: name } }));
    return { ...lockedTimeline(), entries, findings: [finding('data-race', 4_000, 4_001)] };
  };

  it.each([
    ['2,000 findings on deep fields, 4,000 lines', many],
    ['1,500 locks held at once', held],
    ['a 1 MB field path', long],
    ['8,000 events with 5,000-character names', longRun],
  ])('%s: text, and a page under 1 MB', (_name, make) => {
    const timeline = make();
    expect(timelineRows(timeline).length).toBeGreaterThan(0);
    expect(renderTimeline(timeline, { color: false }).length).toBeGreaterThan(0);
    const page = renderTimelineHtml(timeline);
    expect(Buffer.byteLength(page)).toBeLessThanOrEqual(MAX_REPORT_BYTES);
    expect(htmlProblems(page)).toEqual([]);
  }, 60_000);

  it('says what a page left out, and keeps the findings’ own steps', () => {
    const page = renderTimelineHtml(longRun());
    expect(page).toMatch(/left out to keep this page under 1 MB: \d+ events and 0 findings/);
    expect(page).toMatch(/data-finding="1" data-mark="1"/);
    expect(renderTimelineHtml(lockedTimeline())).not.toContain('left out');
  });
});
