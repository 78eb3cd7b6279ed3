#!/usr/bin/env node
// The spinlab command: a tiny shim into dist/spinlab-cli.mjs (built by `npm ci` / `npm run build`).
// Written so that any Node can parse it (no top-level await, `?.` or `??`): on a Node too old to
// run spinlab, the version check below must be what the user sees, not a syntax error.
var NEEDED = 20;
var found = process.versions.node;
if (Number(String(found).split('.')[0]) < NEEDED) {
  process.stderr.write('spinlab: this is Node ' + found + ', and spinlab needs Node ' + NEEDED + ' or newer (https://nodejs.org).\n');
  process.exit(2);
}

var args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Fast path: no imports beyond what node itself loads.
  import('node:fs').then(function (fs) {
    // A reader that left early (`spinlab --version | true`) ends the output, not the command.
    process.stdout.on('error', function () {});
    process.stdout.write(JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version + '\n');
  });
} else {
  import('../dist/spinlab-cli.mjs').catch(function (error) {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/spinlab-cli.mjs')) {
      process.stderr.write('spinlab: dist/ is missing — run `npm run build` (npm ci does it for you).\n');
      process.exit(2);
    }
    throw error;
  });
}
