#!/usr/bin/env bash
# build -> inspect -> a kiosk that trusts the publisher installs the .qpack.
set -uo pipefail
kiosk="$1"; tmp="$2"; pack_tool="$3"
packs="$(cd "$(dirname "$0")/../packs" && pwd)"
rm -rf "$tmp"; mkdir -p "$tmp/usb"
fail() { echo "FAIL: $*"; exit 1; }

"$pack_tool" keygen --name "Riverside volunteers" --out "$tmp/river" >/dev/null || fail "keygen"
cp -r "$packs/good/minimal" "$tmp/pack"
"$pack_tool" sign "$tmp/pack" --key "$tmp/river.key" >/dev/null || fail "sign"
"$pack_tool" build "$tmp/pack" --out "$tmp/pack/inside.qpack" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] || fail "built into the pack itself (rc $rc)"
"$pack_tool" build "$tmp/pack" --out "$tmp/usb/minimal.qpack" >"$tmp/build.out" 2>&1 || { cat "$tmp/build.out"; fail "build"; }
cat "$tmp/build.out"
[ -s "$tmp/usb/minimal.qpack" ] || fail "no .qpack"

"$pack_tool" inspect "$tmp/usb/minimal.qpack" >"$tmp/inspect.out" 2>&1 || { cat "$tmp/inspect.out"; fail "inspect"; }
cat "$tmp/inspect.out"
for want in "id:         org.qiao.test-minimal" "version:    1.0.0" "languages:  zh-CN, en" \
            "first-tap: 第一次点一点, 3 steps, about 3 min" 'signed by "Riverside volunteers"' "intact"; do
  grep -qF -- "$want" "$tmp/inspect.out" || fail "inspect lacks: $want"
done

# An unsigned pack builds, with a reminder; an altered signed one does not.
cp -r "$packs/good/minimal" "$tmp/unsigned"
"$pack_tool" build "$tmp/unsigned" --out "$tmp/unsigned.qpack" >"$tmp/b2.out" 2>&1 || fail "unsigned build"
grep -q "not signed" "$tmp/b2.out" || fail "no reminder to sign"
echo "x" >> "$tmp/pack/pack.json"
"$pack_tool" build "$tmp/pack" --out "$tmp/altered.qpack" >"$tmp/b3.out" 2>&1; rc=$?
[ "$rc" -eq 1 ] && [ ! -e "$tmp/altered.qpack" ] || { cat "$tmp/b3.out"; fail "built an altered pack"; }

mkdir -p "$tmp/data/trusted-publishers"
cp "$tmp/river.pub" "$tmp/data/trusted-publishers/"
"$kiosk" --data-dir "$tmp/data" --install-pack "$tmp/usb/minimal.qpack" >"$tmp/install.out" 2>&1; rc=$?
cat "$tmp/install.out"
[ "$rc" -eq 0 ] && grep -q "^installed: org.qiao.test-minimal 1.0.0, signed by Riverside volunteers" "$tmp/install.out" \
  || fail "kiosk did not install the built pack (rc $rc)"
echo "PASS"
