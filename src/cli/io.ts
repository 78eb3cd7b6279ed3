/** What a command writes to, decided once in the CLI (color included). */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether to color output (TTY, no NO_COLOR, no --no-color). */
  readonly color: boolean;
  /** Whether stdout is a terminal (progress bars). */
  readonly tty: boolean;
}

/** The process's own stdout and stderr. */
export function processIo(colorFlag: boolean | undefined): CommandIo {
  const tty = process.stdout.isTTY === true;
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    color: colorFlag !== false && !noColor && tty,
    tty,
  };
}
