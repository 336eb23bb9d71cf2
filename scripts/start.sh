#!/usr/bin/env bash
# `npm start`: build the extension, install code-server and chromium on first run, then open the bundled examples in a
# real VS Code (code-server) on 127.0.0.1 with the extension loaded from source. Stays in the foreground; Ctrl+C stops.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
node scripts/build.mjs
bash scripts/e2e/install-vscode.sh
exec node scripts/e2e/start.mjs
