#!/usr/bin/env bash
# Runs every benchmark's quality gate. Each script exits non-zero when a floor is missed and
# prints a skip reason (exit 0) when ../shared/data is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for script in bench/*.py; do
  case "$(basename "$script")" in _*) continue ;; esac
  echo "== $script --gate"
  .venv/bin/python "$script" --gate || status=1
done
exit $status
