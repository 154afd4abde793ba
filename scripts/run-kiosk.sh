#!/usr/bin/env bash
# Installs what is missing, builds, installs the lessons of lessons/qiao-basics (signed
# with a demo publisher key made on this computer, as a real publisher would), loads the
# example timetable (assets/services/example-services.json, so there is something to
# book) and starts the kiosk. With no display (a server, CI) it plays the scripted tours
# of every screen, of a lesson, and of booking and asking for help headless, and prints
# where the PNGs are.
# Extra arguments are passed to qiao-kiosk (try --help). QIAO_DATA_DIR picks the data
# folder when there is a display; QIAO_SERVICES_FILE loads another services file.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"

kiosk=build/release/kiosk/app/qiao-kiosk
pack_tool=build/release/kiosk/tools/qiao-pack
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
"$kiosk" --data-dir "$data" --load-services "${QIAO_SERVICES_FILE:-assets/services/example-services.json}"

if [ "$headless" = 0 ]; then
  exec "$kiosk" --data-dir "$data" "$@"
fi
shots="$PWD/build/shots/quick-start"
echo "No display found: playing the headless tours of every screen, of a lesson, and of Book and Help."
"$kiosk" --headless --tour tests/tours/every_screen.tour --shots "$shots/screens" --data-dir "$data" "$@"
"$kiosk" --headless --tour tests/tours/lessons/pay_by_qr.tour --shots "$shots/lesson" --data-dir "$data" "$@"
# Booking a class and asking for help with a scam. As under CTest, each starts from an
# empty data folder (it loads its own timetable and sets its own clock), and the
# "microphone" plays a recorded message from a file.
mic=()
if [ -f tests/data/help-message.ogg ]; then mic=(--microphone "file:$PWD/tests/data/help-message.ogg"); fi
for tour in book_class help_scam; do
  if [ -f "tests/tours/$tour.tour" ]; then
    tour_data="$PWD/build/demo-data-tours/$tour"
    rm -rf "$tour_data"
    "$kiosk" --headless --tour "tests/tours/$tour.tour" ${mic[@]+"${mic[@]}"} --shots "$shots/$tour" --data-dir "$tour_data" "$@"
  fi
done
echo "Screenshots of every screen, of a lesson, and of Book and Help are in: $shots"
