#!/usr/bin/env bash
# Installs every Debian package Qiao needs to build, run and test, and nothing else.
# Safe to run again: when everything is present it returns without touching apt.
set -euo pipefail

PACKAGES=(
  # toolchain
  g++ cmake ninja-build pkg-config
  # clang with libFuzzer, for the fuzz target of the pack parsers (tests/fuzz, scripts/run-fuzz.sh)
  clang libclang-rt-14-dev
  # libraries (see ../DESIGN.md "Dependencies")
  libsdl2-dev libimgui-dev libstb-dev libfreetype-dev libfontconfig-dev
  libsqlite3-dev nlohmann-json3-dev doctest-dev libespeak-ng-dev espeak-ng-data
  libsodium-dev libarchive-dev
  # issue 4: QR codes on booking slips, cairo to print the slip (PNG, PDF), Ogg Vorbis
  # to keep a recorded help message small
  libqrencode-dev libcairo2-dev libvorbis-dev
  # issue 5: qiao-backoffice's HTTP server, and libcurl for the kiosk's sync worker
  libcpp-httplib-dev libcurl4-openssl-dev
  # the CJK font, found at run time through fontconfig
  fonts-wqy-microhei fontconfig
  # a virtual X display for benchmarks of idle behaviour, and sox to check speech files
  xvfb xauth sox
  # zbarimg reads the QR code on a printed slip back in the tests
  zbar-tools
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Packages installed."
