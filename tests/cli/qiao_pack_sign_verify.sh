#!/usr/bin/env bash
# keygen -> sign -> validate --trust; a change after signing is named; keys are never overwritten.
set -uo pipefail
tmp="$2"; pack_tool="$3"
packs="$(cd "$(dirname "$0")/../packs" && pwd)"
rm -rf "$tmp"; mkdir -p "$tmp"
fail() { echo "FAIL: $*"; exit 1; }

"$pack_tool" keygen --name "Riverside volunteers" --out "$tmp/river" >"$tmp/keygen.out" 2>&1 || { cat "$tmp/keygen.out"; fail "keygen"; }
cat "$tmp/keygen.out"
[ "$(stat -c %a "$tmp/river.key")" = "600" ] || fail "secret key is not 0600"
[ -f "$tmp/river.pub" ] || fail "no .pub"
fp="$(sed -n 's/.*fingerprint \([0-9a-f ]*\)$/\1/p' "$tmp/keygen.out" | head -n 1)"
[ -n "$fp" ] || fail "no fingerprint printed"
"$pack_tool" keygen --name "Someone else" --out "$tmp/river" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -ne 0 ] && grep -q "never overwritten" "$tmp/err" || fail "keygen overwrote a key (rc $rc)"
"$pack_tool" keygen --name "Other" --out "$tmp/other" >/dev/null || fail "second keygen"

cp -r "$packs/good/minimal" "$tmp/pack"
"$pack_tool" sign "$tmp/pack" --key "$tmp/river.key" >"$tmp/sign.out" 2>&1 || { cat "$tmp/sign.out"; fail "sign"; }
cat "$tmp/sign.out"
grep -q "signed .*: 5 files, by \"Riverside volunteers\", key fingerprint $fp" "$tmp/sign.out" || fail "sign output"

"$pack_tool" validate "$tmp/pack" --trust "$tmp/river.pub" >"$tmp/v.out" 2>&1 || { cat "$tmp/v.out"; fail "validate --trust"; }
tail -n 1 "$tmp/v.out" | grep -q "^OK: .*signed by Riverside volunteers (key $fp)" || { cat "$tmp/v.out"; fail "summary"; }
"$pack_tool" validate "$tmp/pack" --trust "$tmp/other.pub" >"$tmp/v2.out" 2>&1; rc=$?
cat "$tmp/v2.out"
[ "$rc" -eq 1 ] && grep -q "^error: SIGNATURE: .*none of the keys given with --trust" "$tmp/v2.out" || fail "wrong key accepted (rc $rc)"
"$pack_tool" validate "$tmp/pack" --trust "$tmp/river.key" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] || fail "a secret key given to --trust was not a usage error (rc $rc)"

# Change one file, add another: validate (with or without --trust) names both.
sed -i 's/Please tap Wallet./Tap Wallet, please./' "$tmp/pack/lessons/first-tap/lesson.json"
echo "notes" > "$tmp/pack/notes.txt"
for trust in "" "--trust $tmp/river.pub"; do
  # shellcheck disable=SC2086
  "$pack_tool" validate "$tmp/pack" $trust >"$tmp/v3.out" 2>&1; rc=$?
  cat "$tmp/v3.out"
  [ "$rc" -eq 1 ] || fail "altered pack passed ($trust)"
  grep -q "^error: lessons/first-tap/lesson.json: this file was changed after signing" "$tmp/v3.out" || fail "changed file not named"
  grep -q "^error: notes.txt: this file was added after signing" "$tmp/v3.out" || fail "added file not named"
done
rm "$tmp/pack/lessons/first-tap/audio/hello-en.ogg"
sed -i 's|, "en": "audio/hello-en.ogg"||' "$tmp/pack/lessons/first-tap/lesson.json"
"$pack_tool" validate "$tmp/pack" >"$tmp/v4.out" 2>&1
grep -q "^error: lessons/first-tap/audio/hello-en.ogg: this file was removed after signing" "$tmp/v4.out" || { cat "$tmp/v4.out"; fail "removed file not named"; }

# Re-signing makes it whole again; a pack with errors is never signed.
"$pack_tool" sign "$tmp/pack" --key "$tmp/river" >/dev/null || fail "re-sign (key named without .key)"
"$pack_tool" validate "$tmp/pack" --trust "$tmp/river.pub" >/dev/null || fail "re-signed pack not OK"
cp -r "$packs/broken/bad-version" "$tmp/bad"
"$pack_tool" sign "$tmp/bad" --key "$tmp/river.key" >"$tmp/s2.out" 2>&1; rc=$?
cat "$tmp/s2.out"
[ "$rc" -eq 1 ] && [ ! -e "$tmp/bad/SIGNATURE" ] && grep -q "not signed: fix the errors" "$tmp/s2.out" || fail "signed a broken pack"
echo "PASS"
