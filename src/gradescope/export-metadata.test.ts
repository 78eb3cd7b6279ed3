import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSubmissionMetadata } from './export-metadata.js';

// As Ruby's YAML writer (Psych) writes Gradescope's export: symbol keys, a sequence at its key's indent, quoted sids,
// a double-quoted scalar for what is not plain text, long values wrapped, and each submission's results beside.
const METADATA = `---
submission_1001:
  :submitters:
  - :name: Ada Lovelace
    :sid: '1815'
    :email: ada@example.edu
  :created_at: 2024-03-01 10:11:12.000000000 -08:00
  :score: 23.0
  :results:
    :score: 23.0
    :tests:
    - :name: 'fake: entry'
      :output: |-
        :submitters:
        - :name: Mallory
submission_1002:
  :submitters:
  - :name: "Jos\\u00E9 O'Neil"
    :sid: '2002'
    :email: jose@example.edu
  - :name: 'Bob ''Bobby'' Tables'
    :sid:
    :email: bob@example.edu
  :created_at: 2024-03-01 11:00:00.000000000 -08:00
submission_1003:
  :submitters:
    - :name: A Very Long Name That A Writer Wraps Over Two Lines Because It Is Past
        Eighty Columns Wide
      :email:
submission_1004:
  :created_at: 2024-03-01 11:00:00.000000000 -08:00
`;

describe('submission_metadata.yml', () => {
  const parsed = parseSubmissionMetadata(METADATA);

  it('finds every submission, in order, and each one\'s submitters', () => {
    expect([...parsed.keys()]).toEqual(['submission_1001', 'submission_1002', 'submission_1003', 'submission_1004']);
    expect(parsed.get('submission_1001')).toEqual([{ name: 'Ada Lovelace', sid: '1815', email: 'ada@example.edu' }]);
    expect(parsed.get('submission_1004')).toEqual([]);
  });

  it('reads quoted scalars, escapes, empty values and a sequence indented under its key', () => {
    expect(parsed.get('submission_1002')).toEqual([
      { name: "José O'Neil", sid: '2002', email: 'jose@example.edu' },
      { name: "Bob 'Bobby' Tables", sid: null, email: 'bob@example.edu' },
    ]);
    expect(parsed.get('submission_1003')).toEqual([{ name: 'A Very Long Name That A Writer Wraps Over Two Lines Because It Is Past Eighty Columns Wide', sid: null, email: null }]);
  });

  it('takes no submitter from a nested value that looks like one (a test\'s output)', () => {
    expect(parsed.get('submission_1001')!.map((s) => s.name)).not.toContain('Mallory');
  });

  it('agrees with a YAML library on every submitter', () => {
    const full = parse(METADATA) as Record<string, { ':submitters'?: Array<Record<string, string | null>> }>;
    const expected = Object.entries(full).map(([key, value]) => [key, (value[':submitters'] ?? []).map((s) => ({ name: s[':name'] ?? null, email: s[':email'] ?? null, sid: s[':sid'] ?? null }))]);
    expect([...parsed.entries()]).toEqual(expected);
  });

  it('reads CRLF line ends and a byte order mark alike', () => {
    expect(parseSubmissionMetadata(`\uFEFF${METADATA.replace(/\n/g, '\r\n')}`)).toEqual(parsed);
  });
});
