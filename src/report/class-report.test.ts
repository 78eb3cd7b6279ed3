import { describe, expect, it } from 'vitest';
import { csvProblems, htmlProblems } from '../../test/helpers/inert.js';
import { HOSTILE, hostileResult, sampleResult } from '../../test/helpers/result.js';
import { classFigures } from './class-figures.js';
import { ITEMS_CSV_COLUMNS, mostLostLine, renderClassReportHtml, renderItemsCsv } from './class-report.js';
import { parseCsv } from './csv.js';

const crashed = hostileResult({ submission: 'x', status: 'crashed', message: 'the driver threw', score: 0 });
const results = [sampleResult(), sampleResult({ submission: 'bob' }), crashed, hostileResult({ status: 'timed-out', message: 'too long', score: 0 })];
const figures = classFigures(results);

describe('items.csv', () => {
  it('has a row per item with the figures, and reads back as CSV', () => {
    const csv = renderItemsCsv(figures);
    const records = csv.trim().split('\n');
    expect(records[0]).toBe(ITEMS_CSV_COLUMNS.join(','));
    expect(records).toHaveLength(1 + figures.items.length);
    // The sample loses `race` and `secret` and keeps `init`; so do the two not graded.
    const parsed = parseCsv(csv).rows;
    expect(parsed.map((r) => r.submission)).toEqual(['init', 'race', 'secret']);
    expect(records[2]).toBe('race,"No race on <Count> & ""friends""",visible,2,4,4,100,2,2,0');
    expect(records[1]).toBe('init,Initialized first,visible,3,4,0,0,2,0,3');
    expect(csvProblems(csv, 'items.csv')).toEqual([]);
  });
});

describe('report.html', () => {
  const html = renderClassReportHtml(figures, '0.1.0');

  it('is self-contained and inert with hostile ids and messages', () => {
    expect(html).not.toMatch(/<script|<link|<img|\bsrc=|https?:\/\//i);
    expect(htmlProblems(html, 'report.html')).toEqual([]);
    expect(html).not.toContain(HOSTILE.slice(0, 20));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('has a row per item with its rate, a bar per score, and every submission not graded with its status', () => {
    expect(html.match(/<tr data-item="[^"]+" data-lost="\d+">/g)).toEqual(['<tr data-item="init" data-lost="0">', '<tr data-item="race" data-lost="4">', '<tr data-item="secret" data-lost="4">']);
    expect(html.match(/class="bar" data-score="\d+" data-count="\d+"/g)).toHaveLength(figures.maxScore + 1);
    expect(html.match(/<tr data-status="[^"]+">/g)).toEqual(['<tr data-status="crashed">', '<tr data-status="timed-out">']);
    expect(html).toContain('the driver threw');
  });

  it('says every submission was graded when none failed', () => {
    const page = renderClassReportHtml(classFigures([sampleResult()]), '0.1.0');
    expect(page).toContain('Every submission was graded.');
    expect(page).not.toMatch(/<tr data-status=/);
  });
});

describe('mostLostLine', () => {
  it('names the most-lost items with their rate, and nothing when none is lost', () => {
    expect(mostLostLine(figures, 3)).toBe('most lost: race 100% (4 of 4), secret 100% (4 of 4)');
    const full = sampleResult({ items: sampleResult().items.map((item) => ({ ...item, points: item.maxPoints, passed: true })) });
    expect(mostLostLine(classFigures([full]), 3)).toBeNull();
  });
});
