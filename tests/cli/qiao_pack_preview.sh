#!/usr/bin/env bash
# preview draws every step of every lesson in every language as real PNGs, with an index.
set -uo pipefail
tmp="$2"; pack_tool="$3"
packs="$(cd "$(dirname "$0")/../packs" && pwd)"
rm -rf "$tmp"; mkdir -p "$tmp"
fail() { echo "FAIL: $*"; exit 1; }
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy

"$pack_tool" preview "$packs/good/minimal" --out "$tmp/shots" --size 1024x768 >"$tmp/out" 2>&1; rc=$?
cat "$tmp/out"
[ "$rc" -eq 0 ] || fail "preview exited $rc"
# Per language (zh-CN, en): the lesson list, 3 steps, the done screen.
n="$(find "$tmp/shots" -name '*.png' | wc -l)"
[ "$n" -eq 10 ] || { find "$tmp/shots"; fail "expected 10 PNGs, got $n"; }
grep -q "^wrote 10 pictures in zh-CN, en" "$tmp/out" || fail "count not printed"
for lang in zh-CN en; do
  for f in lessons.png first-tap/step-01.png first-tap/step-02.png first-tap/step-03.png first-tap/done.png; do
    png="$tmp/shots/$lang/$f"
    [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "$png is not a PNG"
    grep -qF "src=\"$lang/$f\"" "$tmp/shots/index.html" || fail "index.html does not show $lang/$f"
  done
done
# The size asked for: width and height are bytes 16-23 of a PNG (IHDR).
[ "$(head -c 24 "$tmp/shots/en/lessons.png" | tail -c 8 | od -An -tx1 | tr -d ' \n')" = "0000040000000300" ] || fail "not 1024x768"

"$pack_tool" preview "$packs/good/minimal" --out "$tmp/en" --lang en >/dev/null 2>&1 || fail "--lang en"
[ "$(find "$tmp/en" -name '*.png' | wc -l)" -eq 5 ] || fail "--lang en: not 5 pictures"
"$pack_tool" preview "$packs/good/minimal" --out "$tmp/x" --lang xx >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q "offers" "$tmp/err" || fail "unknown language (rc $rc)"
"$pack_tool" preview "$packs/broken/bad-json" --out "$tmp/bad" >"$tmp/bad.out" 2>&1; rc=$?
[ "$rc" -eq 1 ] && grep -q "no pictures drawn" "$tmp/bad.out" || fail "preview of a broken pack (rc $rc)"
echo "PASS"
