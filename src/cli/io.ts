/** What a command writes to, decided once in the CLI (color included). */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether to color output (TTY, no NO_COLOR, no --no-color). */
  readonly color: boolean;
  /** Whether stdout is a terminal (progress bars). */
  readonly tty: boolean;
}

/** The standard streams whose reader went away (EPIPE): what is written to them from then on is dropped. */
const closed = new Set<NodeJS.WriteStream>();

/**
 * Lets a reader that goes away early (`spinlab list | head -1`) end the
 * output, not the command: after an EPIPE on stdout or stderr, writes to
 * that stream are dropped and the command finishes with its own exit code —
 * no stack trace. Any other error on the streams is thrown, as it would be
 * without a listener. Call once, before anything is written.
 */
export function tolerateClosedReaders(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      closed.add(stream);
    });
  }
}

/** Writes `text` to `stream` unless its reader has gone away. */
function writeTo(stream: NodeJS.WriteStream, text: string): void {
  if (!closed.has(stream) && !stream.destroyed) stream.write(text);
}

/** Resolves once what was written to stdout has been handed to the OS (at once if its reader went away). */
export function flushStdout(): Promise<void> {
  if (closed.has(process.stdout) || process.stdout.destroyed) return Promise.resolve();
  return new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
}

/** The process's own stdout and stderr. */
export function processIo(colorFlag: boolean | undefined): CommandIo {
  const tty = process.stdout.isTTY === true;
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return {
    out: (text) => writeTo(process.stdout, text),
    err: (text) => writeTo(process.stderr, text),
    color: colorFlag !== false && !noColor && tty,
    tty,
  };
}
