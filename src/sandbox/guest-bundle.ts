/**
 * The guest bundle: spinlab's kernel API compiled into one script for a vm
 * context. `npm run build` writes it to dist/guest.js; running from source
 * (the tests), it is bundled on first use.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let cached: string | undefined;

/** The guest bundle's source: a script whose completion defines the guest global. */
export async function guestBundle(): Promise<string> {
  if (cached !== undefined) return cached;
  const built = resolve(here, '../guest.js');
  if (existsSync(built)) {
    cached = readFileSync(built, 'utf8');
    return cached;
  }
  const { bundleGuest } = await import('./guest-build.js');
  cached = await bundleGuest(resolve(here, '../kernel/guest/realm-entry.ts'));
  return cached;
}
