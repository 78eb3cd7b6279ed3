/**
 * What the operating system adds around the sandbox child, where it can:
 *
 * - its own session and process group (`setsid`), so that a signal to "my
 *   process group" reaches only the child, never the grader;
 * - on Linux with `unshare` (root, or unprivileged user namespaces): its own
 *   PID namespace, where the grader's PID does not exist, so no signal can
 *   reach it at all, and its own network namespace, with no interface up.
 *
 * `SPINLAB_NAMESPACES=off` turns the namespaces off (debugging);
 * `SPINLAB_NAMESPACES=required` makes their absence an error rather than a
 * fallback. The choice is probed once per grader process.
 */
import { execa } from 'execa';
import { SpinlabError } from '../errors.js';

/** How the child is started. */
export interface Confinement {
  /** The command and the arguments that come before the child's own command line. */
  readonly command: string;
  readonly prefix: readonly string[];
  /** What holds. */
  readonly session: boolean;
  readonly namespaces: boolean;
}

const UNSHARE_VARIANTS: ReadonlyArray<readonly string[]> = [
  ['--net', '--pid', '--fork', '--kill-child'],
  ['--user', '--map-root-user', '--net', '--pid', '--fork', '--kill-child'],
];

let probed: Promise<Confinement> | undefined;

/** The confinement for sandbox children on this machine (probed on first use). */
export function confinement(): Promise<Confinement> {
  probed ??= probe();
  return probed;
}

async function probe(): Promise<Confinement> {
  const mode = process.env.SPINLAB_NAMESPACES ?? 'auto';
  if (process.platform === 'linux') {
    // Probed with `true`, all at once: a node start-up per probe would cost every `spinlab check` ~0.1 s.
    const [setsid, ...unshare] = await Promise.all([
      runs('setsid', ['true']),
      ...(mode === 'off' ? [] : UNSHARE_VARIANTS.map((variant) => runs('unshare', [...variant, 'setsid', 'true']))),
    ]);
    const works = UNSHARE_VARIANTS.findIndex((_, i) => unshare[i] === true);
    if (works >= 0) return { command: 'unshare', prefix: [...UNSHARE_VARIANTS[works]!, ...(setsid === true ? ['setsid'] : [])], session: setsid === true, namespaces: true };
    if (mode === 'required') {
      throw new SpinlabError(
        'SPINLAB_SANDBOX_UNAVAILABLE',
        'SPINLAB_NAMESPACES=required, but this machine cannot start a process in its own PID and network namespaces',
        'run as root, or enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1), or unset SPINLAB_NAMESPACES',
      );
    }
    if (setsid === true) return { command: 'setsid', prefix: [], session: true, namespaces: false };
  } else if (mode === 'required') {
    throw new SpinlabError('SPINLAB_SANDBOX_UNAVAILABLE', `SPINLAB_NAMESPACES=required, but namespaces exist only on Linux (this is ${process.platform})`, 'unset SPINLAB_NAMESPACES');
  }
  return { command: '', prefix: [], session: false, namespaces: false };
}

async function runs(command: string, args: readonly string[]): Promise<boolean> {
  try {
    const run = await execa(command, args, { reject: false, timeout: 10_000, stdin: 'ignore', stdout: 'ignore', stderr: 'ignore' });
    return run.exitCode === 0;
  } catch {
    return false;
  }
}
