/** Opening a file the way the user's desktop would (`spinlab check --html --open`). */
import { spawn } from 'node:child_process';

/** The platform's opener for `file`: `open` (macOS), `cmd /c start` (Windows), `xdg-open` elsewhere. */
function opener(file: string): { command: string; args: string[] } {
  if (process.platform === 'darwin') return { command: 'open', args: [file] };
  // `start` is a cmd built-in; its first quoted argument is a window title.
  if (process.platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', file] };
  return { command: 'xdg-open', args: [file] };
}

/**
 * Starts the opener for `file`, detached (spinlab does not wait for the
 * browser). Resolves to the opener's name once it has started (whether a
 * browser shows up is the desktop's business), or to why it could not start
 * (no opener installed): the caller prints the path either way.
 */
export function openFile(file: string): Promise<{ readonly opener: string; readonly failed: string | null }> {
  const { command, args } = opener(file);
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true });
    } catch (error) {
      resolve({ opener: command, failed: `${command} could not start: ${(error as Error).message}` });
      return;
    }
    child.once('error', (error: NodeJS.ErrnoException) => resolve({ opener: command, failed: error.code === 'ENOENT' ? `no ${command} on this machine` : `${command} failed: ${error.message}` }));
    child.once('spawn', () => {
      child.unref();
      resolve({ opener: command, failed: null });
    });
  });
}
