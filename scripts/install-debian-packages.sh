#!/usr/bin/env bash
# Debian packages the test suite uses: Chromium for the web page's browser tests.
# Idempotent; does nothing when Chromium is already there. Without root or apt it
# says so and exits 0: the browser tests then skip with a clear reason.
set -u
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-debian-packages: not root or no apt-get; skipping Chromium (browser tests will skip)" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || echo "install-debian-packages: apt-get update failed" >&2
if ! apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1; then
  echo "install-debian-packages: could not install chromium (browser tests will skip)" >&2
fi
exit 0
