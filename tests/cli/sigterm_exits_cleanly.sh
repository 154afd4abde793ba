#!/usr/bin/env bash
# A headless kiosk with no tour runs as on a station until SIGTERM, then exits 0,
# having written its store.
set -euo pipefail
kiosk="$1"; tmp="$2"
rm -rf "$tmp"; mkdir -p "$tmp"
"$kiosk" --headless --data-dir "$tmp/data" 2>"$tmp/log" &
pid=$!
for _ in $(seq 1 200); do
  grep -q "first frame of the home screen" "$tmp/log" && break
  sleep 0.05
done
grep -q "first frame of the home screen" "$tmp/log" || { echo "no first frame"; cat "$tmp/log"; kill "$pid"; exit 1; }
sleep 0.5
kill -TERM "$pid"
if wait "$pid"; then rc=0; else rc=$?; fi
cat "$tmp/log"
[ "$rc" -eq 0 ] || { echo "exit code $rc after SIGTERM, expected 0"; exit 1; }
grep -q "stopping" "$tmp/log" || { echo "no clean stop logged"; exit 1; }
[ -s "$tmp/data/qiao.db" ] || { echo "no store written"; exit 1; }
echo "PASS: exited 0 on SIGTERM"
