/** Bundles the guest kernel with esbuild (at build time, or on first use when running from source). */
import { build } from 'esbuild';
import { GLOBALS_BANNER, GUEST_GLOBAL } from './bundle-format.js';

/** Bundles the guest from its entry module. */
export async function bundleGuest(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: GUEST_GLOBAL,
    platform: 'neutral',
    target: 'es2022',
    logLevel: 'silent',
    // Strict from the first line (a directive after the banner would not count): no function of the
    // kernel API is sloppy, so none has a `caller` that could name the host function calling it.
    banner: { js: `'use strict';\n${GLOBALS_BANNER}` },
  });
  return result.outputFiles[0]!.text;
}
