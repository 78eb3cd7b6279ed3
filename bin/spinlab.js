#!/usr/bin/env node
// The spinlab command: a tiny shim into dist/cli (built by `npm ci` / `npm run build`).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Fast path: no imports beyond what node itself loads.
  const { readFileSync } = await import('node:fs');
  // A reader that left early (`spinlab --version | true`) ends the output, not the command.
  process.stdout.on('error', () => {});
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  try {
    await import('../dist/cli/main.js');
  } catch (error) {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
      process.stderr.write('spinlab: dist/ is missing — run `npm run build` (npm ci does it for you).\n');
      process.exit(2);
    }
    throw error;
  }
}
