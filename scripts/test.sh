#!/usr/bin/env bash
# `npm test`: every tier, in order, failing fast with a clear message.
#   lint, typecheck, build, unit tests, slow property runs (test/slow: fuzzing, differential, adversarial, regex
#   linearity), LSP tests, real VS Code (scripts/e2e/run.sh: extension-host suite, UI test, .vsix)
# No tier is ever skipped: if one cannot run (say code-server cannot be installed) it fails.
# Prints one "N passed, N failed" line per tier and an overall one at the end. Logs go to test-output/logs/.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
LOGS="$ROOT/test-output/logs"
mkdir -p "$LOGS"
export FORCE_COLOR=0 NO_COLOR=1

# A fresh clone: install the locked dependencies first, so that `npm test` is the only command needed.
if [ ! -d node_modules ]; then
  echo "==> npm ci (no node_modules yet)"
  npm ci --no-audit --no-fund || { echo "FAILED: npm ci"; exit 1; }
fi

summary=()
total_pass=0
total_fail=0
started=$SECONDS

print_summary() {
  echo
  echo "==================== test summary ($((SECONDS - started))s) ===================="
  for line in "${summary[@]}"; do echo "$line"; done
  echo "total: $total_pass passed, $total_fail failed"
}

# tier NAME KIND COMMAND...
#   KIND=check: a pass/fail check (lint, typecheck, build) counted as one test;
#   KIND=tests: a test runner; its own counts are read from its output ("# pass N" / "ℹ pass N" / "N passed, N failed").
tier() {
  local name="$1" kind="$2"; shift 2
  local log="$LOGS/$name.log" start=$SECONDS rc p=0 f=0
  echo
  echo "==> $name: $*"
  "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  if [ "$kind" = tests ]; then
    local counts
    counts="$(grep -Eo '^(e2e: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)"
    if [ -n "$counts" ]; then
      counts="${counts#e2e: }"; p="${counts%% passed*}"; f="${counts#*, }"; f="${f%% failed}"
    else
      p="$(grep -Eo '^(# |ℹ )pass [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+$')"; p="${p:-0}"
      f="$(grep -Eo '^(# |ℹ )fail [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+$')"; f="${f:-0}"
    fi
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    if [ "$rc" -eq 0 ] && [ "$p" -eq 0 ]; then
      echo "!! $name ran no test: that is a failure, not a pass"
      rc=1; f=1
    fi
  else
    if [ "$rc" -eq 0 ]; then p=1; else f=1; fi
  fi
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
  summary+=("$(printf '%-10s' "$name:") $p passed, $f failed   ($((SECONDS - start))s)")
  if [ "$rc" -ne 0 ]; then
    echo
    echo "FAILED: tier '$name' (exit $rc). Command: $*"
    echo "        Its full output is in ${log#"$ROOT"/}; later tiers were not run."
    print_summary
    exit 1
  fi
}

# The test files of a tier (Node 20's --test does not expand globs itself). None is a failure, never an empty pass.
shopt -s globstar nullglob
test_files() {
  local name="$1" dir="$2" files
  files=("$dir"/**/*.test.ts)
  if [ ${#files[@]} -eq 0 ]; then
    echo "FAILED: tier '$name' has no test files under $dir" >&2
    summary+=("$(printf '%-10s' "$name:") 0 passed, 1 failed   (no test files under $dir)")
    total_fail=$((total_fail + 1))
    print_summary
    exit 1
  fi
  TEST_FILES=("${files[@]}")
}

tier lint check npm run --silent lint
tier typecheck check npm run --silent typecheck
tier build check node scripts/build.mjs
test_files unit test/unit
# One process for the whole unit tier (test/unit-tier.ts imports every test/unit/*.test.ts): each process pays tsx's
# start-up, which was more than half the tier's time.
tier unit tests node --import tsx --test --test-reporter=spec test/unit-tier.ts
test_files slow test/slow
tier slow tests node --import tsx --test --test-reporter=spec "${TEST_FILES[@]}"
test_files lsp test/lsp
tier lsp tests node --import tsx --test --test-reporter=spec "${TEST_FILES[@]}"
tier e2e tests bash scripts/e2e/run.sh

print_summary
