#!/usr/bin/env bash
# A bad config value stops start-up with one plain line naming the key and what is allowed.
set -uo pipefail
kiosk="$1"; tmp="$2"
rm -rf "$tmp"; mkdir -p "$tmp"
printf 'language = zh-CN\nidle_timeout = soon\n' > "$tmp/kiosk.conf"
"$kiosk" --headless --config "$tmp/kiosk.conf" --data-dir "$tmp/data" >"$tmp/out" 2>"$tmp/err"
rc=$?
cat "$tmp/err"
[ "$rc" -ne 0 ] || { echo "started despite a bad config"; exit 1; }
[ "$(wc -l < "$tmp/err")" -eq 1 ] || { echo "expected exactly one line"; exit 1; }
grep -q "line 2" "$tmp/err" && grep -q "idle_timeout" "$tmp/err" && grep -q "30 to 3600" "$tmp/err" \
  || { echo "message does not name the line, key and allowed values"; exit 1; }
[ ! -e "$tmp/data/qiao.db" ] || { echo "the store was opened before the config was checked"; exit 1; }
"$kiosk" --no-such-flag >/dev/null 2>"$tmp/err2"; rc=$?
[ "$rc" -ne 0 ] && grep -q -- "--help" "$tmp/err2" || { echo "unknown flag not reported plainly"; cat "$tmp/err2"; exit 1; }
"$kiosk" --help | grep -q -- "--tour" || { echo "--help does not list --tour"; exit 1; }
echo "PASS"
