#!/usr/bin/env bash
# Installs what is missing, builds, installs the lessons of lessons/qiao-basics (signed
# with a demo publisher key made on this computer, as a real publisher would), starts a
# back office beside the kiosk (qiao-backoffice on loopback, with a demo site and the
# example timetable of assets/services/example-services.json) and enrols the kiosk with
# it, so what a senior books or asks for is synced there. Then it starts the kiosk. With
# no display (a server, CI) it plays the scripted tours of every screen, of a lesson, and
# of booking and asking for help headless, prints where the PNGs are, and shows what
# reached the back office. The back office stops when the kiosk does.
# Extra arguments are passed to qiao-kiosk (try --help). QIAO_DATA_DIR picks the data
# folder when there is a display; QIAO_SERVICES_FILE loads another services file.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"

kiosk=build/release/kiosk/app/qiao-kiosk
pack_tool=build/release/kiosk/tools/qiao-pack
backoffice=build/release/backoffice/qiao-backoffice
headless=1
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then headless=0; fi
if [ "$headless" = 1 ]; then data="$PWD/build/demo-data"; rm -rf "$data"; else data="${QIAO_DATA_DIR:-$HOME/.local/share/qiao}"; fi

# The lessons: signed with this computer's demo key, trusted by this kiosk only.
keys=build/demo-keys
if [ ! -f "$keys/demo.key" ]; then
  mkdir -p "$keys"
  "$pack_tool" keygen --name "Demo publisher on $(hostname)" --out "$keys/demo" >/dev/null
fi
rm -rf build/demo-pack
cp -r lessons/qiao-basics build/demo-pack
"$pack_tool" sign build/demo-pack --key "$keys/demo.key" >/dev/null
"$pack_tool" build build/demo-pack --out build/qiao-basics.qpack >/dev/null
mkdir -p "$data/trusted-publishers"
cp "$keys/demo.pub" "$data/trusted-publishers/"
"$kiosk" --data-dir "$data" --install-pack build/qiao-basics.qpack

# What a senior can book: the example timetable (docs/services-file.md). Loading replaces
# the timetable in that data folder whole; bookings already made are kept.
services="${QIAO_SERVICES_FILE:-assets/services/example-services.json}"
"$kiosk" --data-dir "$data" --load-services "$services"

# The back office, on a free loopback port, with its data in build/demo-backoffice (a
# fresh one each time). The site manager's steps are `qiao-backoffice admin` commands.
office=build/demo-backoffice
rm -rf "$office"
mkdir -p "$office"
"$backoffice" admin --db "$office/backoffice.db" site add demo "Demo community centre" >/dev/null
"$backoffice" admin --db "$office/backoffice.db" services --site demo "$services" >/dev/null
"$backoffice" --db "$office/backoffice.db" --listen 127.0.0.1:0 >"$office/server.out" 2>"$office/server.log" &
office_pid=$!
trap 'kill "$office_pid" 2>/dev/null || true; wait "$office_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q "listening on" "$office/server.out" 2>/dev/null && break
  sleep 0.1
done
office_url="http://$(sed -n 's/.*listening on \([0-9.]*:[0-9]*\).*/\1/p' "$office/server.out")"
echo "Back office running at $office_url (data: $office, log: $office/server.log)"
code=$("$backoffice" admin --db "$office/backoffice.db" enrolment-code --site demo 2>/dev/null)
"$kiosk" --data-dir "$data" --enroll "$office_url" "$code"

if [ "$headless" = 0 ]; then
  "$kiosk" --data-dir "$data" "$@"
  exit $?
fi
shots="$PWD/build/shots/quick-start"
echo "No display found: playing the headless tours of every screen, of a lesson, and of Book and Help."
"$kiosk" --headless --tour tests/tours/every_screen.tour --shots "$shots/screens" --data-dir "$data" "$@"
"$kiosk" --headless --tour tests/tours/lessons/pay_by_qr.tour --shots "$shots/lesson" --data-dir "$data" "$@"
# Booking a class and asking for help with a scam. As under CTest, each starts from an
# empty data folder (it loads its own timetable and sets its own clock), and the
# "microphone" plays a recorded message from a file. These two are not enrolled: they
# check what the senior sees before the back office has answered.
mic=()
if [ -f tests/data/help-message.ogg ]; then mic=(--microphone "file:$PWD/tests/data/help-message.ogg"); fi
for tour in book_class help_scam; do
  if [ -f "tests/tours/$tour.tour" ]; then
    tour_data="$PWD/build/demo-data-tours/$tour"
    rm -rf "$tour_data"
    "$kiosk" --headless --tour "tests/tours/$tour.tour" ${mic[@]+"${mic[@]}"} --shots "$shots/$tour" --data-dir "$tour_data" "$@"
  fi
done
# The demo kiosk sends what the tours left in its outbox (the finished lesson, the tap
# counts) and pulls what the back office has for it.
"$kiosk" --headless --tour scripts/sync-now.tour --shots "$shots/sync" --data-dir "$data" "$@"
echo "Screenshots of every screen, of a lesson, and of Book and Help are in: $shots"
echo "What reached the back office (qiao-backoffice admin export --site demo --format csv):"
"$backoffice" admin --db "$office/backoffice.db" export --site demo --format csv |
  grep -E ',total,(bookings|help_requests|lessons_completed),' || true
"$backoffice" admin --db "$office/backoffice.db" kiosks
