#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, then runs every test (npm test).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
/usr/bin/python3 -c 'import numpy, h5py, skimage' >/dev/null 2>&1 || missing+=(python3-numpy python3-h5py python3-skimage)
command -v g++ >/dev/null 2>&1 || missing+=(g++ make python3)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The lock holds every platform's optional packages (scripts/completeLock.mjs), so npm ci accepts it.
ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
npm test
