/** Headless Chromium for the tests that open spinlab's HTML pages: Debian's package, installed when missing (a few minutes once). */
import { existsSync } from 'node:fs';
import { execa } from 'execa';

export const CHROMIUM = '/usr/bin/chromium';
/** Without these, a headless Chromium on a machine with no network hangs on connections it tries to make. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Installs Debian's chromium if it is missing; the reason it is still not there, or null. */
export async function ensureChromium(): Promise<string | null> {
  if (existsSync(CHROMIUM)) return null;
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) return `no ${CHROMIUM} and no apt-get to install Debian's chromium package with`;
  if (process.getuid?.() !== 0) return `no ${CHROMIUM}, and not root: apt-get install chromium needs root`;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => execa('apt-get', ['install', '-y', 'chromium'], { env, reject: false, timeout: 480_000 });
  let run = await install();
  if (!existsSync(CHROMIUM)) {
    await execa('apt-get', ['update'], { env, reject: false, timeout: 180_000 });
    run = await install();
  }
  return existsSync(CHROMIUM) ? null : `apt-get install chromium did not give ${CHROMIUM}: ${String(run.stderr).trim().split('\n').slice(-3).join(' / ')}`;
}
