#!/usr/bin/env bash
# Debian's Chromium for the browser tests (Playwright drives it; its own download does not work
# here). Skipped when the machine has it already.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq chromium >&2
fi
