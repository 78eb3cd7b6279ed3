import { describe, expect, it } from 'vitest';
import { CLEAR_SCREEN, watchScreenStart } from './watch-screen.js';

describe('check --watch screen', () => {
  it('clears a terminal (screen and scrollback) before each run', () => {
    expect(watchScreenStart(true, 2)).toBe(CLEAR_SCREEN);
    expect(CLEAR_SCREEN).toContain('\u001b[2J');
    expect(CLEAR_SCREEN).toContain('\u001b[3J');
  });

  it('separates runs by a numbered line, and prints no control code, in a pipe', () => {
    const start = watchScreenStart(false, 3);
    expect(start).toMatch(/^─+ spinlab check · run 3 ─+\n$/);
    expect(start).not.toContain('\u001b');
  });
});
