#!/usr/bin/env bash
# Installs what the real-VS-Code tests need, idempotently, from nothing but Debian's apt and the npm registry:
#   - system packages: chromium (the browser playwright-core drives), ripgrep (seeds code-server's ripgrep download),
#     libkrb5-dev, g++, make, python3 (native modules of code-server are compiled from source);
#   - code-server (VS Code's own server + web workbench) into .vscode-test/code-server-<version>/.
# A finished install leaves a stamp file; a half-finished one is removed and redone. Nothing is skipped silently:
# if something cannot be installed the script exits non-zero with the reason.
# Environment: CS_VERSION (default 4.100.3, the newest code-server that runs on Node 20),
#              E2E_CACHE (default <repo>/.vscode-test), E2E_SKIP_APT=1 (do not call apt-get; still checks).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CS_VERSION="${CS_VERSION:-4.100.3}"
CACHE="${E2E_CACHE:-$ROOT/.vscode-test}"
CS_DIR="$CACHE/code-server-$CS_VERSION"
STAMP="$CS_DIR/.ai-clauses-installed"
log() { echo "[install-vscode] $*"; }
die() { echo "[install-vscode] ERROR: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------------------
# 1. System packages (only the missing ones).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
[ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
# Chromium needs at least one font, or every label in the screenshots is a row of boxes.
if command -v fc-list >/dev/null 2>&1; then [ -n "$(fc-list 2>/dev/null | head -1)" ] || missing+=(fonts-dejavu-core)
else missing+=(fonts-dejavu-core); fi

if [ ${#missing[@]} -gt 0 ]; then
  [ -z "${E2E_SKIP_APT:-}" ] || die "missing system packages (${missing[*]}) and E2E_SKIP_APT is set"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install: ${missing[*]}"
    SUDO=(sudo)
  fi
  log "apt-get install ${missing[*]} (about 20 s)"
  mkdir -p "$CACHE"
  APT_LOG="$CACHE/apt.log"
  { "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
    </dev/null >"$APT_LOG" 2>&1 || { tail -40 "$APT_LOG" >&2; die "apt-get install ${missing[*]} failed (log: $APT_LOG)"; }
fi
for b in chromium rg g++ make python3; do command -v "$b" >/dev/null 2>&1 || die "$b is still missing after apt-get"; done
[ -e /usr/include/gssapi/gssapi.h ] || die "libkrb5-dev headers still missing after apt-get"

# ---------------------------------------------------------------------------------------------------------------
# 2. code-server.
if [ -f "$STAMP" ] && [ -x "$CS_DIR/node_modules/.bin/code-server" ]; then
  log "code-server $CS_VERSION already installed in $CS_DIR"
  exit 0
fi
rm -rf "$CS_DIR"
mkdir -p "$CS_DIR"

# Node headers for node-gyp (the prebuilt binaries of argon2/kerberos/node-pty come from GitHub: unreachable here).
NODE_BIN="$(readlink -f "$(command -v node)")"
NODEDIR="$(dirname "$(dirname "$NODE_BIN")")"
[ -f "$NODEDIR/include/node/node.h" ] || die "no Node headers under $NODEDIR/include/node (node-gyp needs them to build code-server's native modules)"

# @vscode/ripgrep's postinstall downloads rg from GitHub; it looks in <tmpdir>/vscode-ripgrep-cache-<pkgversion>/
# first. Seed that cache (in a private tmpdir) with Debian's rg for every @vscode/ripgrep version we may meet.
PRIV_TMP="$CACHE/tmp"
rm -rf "$PRIV_TMP"; mkdir -p "$PRIV_TMP"
case "$(uname -m)" in
  x86_64) RG_TARGET=x86_64-unknown-linux-musl ;;
  aarch64) RG_TARGET=aarch64-unknown-linux-musl ;;
  *) die "unsupported architecture $(uname -m)" ;;
esac
RG_STAGE="$(mktemp -d "$PRIV_TMP/rg.XXXXXX")"
cp "$(command -v rg)" "$RG_STAGE/rg"
for pkg in 1.15.9 1.15.10 1.15.11 1.15.12 1.15.13 1.15.14; do
  for rgv in v13.0.0-10 v13.0.0-11 v13.0.0-12 v13.0.0-13; do
    d="$PRIV_TMP/vscode-ripgrep-cache-$pkg"; mkdir -p "$d"
    tar czf "$d/ripgrep-$rgv-$RG_TARGET.tar.gz" -C "$RG_STAGE" rg
  done
done

echo '{ "name": "ai-clauses-code-server", "private": true }' > "$CS_DIR/package.json"
log "installing code-server@$CS_VERSION into $CS_DIR (about a minute)"
start=$(date +%s)
# npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it.
# npm_config_yes: node-pty's postinstall calls `npx node-gyp`, which npm 11 cancels without a TTY otherwise.
# npm_config_nodedir: build native modules against the local headers instead of downloading them.
if ! ( cd "$CS_DIR" && TMPDIR="$PRIV_TMP" npm_config_nodedir="$NODEDIR" npm_config_unsafe_perm=true npm_config_yes=true \
        npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$CS_VERSION" ) </dev/null; then
  rm -rf "$CS_DIR"
  die "npm install code-server@$CS_VERSION failed (see the npm output above)"
fi
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
[ -x "$CS_BIN" ] || { rm -rf "$CS_DIR"; die "code-server binary missing after install"; }
# Make sure the native pieces really built (a failed optional build would only show up at run time).
[ -x "$(find "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin" -name rg 2>/dev/null | head -1)" ] \
  || { rm -rf "$CS_DIR"; die "code-server's ripgrep is missing (the download cache seeding did not work)"; }
version="$(XDG_CONFIG_HOME="$PRIV_TMP/xdg" XDG_DATA_HOME="$PRIV_TMP/xdg" "$CS_BIN" --version 2>/dev/null | grep -m1 -E '^[0-9]')" \
  || { rm -rf "$CS_DIR"; die "installed code-server does not start"; }
rm -rf "$PRIV_TMP"
echo "$version" > "$STAMP"
log "code-server $version installed in $(( $(date +%s) - start ))s"
