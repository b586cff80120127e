#!/usr/bin/env bash
# Regenerate the PLACE gazetteers, gazetteers/org_government.tsv (national organs) and
# patterns/first_names.txt.
# Creates scripts/gazetteers/.venv (once), installs the pinned requirements (only when
# requirements.txt changed) and runs generate.py. Safe to run repeatedly: the output is
# byte-identical for the same inputs. Extra arguments are passed to generate.py
# (--verbose also writes scripts/gazetteers/.dropped.txt with every filtered name).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
python="${PYTHON:-}"
if [ -z "$python" ]; then
  for candidate in python3.11 python3.12 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then python="$candidate"; break; fi
  done
fi
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  echo "$want" > "$stamp"
fi
"$venv/bin/python" "$here/generate.py" "$@"
exec "$venv/bin/python" "$here/first_names.py"
