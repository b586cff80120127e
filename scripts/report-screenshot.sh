#!/usr/bin/env bash
# Render an `evex report` page with headless Chromium to a PNG, to look at
# it (or check it in CI) without a desktop.
#
#   bash scripts/report-screenshot.sh report.html report.png [WIDTH HEIGHT]
#
# Needs Chromium (Debian: apt-get install chromium). The browser runs with a
# fresh, empty profile and with networking features off; the page itself
# forbids every request (Content-Security-Policy). Console messages go to
# report.png.console.txt; the script fails if there are any.
set -euo pipefail
html="${1:?usage: report-screenshot.sh REPORT.html OUT.png [WIDTH HEIGHT]}"
png="${2:?usage: report-screenshot.sh REPORT.html OUT.png [WIDTH HEIGHT]}"
width="${3:-1280}"
height="${4:-1800}"
browser=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then browser="$b"; break; fi
done
[ -n "$browser" ] || { echo "report-screenshot.sh: Chromium not found (apt-get install chromium)" >&2; exit 2; }
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
abs="$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
log="$png.console.txt"
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --enable-logging=stderr --v=0 \
  --window-size="$width,$height" --screenshot="$png" "file://$abs" 2> "$png.stderr.txt" || {
  cat "$png.stderr.txt" >&2; exit 1; }
grep ':CONSOLE' "$png.stderr.txt" > "$log" || true
rm -f "$png.stderr.txt"
if [ -s "$log" ]; then
  echo "report-screenshot.sh: the page logged to the console:" >&2
  cat "$log" >&2
  exit 1
fi
rm -f "$log"
echo "$png"
