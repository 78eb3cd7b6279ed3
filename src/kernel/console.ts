/**
 * `console` for drivers: spinlab's sandbox gives a console that prints to the
 * report's output section (the first 16 KB) and never affects the score.
 * Declared here because drivers are type-checked with the ES library only
 * (no DOM, no Node types); the shape merges with the DOM's and Node's own
 * `Console`, so a project that has those too still type-checks.
 */
declare global {
  interface Console {
    log(...data: unknown[]): void;
    info(...data: unknown[]): void;
    warn(...data: unknown[]): void;
    error(...data: unknown[]): void;
    debug(...data: unknown[]): void;
    trace(...data: unknown[]): void;
  }
  // eslint-disable-next-line no-var
  var console: Console;
}

export {};
