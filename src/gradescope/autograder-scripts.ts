/**
 * The two scripts of a Gradescope autograder zip. Gradescope unpacks the zip
 * into `/autograder/source`, runs `setup.sh` once as root to build the image,
 * then for each submission copies `run_autograder` to `/autograder/` and runs
 * it with the upload in `/autograder/submission`; it reads
 * `/autograder/results/results.json`. `AUTOGRADER_ROOT` (default
 * `/autograder`) moves that layout, so a test can stand a folder in for it.
 */

/** The Node version setup.sh installs when the image has another (the one spinlab is tested with). */
export const PINNED_NODE = '20.20.2';

/**
 * `setup.sh`: Node `nodeVersion` from nodejs.org's official build (its
 * SHA-256 checked against the release's SHASUMS256.txt) unless that version
 * is already there, then `npm ci` of the bundled package.json and lockfile.
 * `SPINLAB_SKIP_NODE_INSTALL=1` skips the Node part and `SPINLAB_NPM_FLAGS`
 * adds flags to `npm ci` (a test runs it offline with `--prefer-offline`).
 */
export function setupScript(nodeVersion: string): string {
  return `#!/usr/bin/env bash
# Gradescope runs this once, as root, to build the autograder image (spinlab gradescope-autograder made it).
set -euo pipefail
root="\${AUTOGRADER_ROOT:-/autograder}"
node_version="${nodeVersion}"
if [ "\${SPINLAB_SKIP_NODE_INSTALL:-}" != 1 ] && [ "$(node --version 2>/dev/null || true)" != "v$node_version" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends ca-certificates curl
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64) arch=arm64 ;;
    *) echo "setup.sh: nodejs.org has no Node build for $(uname -m)" >&2; exit 1 ;;
  esac
  file="node-v$node_version-linux-$arch.tar.gz"
  tmp="$(mktemp -d)"
  curl -fsSL "https://nodejs.org/dist/v$node_version/$file" -o "$tmp/$file"
  curl -fsSL "https://nodejs.org/dist/v$node_version/SHASUMS256.txt" -o "$tmp/SHASUMS256.txt"
  (cd "$tmp" && grep "  $file\\$" SHASUMS256.txt | sha256sum -c -)
  mkdir -p /opt/node
  tar -xzf "$tmp/$file" -C /opt/node --strip-components=1 --no-same-owner
  ln -sf /opt/node/bin/node /opt/node/bin/npm /opt/node/bin/npx /usr/local/bin/
  rm -rf "$tmp"
fi
node --version
cd "$root/source"
# shellcheck disable=SC2086 # the flags are words on purpose
npm ci --no-audit --no-fund \${SPINLAB_NPM_FLAGS:-}
`;
}

/**
 * `run_autograder`: grades the submission with the bundled graders and
 * writes results.json; when spinlab writes none (it could not start, or
 * failed outside any submission) it writes a zero-score one saying so, as
 * Gradescope requires, and shows spinlab's own output to staff only (the
 * autograder output). Always exits 0: the score is in results.json.
 */
export function runScript(exerciseId: string): string {
  return `#!/usr/bin/env bash
# Gradescope runs this for each submission (spinlab gradescope-autograder made it).
set -uo pipefail
root="\${AUTOGRADER_ROOT:-/autograder}"
results="$root/results/results.json"
mkdir -p "$root/results"
rm -f "$results"
cd "$root/source" || exit 0
"$root/source/node_modules/.bin/spinlab" grade ${exerciseId} "$root/submission" \\
  --format gradescope --out "$results" --graders "$root/source/graders"
code=$?
if [ ! -s "$results" ]; then
  # No result was written: Gradescope still needs one. Staff see why above (stdout and stderr are theirs).
  printf '{\\n  "score": 0,\\n  "output": "The autograder could not grade this submission (spinlab exited with %s and wrote no result). This is a problem of the autograder; course staff can see its output.",\\n  "output_format": "text",\\n  "visibility": "visible",\\n  "stdout_visibility": "hidden",\\n  "tests": []\\n}\\n' "$code" > "$results"
fi
exit 0
`;
}
