#!/usr/bin/env bash
# lib.sh: helpers of .ci/run, sourced, not run.
#   have_command NAME [PATH...]   true when NAME is on the PATH or one of the PATHs is executable
#   install_debian_packages PKG.. apt-get update, then install the packages; fails loudly
#   fetch_chdb VERSION            prints the path of libchdb.so of that version, fetching the npm
#                                 package @chdb/lib-linux-x64-gnu into the cache once

# The cache outlives the checkout: the library is 534 MB unpacked.
readonly TA_CACHE_DIR="${TA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/torghut-ta}"

have_command() {
  local name="$1" path
  shift
  command -v "$name" >/dev/null 2>&1 && return 0
  for path in "$@"; do
    [ -x "$path" ] && return 0
  done
  return 1
}

install_debian_packages() {
  [ "$#" -gt 0 ] || return 0
  echo "ci: installing $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || { echo "ci: FAIL apt-get update" >&2; return 1; }
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || { echo "ci: FAIL cannot install $*" >&2; return 1; }
}

fetch_chdb() {
  local version="$1" dir tarball
  dir="$TA_CACHE_DIR/chdb/$version"
  if [ ! -s "$dir/libchdb.so" ]; then
    echo "ci: fetching @chdb/lib-linux-x64-gnu@$version (about 166 MB) into $dir" >&2
    mkdir -p "$dir"
    tarball="$(cd "$dir" && npm pack --silent "@chdb/lib-linux-x64-gnu@$version")" \
      || { echo "ci: FAIL npm pack @chdb/lib-linux-x64-gnu@$version" >&2; return 1; }
    tar -xzf "$dir/$tarball" -C "$dir" --strip-components=1 package/libchdb.so \
      || { echo "ci: FAIL cannot unpack $dir/$tarball" >&2; return 1; }
    rm -f "$dir/$tarball"
  fi
  [ -s "$dir/libchdb.so" ] || { echo "ci: FAIL no libchdb.so in $dir" >&2; return 1; }
  printf '%s\n' "$dir/libchdb.so"
}
