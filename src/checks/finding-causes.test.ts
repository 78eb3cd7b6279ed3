import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDING_CAUSES } from './finding.js';

describe('finding causes', () => {
  it('are the causes the result schema allows, each once', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schemas/result.schema.json', import.meta.url), 'utf8')) as unknown;
    const found: unknown[] = [];
    JSON.stringify(schema, (key, value: unknown) => {
      if (key === 'cause' && typeof value === 'object' && value !== null && 'enum' in value) found.push((value as { enum: unknown }).enum);
      return value;
    });
    expect(found).toEqual([[...FINDING_CAUSES]]);
  });
});
