#!/usr/bin/env bash
# Runs every benchmark's quality gate. Each script exits non-zero when a floor is missed and
# prints a skip reason (exit 0) when ../shared/data is absent. The last line names every gate
# that failed with the floors it missed, because CI keeps only the tail of the output.
set -euo pipefail
cd "$(dirname "$0")/.."
failed=()
for script in bench/*.py; do
  case "$(basename "$script")" in _*) continue ;; esac
  echo "== $script --gate"
  log="$(mktemp)"
  if .venv/bin/python "$script" --gate 2>&1 | tee "$log"; [ "${PIPESTATUS[0]}" -ne 0 ]; then
    missed="$(grep -h '^FLOOR MISSED' "$log" | sed 's/^FLOOR MISSED: //' | paste -sd ';' - || true)"
    failed+=("$(basename "$script") (${missed:-exited non-zero without a missed floor})")
  fi
  rm -f "$log"
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "GATES FAILED: ${failed[*]}"
  exit 1
fi
echo "all gates passed"
