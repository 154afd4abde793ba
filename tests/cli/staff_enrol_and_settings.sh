#!/usr/bin/env bash
# A site manager enrols the station again from its staff screen, against a real back
# office on loopback: the station was enrolled and knows its staff (from the sync), then
# its token was revoked (the kiosk moved, or was reset at the back office). The manager
# signs in offline, keeps the address shown, types the new one-time code on the big
# keys, and the station syncs again at once. Then a site setting (the home screen's
# buttons: checked by the config file's rules, applied at once, kept over a restart) and
# the health screen with the whole site's figures of today from the back office, whose
# mis-touch figures count the seniors' screens only (here: home), not staff taps. (A
# station's first enrolment is `qiao-kiosk --enroll`: before it, no staff account has
# reached the station, so nobody could sign in.)
set -uo pipefail
kiosk="$1"; tmp="$2"; server="$4"
rm -rf "$tmp"; mkdir -p "$tmp"
fail() { echo "FAIL: $*"; for f in "$tmp"/*.log; do echo "== $f"; tail -30 "$f"; done; exit 1; }
admin() { "$server" admin --db "$tmp/bo.db" "$@"; }

admin site add riverside "Riverside Centre" >/dev/null || fail "site add"
printf '135790\n' | admin staff add --site riverside --name "Min Chen" --role manager --pin-stdin >/dev/null 2>&1 || fail "staff add"
code1="$(admin enrolment-code --site riverside 2>/dev/null)"
code2="$(admin enrolment-code --site riverside 2>/dev/null)"
source "$(dirname "$0")/../support/backoffice_on_loopback.sh"
start_backoffice "$server" "$tmp/bo.db" "$tmp"

"$kiosk" --data-dir "$tmp/k" --enroll "$url" "$code1" >/dev/null 2>&1 || fail "first enrolment"
printf 'wait-sync 30000\n' >"$tmp/first.tour"
"$kiosk" --headless --data-dir "$tmp/k" --tour "$tmp/first.tour" >"$tmp/first.log" 2>&1 || fail "the first sync"
first_id="$("$kiosk" --data-dir "$tmp/k" --sync-status 2>/dev/null | sed -n 's/^enrolled: kiosk \(k-[0-9a-f]*\) .*/\1/p')"
[ -n "$first_id" ] || fail "no kiosk id after the first enrolment"
admin revoke "$first_id" >/dev/null || fail "revoke"

pin() { for d in 1 3 5 7 9 0; do echo "tap pin.key.$d"; done; }
{
  echo "set-lang en"; echo "tap staff.enter"; echo "expect-text staff.name.1 Min Chen"; echo "tap staff.name.1"; pin
  echo "tap staff.open.settings"; echo "expect-text staff.settings.enrol Riverside Centre"; echo "audit staff"
  echo "tap staff.settings.enrol"; echo "expect-screen staff_keyboard"; echo "expect-text keyboard.typed $url"
  echo "shot 01-address"; echo "audit staff"; echo "tap staff.keyboard.done"; echo "expect-text flow.heading one-time enrolment code"
  for c in $(echo "$code2" | tr -d '-' | grep -o .); do echo "tap staff.key.$c"; done
  echo "tap staff.key.A"; echo "tap staff.keyboard.delete"
  echo "expect-text keyboard.typed $(echo "$code2" | tr -d '-')"; echo "shot 02-code"; echo "tap staff.keyboard.done"
  echo "expect-screen staff_settings"; echo "wait 3000"
  echo "expect-text flow.heading Enrolled: this station belongs to Riverside Centre"; echo "shot 03-enrolled"
  echo "tap staff.settings.key.home_buttons"; echo "expect-screen staff_setting_value"; echo "tap staff.settings.value.book"
  echo "expect-text flow.heading Saved; it applies now"; echo "audit staff"; echo "tap common.back"
  echo "expect-text staff.settings.key.home_buttons Phone skills, Ask for help"
  echo "tap staff.sign_out"; echo "expect-screen home"; echo "expect-hidden home.book"; echo "expect-visible home.learn"
  echo "expect-visible home.help"; echo "shot 04-home-without-book"; echo "wait-sync 30000"
  echo "set-lang en"; echo "tap staff.enter"; echo "tap staff.name.1"; pin
  echo "tap staff.open.health"; echo "wait 1500"; echo "expect-text flow.line.1 none"; echo "expect-text flow.line.2 0 entries"
  echo "shot 05-health"; echo "audit staff"; echo "tap staff.health.today"; echo "expect-screen staff_health_today"
  echo "expect-text flow.line.3.label Lessons finished at the site today"; echo "expect-text flow.line.4 0 answered in time"
  echo "expect-text flow.line.6.label Mis-touches: Hello! What would you like to do?"; echo "expect-hidden flow.line.7"
  echo "shot 06-today"; echo "audit staff"
} >"$tmp/enrol.tour"
"$kiosk" --headless --data-dir "$tmp/k" --tour "$tmp/enrol.tour" --shots "$tmp/shots" >"$tmp/tour.log" 2>&1 || fail "the enrolment tour"
"$kiosk" --data-dir "$tmp/k" --sync-status >"$tmp/status" 2>/dev/null || { cat "$tmp/status"; fail "sync status after enrolling from the screen"; }
grep -q "^enrolled: kiosk k-[0-9a-f]* at Riverside Centre (riverside), back office $url" "$tmp/status" || { cat "$tmp/status"; fail "not enrolled where asked"; }
grep -q "^enrolled: kiosk $first_id " "$tmp/status" && fail "still the revoked enrolment"
# The setting survives a restart (it is in the store), checked by the config file's rules.
printf 'expect-hidden home.book\nexpect-visible home.help\n' >"$tmp/again.tour"
"$kiosk" --headless --data-dir "$tmp/k" --tour "$tmp/again.tour" >"$tmp/again.log" 2>&1 || fail "home buttons after a restart"
echo "PASS"
