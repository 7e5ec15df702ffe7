#!/usr/bin/env bash
# Agent simulator: replays shell-tool requests that AI coding agents really sent, through Airlock, and
# prints Airlock's verdict for each. Nothing here runs the requested commands themselves.
#
# Each file in tools/agent-requests/ is a Claude Code PreToolUse hook request (tool_name "Bash"):
#   01  the PocketOS incident: a curl to Railway's GraphQL API that deletes a production volume, with a
#       token read from the workspace
#   02  a benign `npm test`
#   03  `rm -rf build`
#
# Usage: tools/agent-simulator.sh [-v] [request.json ...]   (default: all of tools/agent-requests/*.json;
#        -v also prints Airlock's full JSON answer)
# Finds the Airlock CLI in: $AIRLOCK_CLI, `airlock` on PATH, the installed extension, or a repository build.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
workspace=$(cd "$here/.." && pwd)
cd "$workspace"
# AIRLOCK_SIMULATOR_TRANSCRIPT=file: also write everything printed to that file (the browser tests read it).
# (A pipeline, not `exec > >(tee)`: bash waits for it, so the last lines are written before a task's terminal closes.)
if [ -n "${AIRLOCK_SIMULATOR_TRANSCRIPT:-}" ] && [ -z "${SIMULATOR_TEED:-}" ]; then
  SIMULATOR_TEED=1 bash "${BASH_SOURCE[0]}" "$@" 2>&1 | tee "$AIRLOCK_SIMULATOR_TRANSCRIPT"
  exit "${PIPESTATUS[0]}"
fi

# The CLI is named literally on every line that runs it (`node "$cli_js"` or `airlock`), so Airlock can tell
# what this script runs when it reads it before a task starts.
find_cli_js() {
  if [ -n "${AIRLOCK_CLI:-}" ] && [ -f "$AIRLOCK_CLI" ]; then echo "$AIRLOCK_CLI"; return; fi
  command -v airlock >/dev/null 2>&1 && return
  local c
  for c in "$HOME"/.vscode*/extensions/airlock-dev.airlock-*/dist/cli.js \
           "$HOME"/.cursor/extensions/airlock-dev.airlock-*/dist/cli.js \
           "$workspace"/../../dist/cli.js; do
    [ -f "$c" ] && { echo "$c"; return; }
  done
  return 1
}
cli_js=$(find_cli_js) || { echo "agent-simulator: step 'find the Airlock CLI' failed: set AIRLOCK_CLI to the extension's dist/cli.js" >&2; exit 1; }
airlock_cli() { if [ -n "$cli_js" ]; then node "$cli_js" "$@"; else airlock "$@"; fi; }

# The request's command, with its cwd set to this workspace (the recorded requests say ".").
request_command() { node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); process.stdout.write(r.tool_input.command)' "$1"; }
request_json() { node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); r.cwd=process.argv[2]; process.stdout.write(JSON.stringify(r))' "$1" "$workspace"; }

# Sends one hook request to Airlock and prints its answer. By default the request's command goes through
# `airlock assess --json`; AIRLOCK_SIMULATOR_VIA=hook sends the whole request through the real hook entry
# point instead (`airlock hook claude-code`, JSON on stdin, as Claude Code does). To make the hook path the
# default, change `assess` to `hook` in the next line.
replay() {
  if [ "${AIRLOCK_SIMULATOR_VIA:-assess}" = hook ]; then request_json "$1" | airlock_cli hook claude-code
  else airlock_cli assess --json -- "$(request_command "$1")"; fi
}

# Prints a short summary of Airlock's JSON answer: the verdict, the risk and why.
summary() {
  node -e '
    let s = ""; process.stdin.on("data", d => (s += d)).on("end", () => {
      let j;
      try { j = JSON.parse(s); } catch { console.log(s); return; }
      const o = j.hookSpecificOutput || j;
      const verdict = o.decision?.action ?? o.action ?? o.permissionDecision ?? o.decision ?? "?";
      const reason = o.decision?.reason ?? o.permissionDecisionReason ?? o.reason ?? o.summary ?? "";
      console.log(`  verdict: ${String(verdict).toUpperCase()}` + (o.risk ? `   risk: ${o.risk}` : ""));
      if (reason) console.log(`  why:     ${reason}`);
      for (const k of ["tags", "rules"]) if (Array.isArray(o[k]) && o[k].length) console.log(`  ${k}:${" ".repeat(8 - k.length)}${o[k].map(x => x.id ?? x).join(", ")}`);
    });'
}

verbose=0
if [ "${1:-}" = -v ] || [ "${1:-}" = --verbose ]; then verbose=1; shift; fi
[ $# -gt 0 ] || set -- "$here"/agent-requests/*.json
failures=0
errors=$(mktemp -t agent-simulator.XXXXXX)
trap 'rm -f "$errors"' EXIT
for req in "$@"; do
  echo "=== $(basename "$req" .json)"
  echo "\$ $(request_command "$req")"
  out=$(replay "$req" 2>"$errors"); rc=$?
  [ "$verbose" = 0 ] || echo "$out"
  printf '%s' "$out" | summary
  [ ! -s "$errors" ] || sed 's/^/  (stderr) /' "$errors"
  echo "  (exit code $rc)"
  # a non-zero exit code may just mean "blocked"; an answer that is not JSON means Airlock itself failed
  printf '%s' "$out" | node -e 'let s="";process.stdin.on("data",d=>(s+=d)).on("end",()=>{try{JSON.parse(s)}catch{process.exit(1)}})' \
    || failures=$((failures + 1))
  echo
done
echo "agent-simulator: $# request(s) replayed, $failures failed"
exit $(( failures > 0 ))
