#!/usr/bin/env bash
# Sets up a fresh machine for development and tests: Debian packages the tests need (when run as root),
# then the npm packages exactly as locked. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# Native addons (better-sqlite3-multiple-ciphers) build from source here: no prebuilt binary can be downloaded.
# Browser tests drive Debian's Chromium (Playwright's own browser download fails here), with CJK fonts; the
# printed documents' test reads its PDF back with poppler's pdftotext and pdftoppm.
debian_packages=(python3 make g++ chromium fonts-noto-cjk poppler-utils)

missing=()
for pkg in "${debian_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "setup: please install these Debian packages first: ${missing[*]}" >&2
    exit 1
  fi
fi

# Electron's binary cannot be downloaded on the build machines; its typings are all the tests need.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-audit --no-fund
