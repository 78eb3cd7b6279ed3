import { describe, expect, it } from 'vitest';
import { parseTypeScript, parseTypeScriptSync } from './typescript-module.js';

const SOURCE = 'export function f(x: number): number {\n  return x + 1;\n}\n';

describe('a TypeScript file parsed for the static checks', () => {
  it('maps node positions back to the TypeScript', async () => {
    const parsed = await parseTypeScript('a.ts', 'type T = number;\n\nfunction g(x: T): T {\n  return x;\n}\n');
    const [fn] = parsed.program.body;
    // The type is gone from the JavaScript: the function is its first line, and the TypeScript's third.
    expect(fn!.loc!.start.line).toBe(1);
    expect(parsed.place(fn!.loc!.start)).toEqual({ line: 3, column: 1 });
  });

  it('is not parsed again, synchronously, once parsed (esbuild would start a worker and a second process for it)', async () => {
    const parsed = await parseTypeScript('b.ts', SOURCE);
    expect(parseTypeScriptSync('b.ts', SOURCE)).toBe(parsed);
    expect(await parseTypeScript('b.ts', SOURCE)).toBe(parsed);
  });

  it('is parsed again when its source changed', async () => {
    const first = await parseTypeScript('c.ts', SOURCE);
    const changed = parseTypeScriptSync('c.ts', SOURCE.replace('x + 1', 'x + 2'));
    expect(changed).not.toBe(first);
    expect(changed.code).toContain('x + 2');
  });

  it('throws on a syntax error, both ways', async () => {
    await expect(parseTypeScript('d.ts', 'export const = ;')).rejects.toThrow();
    expect(() => parseTypeScriptSync('d.ts', 'export const = ;')).toThrow();
  });
});
