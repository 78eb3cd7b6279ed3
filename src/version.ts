/** spinlab's version, read once from package.json. */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The installed spinlab version (`0.1.0`). */
export function spinlabVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
