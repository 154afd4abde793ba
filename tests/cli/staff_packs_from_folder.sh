#!/usr/bin/env bash
# A site manager loads lesson packs from a USB stick in staff mode: the station lists
# every pack on the stick with its check in plain words (a signed pack, a newer version
# of it, an unsigned one, a broken one; a file that is no pack is not listed), installs
# the good ones, rolls back, and switches a pack off, after which seniors no longer see
# its lessons. The staff account comes as the back office would send it.
set -uo pipefail
kiosk="$1"; tmp="$2"; pack_tool="$3"
packs="$(cd "$(dirname "$0")/../packs" && pwd)"
rm -rf "$tmp"; mkdir -p "$tmp/usb/STICK" "$tmp/data/trusted-publishers"
fail() { echo "FAIL: $*"; tail -40 "$tmp/tour.log"; exit 1; }

"$pack_tool" keygen --name "Riverside volunteers" --out "$tmp/river" >/dev/null || fail "keygen"
cp "$tmp/river.pub" "$tmp/data/trusted-publishers/"
cp -r "$packs/good/minimal" "$tmp/signed"
"$pack_tool" sign "$tmp/signed" --key "$tmp/river.key" >/dev/null || fail "sign"
"$pack_tool" build "$tmp/signed" --out "$tmp/usb/STICK/a-minimal.qpack" >/dev/null 2>&1 || fail "build"
cp -r "$packs/good/minimal" "$tmp/usb/STICK/b-minimal-newer"
sed -i 's/"version": "1.0.0"/"version": "1.1.0"/' "$tmp/usb/STICK/b-minimal-newer/pack.json"
"$pack_tool" sign "$tmp/usb/STICK/b-minimal-newer" --key "$tmp/river.key" >/dev/null || fail "sign newer"
cp -r "$packs/good/minimal" "$tmp/usb/STICK/c-unsigned"
cp -r "$packs/broken/bad-json" "$tmp/usb/STICK/d-broken"
echo "shopping list" > "$tmp/usb/STICK/notes.txt"
printf 'pack_folders = %s\n' "$tmp/usb" > "$tmp/kiosk.conf"

cat > "$tmp/packs.tour" <<'TOUR'
set-lang en
backoffice {"kind": "staff", "id": "s-min", "name": "Min Chen", "role": "manager", "pin": "135790", "active": true, "hours_minutes": 0}
tap staff.enter
tap staff.name.1
tap pin.key.1
tap pin.key.3
tap pin.key.5
tap pin.key.7
tap pin.key.9
tap pin.key.0
expect-screen staff_home
tap staff.open.packs
expect-screen staff_packs
expect-text flow.heading No lesson packs installed yet
tap staff.packs.load
expect-screen staff_pack_sources
audit staff
expect-text staff.packs.source.2 STICK
tap staff.packs.source.2
expect-screen staff_pack_found
expect-text flow.heading 4 packs found
expect-text staff.packs.found.1 Ready to install (new)
expect-text staff.packs.found.2 Ready to install (new)
shot 01-found
audit staff
tap flow.more
expect-text staff.packs.found.3 Cannot install
expect-text staff.packs.found.4 Cannot install
expect-hidden staff.packs.found.5
tap staff.packs.found.3
expect-screen staff_pack_check
expect-text flow.line.4 not signed
expect-hidden staff.packs.install
shot 02-unsigned
audit staff
tap common.back
tap staff.packs.found.4
expect-text flow.line.0 d-broken
expect-text flow.line.4 not valid JSON
shot 02-broken
audit staff
tap common.back
tap flow.more
tap staff.packs.found.1
expect-text flow.line.2 Riverside volunteers
tap staff.packs.install
expect-text flow.note Installed: 1.0.0
tap common.back
expect-text staff.packs.found.1 This version is installed
expect-text staff.packs.found.2 Ready to install (newer than 1.0.0)
tap staff.packs.found.2
tap staff.packs.install
expect-text flow.note Installed: 1.1.0
shot 03-installed
audit staff
tap staff.menu
tap staff.open.packs
expect-text staff.packs.item.1 The smallest pack  1.1.0
tap staff.packs.item.1
expect-screen staff_pack_detail
expect-text flow.line.1 1.0.0
shot 04-detail
audit staff
tap staff.packs.rollback
expect-text flow.note Rolled back: 1.0.0 is in use now
tap staff.packs.disable
expect-text flow.note Switched off
shot 05-switched-off
audit staff
tap staff.sign_out
expect-screen home
tap home.learn
expect-screen learn
expect-hidden lesson.first-tap
TOUR
"$kiosk" --headless --config "$tmp/kiosk.conf" --data-dir "$tmp/data" --tour "$tmp/packs.tour" --shots "$tmp/shots" >"$tmp/tour.log" 2>&1 \
  || fail "the packs tour"
"$kiosk" --data-dir "$tmp/data" --rollback-pack org.qiao.test-minimal >"$tmp/rb.out" 2>&1 || fail "rolled back twice?"
grep -q "is now 1.1.0" "$tmp/rb.out" || { cat "$tmp/rb.out"; fail "the staff screen's rollback did not happen on disk"; }
echo "PASS"
