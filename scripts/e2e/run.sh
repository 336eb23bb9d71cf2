#!/usr/bin/env bash
# Real-VS-Code tier of `npm test`: everything runs in code-server (VS Code's own server and workbench), offline.
#   1. install chromium, code-server & co. if needed (scripts/e2e/install-vscode.sh)
#   2. build the extension and the extension-host suite
#   3. extension-host suite, single folder (examples/)      test/e2e/harness.mjs --suite main
#   4. extension-host suite, multi-root workspace           test/e2e/harness.mjs --suite multiroot
#   5. browser UI test with screenshots                     test/e2e/ui.mjs
#   6. npm run package, then check the .vsix                test/e2e/package.test.mjs
#   7. the .vsix installed into code-server                 test/e2e/harness.mjs --suite vsix
# Steps 3-7 all run even when one fails, so one run shows every failure; the exit status is non-zero if any failed.
# If the install or the build fails, nothing can be tested and the script stops with an error.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
LOGS="$ROOT/test-output/e2e-logs"
mkdir -p "$LOGS"
say() { echo "[e2e] $*"; }

say "1/7 install what the real-VS-Code tests need"
bash scripts/e2e/install-vscode.sh || { say "ERROR: could not install code-server/chromium: the real-VS-Code tests cannot run"; exit 1; }

say "2/7 build"
node scripts/build.mjs && node scripts/build-e2e.mjs || { say "ERROR: build failed"; exit 1; }

total_pass=0
total_fail=0
failed_steps=()
# step NAME COMMAND...: runs a step, shows its output, adds the "N passed, N failed" it prints to the totals.
step() {
  local name="$1"; shift
  local log="$LOGS/$name.log" start=$SECONDS rc
  say "$name: $*"
  "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  local counts p f
  counts="$(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)"
  if [ -z "$counts" ]; then # node --test (TAP or spec reporter)
    p="$(grep -Eo '^(# |ℹ )pass [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+$')"
    f="$(grep -Eo '^(# |ℹ )fail [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+$')"
  else
    p="${counts%% passed*}"; f="${counts#*, }"; f="${f%% failed}"
  fi
  p="${p:-0}"; f="${f:-0}"
  # A step that failed without reporting a failed test still counts as one failure; one that passed must have run tests.
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  if [ "$rc" -eq 0 ] && [ "$p" -eq 0 ]; then say "$name ran no test"; rc=1; f=1; fi
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
  if [ "$rc" -ne 0 ]; then failed_steps+=("$name"); fi
  say "$name: $p passed, $f failed ($((SECONDS - start))s, exit $rc)"
}

say "3-7/7 tests"
step suite-main node test/e2e/harness.mjs --suite main
step suite-multiroot node test/e2e/harness.mjs --suite multiroot
step ui node test/e2e/ui.mjs
# Packaging rebuilds dist/ for production (minified, no source maps): it runs after the tests of the source build.
rm -rf dist-vsix
if npm run --silent package >"$LOGS/vsce-package.log" 2>&1; then
  say "packaged dist-vsix/ai-clauses.vsix: $(stat -c %s dist-vsix/ai-clauses.vsix) bytes (limit 1500000)"
else
  cat "$LOGS/vsce-package.log"; say "npm run package failed"
fi
step package node --test --test-reporter=spec test/e2e/package.test.mjs
if [ -f dist-vsix/ai-clauses.vsix ]; then
  step suite-vsix node test/e2e/harness.mjs --suite vsix --vsix dist-vsix/ai-clauses.vsix
else
  say "suite-vsix: no .vsix to install"; total_fail=$((total_fail + 1)); failed_steps+=(suite-vsix)
fi

# Leave the development build (with source maps) in dist/ again, as `node scripts/build.mjs` makes it.
node scripts/build.mjs >/dev/null 2>&1 || say "warning: rebuilding the development bundles failed"

if [ ${#failed_steps[@]} -gt 0 ]; then
  say "FAILED steps: ${failed_steps[*]} (logs in ${LOGS#"$ROOT"/}/, screenshots in test-output/screenshots/)"
fi
echo "e2e: $total_pass passed, $total_fail failed"
[ ${#failed_steps[@]} -eq 0 ]
