#!/usr/bin/env bash
# Debian's wrk, the HTTP load generator bench_web.py drives (as .ci/chromium.sh installs
# Chromium for the browser tests). Skipped when the machine has it already.
set -euo pipefail
if ! command -v wrk >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq wrk >&2
fi
