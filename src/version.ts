/** spinlab's version, read once from package.json. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INSTALL_ROOT } from './host-paths.js';

let cached: string | undefined;

/** The installed spinlab version (`0.1.0`). */
export function spinlabVersion(): string {
  cached ??= (JSON.parse(readFileSync(join(INSTALL_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return cached;
}
