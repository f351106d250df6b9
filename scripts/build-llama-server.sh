#!/usr/bin/env bash
# Builds llama.cpp's llama-server, a real OpenAI-compatible server for the provider tests, from
# the sources node-llama-cpp ships as a git bundle: no download beyond Debian's cmake, g++ and git.
# Idempotent: skipped when the binary for the bundled llama.cpp tag is already in .tools/; an
# interrupted build resumes where it stopped.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
tools="${LLAMA_REVIEW_TOOLS:-$repo/.tools}"
llama_dir="$repo/node_modules/node-llama-cpp/llama"
jobs="${LLAMA_REVIEW_BUILD_JOBS:-2}"

ensure_build_packages() {
  local missing=()
  for package in cmake g++ git; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Everything runs from main(), so bash has read the whole file before it starts (a script edited
# during a long build would otherwise run a mix of old and new lines).
main() {
  local tag install_dir binary marker work
  tag="$(node -p "require(process.argv[1]).tag" "$llama_dir/llama.cpp.info.json")"
  install_dir="$tools/llama-server/$tag"
  binary="$install_dir/llama-server"
  marker="$install_dir/.built"
  built() { [ -f "$marker" ] && [ -x "$binary" ]; }

  if built; then
    echo "    llama-server $tag already in $install_dir"
    return
  fi
  ensure_build_packages

  # .tools may be shared between checkouts: one build at a time, and the second one finds it done.
  mkdir -p "$tools/llama-server"
  exec 9>"$tools/llama-server/.build.lock"
  flock 9
  if built; then
    echo "    llama-server $tag already in $install_dir"
    return
  fi

  work="$tools/llama-server-src/$tag"
  if [ ! -d "$work/llama.cpp" ]; then
    rm -rf "$work/llama.cpp.partial"
    mkdir -p "$work"
    git -c advice.detachedHead=false clone --quiet "$llama_dir/gitRelease.bundle" "$work/llama.cpp.partial"
    mv "$work/llama.cpp.partial" "$work/llama.cpp"
  fi
  # Static libraries: the installed binary must not point into the build folder, which is removed.
  # No CURL (nothing to download from), no tuning for this CPU (the cache may move between machines).
  cmake -S "$work/llama.cpp" -B "$work/build" \
    -DLLAMA_CURL=OFF -DGGML_NATIVE=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
    -DBUILD_SHARED_LIBS=OFF -DCMAKE_BUILD_TYPE=Release
  cmake --build "$work/build" --target llama-server -j"$jobs"

  mkdir -p "$install_dir"
  cp "$work/build/bin/llama-server" "$binary.partial"
  mv "$binary.partial" "$binary"
  "$binary" --version 2>&1 | tail -n 2
  echo "llama.cpp $tag from node-llama-cpp's gitRelease.bundle" >"$marker"
  rm -rf "$work"
  rmdir "$tools/llama-server-src" 2>/dev/null || true
}

main "$@"
