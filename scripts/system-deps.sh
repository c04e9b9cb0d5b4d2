#!/usr/bin/env bash
# Install the Debian packages sanctionwatch needs, only if they are missing.
#   system-deps.sh build  - what building the Python dependencies needs (ICU for PyICU, a C
#                           compiler for PyICU and for mypyc's build of the name comparison)
#   system-deps.sh        - plus what the tests need (PostgreSQL server binaries, Chromium, fonts)
# The tests start their own private PostgreSQL server from these binaries.
set -euo pipefail
need=()
dpkg -s libicu-dev >/dev/null 2>&1 || need+=(libicu-dev)
dpkg -s pkg-config >/dev/null 2>&1 || need+=(pkg-config)
command -v g++ >/dev/null 2>&1 || need+=(g++)
if [ "${1:-}" != build ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)
  # Hangul and Chinese names must render in the web UI (and its screenshots).
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing Debian packages: ${need[*]}; run: sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  echo "installing Debian packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
