#!/usr/bin/env bash
# Installs the system packages the test suite needs when they are missing (CI starts fresh).
# PostgreSQL for the store tests, Chromium for the browser tests. Needs root for apt-get;
# without it the affected tests skip with a printed reason.
set -uo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "system-deps: not root, cannot install ${missing[*]}; the tests that need them will skip" >&2
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "system-deps: apt-get failed for ${missing[*]}; the tests that need them will skip" >&2
exit 0
