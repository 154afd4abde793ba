#!/usr/bin/env bash
# A tour step that fails exits non-zero, naming the step and what was on screen.
set -uo pipefail
kiosk="$1"; tmp="$2"
rm -rf "$tmp"; mkdir -p "$tmp"
printf 'tap home.learn\nexpect-screen book\n' > "$tmp/wrong.tour"
"$kiosk" --headless --tour "$tmp/wrong.tour" --data-dir "$tmp/data" >/dev/null 2>"$tmp/err"
rc=$?
cat "$tmp/err"
[ "$rc" -ne 0 ] || { echo "a failed tour exited 0"; exit 1; }
grep -q "line 2 (expect-screen book)" "$tmp/err" || { echo "the step is not named"; exit 1; }
grep -q 'screen "learn" shows' "$tmp/err" || { echo "what was on screen is not said"; exit 1; }
printf 'tap home.nothing\n' > "$tmp/missing.tour"
"$kiosk" --headless --tour "$tmp/missing.tour" --data-dir "$tmp/data" >/dev/null 2>"$tmp/err"
[ $? -ne 0 ] && grep -q 'no widget "home.nothing"' "$tmp/err" || { echo "missing widget not reported"; cat "$tmp/err"; exit 1; }
printf 'jump home.learn\n' > "$tmp/typo.tour"
"$kiosk" --headless --tour "$tmp/typo.tour" --data-dir "$tmp/typo-data" >/dev/null 2>"$tmp/err"
[ $? -ne 0 ] && grep -q "line 1" "$tmp/err" || { echo "unknown verb not reported"; cat "$tmp/err"; exit 1; }
[ ! -e "$tmp/typo-data/qiao.db" ] || { echo "a tour with a typo started the kiosk"; exit 1; }
echo "PASS"
