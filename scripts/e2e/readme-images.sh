#!/usr/bin/env bash
# Refreshes the README's screenshots (docs/images/) from the UI test's latest screenshots (test-output/screenshots/,
# written by `node test/e2e/ui.mjs` or `npm test`). Shrinks them with pngquant when it is installed
# (apt-get install pngquant); otherwise copies them as they are.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SRC="$ROOT/test-output/screenshots"
DST="$ROOT/docs/images"
mkdir -p "$DST"
for name in problems hover quick-fix compare; do
  [ -f "$SRC/$name.png" ] || { echo "missing $SRC/$name.png: run node test/e2e/ui.mjs first" >&2; exit 1; }
  if command -v pngquant >/dev/null 2>&1; then
    pngquant --force --quality=70-95 --strip --output "$DST/$name.png" "$SRC/$name.png"
  else
    cp "$SRC/$name.png" "$DST/$name.png"
  fi
  echo "docs/images/$name.png: $(stat -c %s "$DST/$name.png") bytes"
done
