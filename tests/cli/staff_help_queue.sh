#!/usr/bin/env bash
# The help queue in staff mode, against a real back office on loopback, with two
# kiosks: a senior asks for help at kiosk 2; volunteer Anna signs in at kiosk 1 (her PIN
# checked offline against the hash the back office sent), sees the request with its
# full number and countdown, plays the senior's message, and claims it; volunteer Bo at kiosk 2 then sees that Anna
# has it, and cannot claim it; Anna adds a note and resolves it; the queue is empty.
set -uo pipefail
kiosk="$1"; tmp="$2"; server="$4"
src="$(cd "$(dirname "$0")/../.." && pwd)"
rm -rf "$tmp"; mkdir -p "$tmp"
fail() { echo "FAIL: $*"; for f in "$tmp"/*.log; do echo "== $f"; tail -30 "$f"; done; exit 1; }
admin() { "$server" admin --db "$tmp/bo.db" "$@"; }

admin site add riverside "Riverside Centre" >/dev/null || fail "site add"
printf '111111\n' | admin staff add --site riverside --name "Anna Wu" --role volunteer --pin-stdin >/dev/null 2>&1 || fail "staff add Anna"
printf '222222\n' | admin staff add --site riverside --name "Bo Li" --role volunteer --pin-stdin >/dev/null 2>&1 || fail "staff add Bo"
code1="$(admin enrolment-code --site riverside 2>/dev/null)"
code2="$(admin enrolment-code --site riverside 2>/dev/null)"
source "$(dirname "$0")/../support/backoffice_on_loopback.sh"
start_backoffice "$server" "$tmp/bo.db" "$tmp"
"$kiosk" --data-dir "$tmp/k1" --enroll "$url" "$code1" >/dev/null 2>&1 || fail "enrol kiosk 1"
"$kiosk" --data-dir "$tmp/k2" --enroll "$url" "$code2" >/dev/null 2>&1 || fail "enrol kiosk 2"

tour() {  # tour NAME KIOSK_DATA: runs $tmp/NAME.tour, shots in $tmp/shots/NAME
  "$kiosk" --headless --data-dir "$tmp/$2" --tour "$tmp/$1.tour" --shots "$tmp/shots/$1" \
    --microphone "file:$src/tests/data/help-message.ogg" >"$tmp/$1.log" 2>&1 || fail "tour $1"
}
pin() { for d in $(echo "$1" | grep -o .); do echo "tap pin.key.$d"; done; }

# A senior at kiosk 2 asks for help with a spoken message, to be called back.
{
  echo "tap home.help"; echo "tap help.cat.phone_or_app"; echo "tap help.record"; echo "wait 2500"; echo "tap help.stop"
  echo "tap help.next"; echo "tap help.contact.phone"
  for d in 1 3 8 1 2 3 4 5 6 7 8; do echo "tap phone.key.$d"; done
  echo "tap phone.done"; echo "tap phone.yes"; echo "expect-screen help_sent"; echo "wait-sync 30000"
} >"$tmp/ask.tour"
tour ask k2

# Anna at kiosk 1: the roster comes with the sync; she claims the request.
{
  echo "wait-sync 30000"; echo "tap staff.enter"; echo "expect-text staff.name.1 Anna Wu"; echo "tap staff.name.1"; pin 111111
  echo "expect-screen staff_home"; echo "tap staff.open.help"; echo "wait-for staff.help.request.1 10000"
  echo "expect-text staff.help.request.1 138 1234 5678"; echo "expect-text staff.help.request.1 nobody has it"
  echo "shot 01-queue"; echo "audit staff"; echo "tap staff.help.request.1"; echo "expect-screen staff_help_detail"
  echo "expect-text flow.line.1 138 1234 5678"; echo "tap staff.help.play"; echo "wait 1500"
  echo "expect-text flow.note Playing the message"; echo "tap staff.help.claim"; echo "wait-for staff.help.resolve 10000"
  echo "wait 500"; echo "expect-text flow.note It is yours now"; echo "expect-hidden staff.help.claim"; echo "shot 02-claimed"
  echo "tap staff.sign_out"; echo "expect-screen home"
} >"$tmp/anna-claims.tour"
sed -i '1i set-lang en' "$tmp/anna-claims.tour"
tour anna-claims k1

# Bo at kiosk 2 sees that Anna has it: no claim button for him.
{
  echo "set-lang en"; echo "wait-sync 30000"; echo "tap staff.enter"; echo "expect-text staff.name.2 Bo Li"; echo "tap staff.name.2"; pin 222222
  echo "tap staff.open.help"; echo "wait-for staff.help.request.1 10000"; echo "expect-text staff.help.request.1 Anna has it"
  echo "shot 01-queue"; echo "audit staff"; echo "tap staff.help.request.1"; echo "expect-hidden staff.help.claim"; echo "expect-visible staff.help.add_note"
  echo "expect-hidden staff.help.resolve"; echo "shot 02-detail"
} >"$tmp/bo-sees.tour"
tour bo-sees k2

# Anna notes the call and resolves it; the queue is then empty for everyone.
{
  echo "set-lang en"; echo "tap staff.enter"; echo "tap staff.name.1"; pin 111111
  echo "tap staff.open.help"; echo "wait-for staff.help.request.1 10000"; echo "tap staff.help.request.1"
  echo "tap staff.help.add_note"; echo "expect-screen staff_help_note"; echo "audit staff"; echo "tap staff.help.note.solved_by_phone"
  echo "expect-screen staff_help_detail"; echo "wait 800"; echo "expect-text flow.note Note saved"
  echo "expect-text flow.line.6 Solved on the phone"; echo "tap staff.help.resolve"; echo "wait 800"
  echo "expect-text flow.note Marked resolved"; echo "shot 01-resolved"; echo "audit staff"; echo "tap common.back"; echo "wait 800"
  echo "tap staff.help.refresh"; echo "wait 800"; echo "expect-hidden staff.help.request.1"; echo "expect-text flow.heading No open help requests"
} >"$tmp/anna-resolves.tour"
tour anna-resolves k1

# Staff mode closed: the downloaded voice message is gone from kiosk 1.
[ -z "$(ls -A "$tmp/k1/staff-voice" 2>/dev/null)" ] || fail "a voice message was left on kiosk 1 after staff mode closed"
echo "PASS"
