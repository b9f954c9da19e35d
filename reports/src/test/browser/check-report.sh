#!/usr/bin/env bash
# Opens an infersim report in headless Chromium, as a reader's browser would, and checks it:
# the page's script ran to the end with no error and no console message, and every chart of the
# page (each <figure class="chart">) was drawn with a non-zero size. Then takes a screenshot.
#
#   check-report.sh REPORT.html OUT.png [HEIGHT]     (HEIGHT of the window in pixels, default 4000)
#
# Exit status 0 when the report passes, 1 when it does not (the reason on stderr), 2 on bad usage.
# CHROMIUM names the browser (default: chromium, Debian's package).
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 REPORT.html OUT.png [HEIGHT]" >&2
  exit 2
fi
report="$1"
png="$2"
height="${3:-4000}"
browser="${CHROMIUM:-chromium}"
if [ ! -f "$report" ]; then
  echo "check-report: $report: no such file" >&2
  exit 2
fi
command -v "$browser" >/dev/null || { echo "check-report: $browser not found (apt-get install chromium)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
url="file://$(realpath "$report")"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --disable-extensions --hide-scrollbars --mute-audio
       --user-data-dir="$work/profile")

fail() {
  echo "check-report: $report: $*" >&2
  exit 1
}

# 1. Load the page, let its script run, and read the DOM back with the marks the script left.
if ! timeout 120 "$browser" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "$url" \
    >"$work/dom.html" 2>"$work/console.log"; then
  cat "$work/console.log" >&2
  fail "chromium failed to load the page"
fi
root="$(grep -o '<html[^>]*>' "$work/dom.html" | head -n 1 || true)"
attr() { sed -n "s/.*$1=\"\\([^\"]*\\)\".*/\\1/p" <<<"$root"; }

if grep -q 'CONSOLE' "$work/console.log"; then
  grep 'CONSOLE' "$work/console.log" >&2
  fail "the page wrote to the browser console (an error or a warning)"
fi
[ -z "$(attr data-errors)" ] || fail "script error: $(attr data-errors)"
[ "$(attr data-ready)" = "yes" ] || fail "the page's script did not run to the end (no data-ready mark)"

expected="$(grep -o '<figure class="chart"' "$report" | wc -l | tr -d ' ')"
charts="$(attr data-charts)"
drawn="$(attr data-charts-drawn)"
[ "$charts" = "$expected" ] || fail "the browser found $charts charts, the file has $expected"
[ "$drawn" = "$expected" ] || fail "only $drawn of $expected charts were drawn with a size and text"
[ "$expected" -gt 0 ] || fail "the report has no chart"

# 2. The screenshot a reviewer would see, top of the page first.
rm -f "$png"
timeout 120 "$browser" "${flags[@]}" --window-size="1400,$height" --screenshot="$png" "$url" \
    >"$work/shot.log" 2>&1 || { cat "$work/shot.log" >&2; fail "chromium could not take the screenshot"; }
[ -s "$png" ] || fail "no screenshot was written to $png"

echo "check-report: $report: $drawn of $expected charts drawn, no script error, no console message; screenshot $png"
