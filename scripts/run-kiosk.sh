#!/usr/bin/env bash
# Installs what is missing, builds, and starts the kiosk. With no display (a server, CI)
# it runs the scripted tour of every screen headless and prints where the PNGs are.
# Extra arguments are passed to qiao-kiosk (try --help).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"

kiosk=build/release/kiosk/app/qiao-kiosk
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$kiosk" --data-dir "${QIAO_DATA_DIR:-$HOME/.local/share/qiao}" "$@"
fi
shots="$PWD/build/shots/quick-start"
echo "No display found: running the headless tour of every screen."
"$kiosk" --headless --tour tests/tours/every_screen.tour --shots "$shots" \
  --data-dir "$PWD/build/demo-data" "$@"
echo "Screenshots of every screen are in: $shots"
