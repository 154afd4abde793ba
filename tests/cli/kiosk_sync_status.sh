#!/usr/bin/env bash
# qiao-kiosk --enroll joins a kiosk to a real back office, and --sync-status tells staff
# how syncing stands in plain lines: not enrolled (exit 1), then enrolled where, last
# sync, last error, what waits, what was refused (exit 0 when all is well).
set -uo pipefail
kiosk="$1"; tmp="$2"; server="$4"
rm -rf "$tmp"; mkdir -p "$tmp"
data="$tmp/kiosk"

"$kiosk" --data-dir "$data" --sync-status >"$tmp/status" 2>"$tmp/log"; rc=$?
[ "$rc" -eq 1 ] && grep -q "^not enrolled" "$tmp/status" || { echo "an unenrolled kiosk does not say so"; cat "$tmp/status"; exit 1; }

"$server" admin --db "$tmp/bo.db" site add riverside "Riverside Centre" >/dev/null || exit 1
code="$("$server" admin --db "$tmp/bo.db" enrolment-code --site riverside 2>/dev/null)"
source "$(dirname "$0")/../support/backoffice_on_loopback.sh"
start_backoffice "$server" "$tmp/bo.db" "$tmp"

"$kiosk" --data-dir "$data" --enroll "$url" "WRONG-CODE-0000" >"$tmp/enrol" 2>&1 && { echo "a wrong code enrolled"; exit 1; }
[ "$(wc -l < "$tmp/enrol")" -eq 1 ] || { echo "a refused code is not one plain line"; cat "$tmp/enrol"; exit 1; }
"$kiosk" --data-dir "$data" --enroll "$url" "$code" >"$tmp/enrol" 2>&1 || { echo "enrolment failed"; cat "$tmp/enrol"; exit 1; }
grep -q "Riverside Centre" "$tmp/enrol" || { echo "enrolment does not name the site"; cat "$tmp/enrol"; exit 1; }
[ "$(stat -c %a "$data/backoffice-token")" = "600" ] || { echo "the token file is readable by others"; exit 1; }

"$kiosk" --data-dir "$data" --sync-status >"$tmp/status" 2>"$tmp/log"; rc=$?
cat "$tmp/status"
[ "$rc" -eq 0 ] || { echo "an enrolled kiosk with nothing refused does not exit 0"; exit 1; }
grep -q "^enrolled: kiosk k-[0-9a-f]* at Riverside Centre (riverside), back office $url" "$tmp/status" \
  && grep -q "^waiting to be sent: 0" "$tmp/status" && grep -q "^refused by the back office for good: 0" "$tmp/status" \
  || { echo "the status does not say where and what waits"; exit 1; }

# The real kiosk, headless, syncs with it (the tour step wait-sync): the status then
# names a good sync, and the back office has the kiosk's heartbeat.
printf 'wait-sync 30000\n' > "$tmp/sync.tour"
"$kiosk" --headless --data-dir "$data" --tour "$tmp/sync.tour" >"$tmp/tour.log" 2>&1 || { echo "the kiosk did not sync"; cat "$tmp/tour.log"; exit 1; }
"$kiosk" --data-dir "$data" --sync-status >"$tmp/status" 2>"$tmp/log"
cat "$tmp/status"
grep -q "^last good sync: 20[0-9-]*T" "$tmp/status" && grep -q "^last error: none" "$tmp/status" \
  || { echo "the status does not show the sync"; exit 1; }
"$server" admin --db "$tmp/bo.db" export --site riverside --format csv >"$tmp/figures.csv" || exit 1
grep -q "kiosk_app_version" "$tmp/figures.csv" || { echo "the back office has no heartbeat from the kiosk"; cat "$tmp/figures.csv"; exit 1; }
echo "PASS"
