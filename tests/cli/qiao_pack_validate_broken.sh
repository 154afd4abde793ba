#!/usr/bin/env bash
# validate on the broken corpus: the expected problem, one line each, exit 1; and every
# problem of a pack broken several ways at once, with the summary counting them.
set -uo pipefail
tmp="$2"; pack_tool="$3"
packs="$(cd "$(dirname "$0")/../packs" && pwd)"
rm -rf "$tmp"; mkdir -p "$tmp"
fail() { echo "FAIL: $*"; exit 1; }

expect() {  # name, then a fixed string the output must hold
  local name="$1" want="$2" rc
  "$pack_tool" validate "$packs/broken/$name" >"$tmp/$name.out" 2>&1; rc=$?
  cat "$tmp/$name.out"
  [ "$rc" -eq 1 ] || fail "$name: exit code $rc, not 1"
  grep -qF -- "$want" "$tmp/$name.out" || fail "$name: no line with: $want"
  tail -n 1 "$tmp/$name.out" | grep -qE '^[0-9]+ errors?, [0-9]+ warnings? in [0-9]+ files?$' || fail "$name: summary line"
}
expect bad-json 'error: lessons/first-tap/lesson.json at line 6, column 3: '
expect unknown-element-id "error: lessons/first-tap/lesson.json at /steps/1/action/target: step 2 says tap 'wallet_app'"
expect missing-zh-CN 'error: lessons/first-tap/lesson.json at /title: "title" of the lesson has no Chinese (zh-CN) text'
expect bad-version 'error: pack.json at /version: '
expect path-escape "'..' would leave the pack"

# Two files broken at once: both reported in one run.
cp -r "$packs/good/minimal" "$tmp/two"
sed -i 's/"version": "1.0.0"/"version": "1.0"/' "$tmp/two/pack.json"
sed -i 's/"target": "wallet"/"target": "wallett"/' "$tmp/two/lessons/first-tap/lesson.json"
"$pack_tool" validate "$tmp/two" >"$tmp/two.out" 2>&1; rc=$?
cat "$tmp/two.out"
[ "$rc" -eq 1 ] || fail "two: exit $rc"
grep -q '^error: pack.json at /version' "$tmp/two.out" && grep -q "^error: lessons/first-tap/lesson.json at /steps/1/action/target" "$tmp/two.out" \
  || fail "two: not every problem listed"
tail -n 1 "$tmp/two.out" | grep -qE '^2 errors, [0-9]+ warnings? in 2 files$' || fail "two: summary"

# A warning alone does not fail the pack.
cp -r "$packs/good/minimal" "$tmp/warn"
sed -i 's/"minutes": 3,/"minutes": 3, "tittle": "x",/' "$tmp/warn/lessons/first-tap/lesson.json"
"$pack_tool" validate "$tmp/warn" >"$tmp/warn.out" 2>&1; rc=$?
cat "$tmp/warn.out"
[ "$rc" -eq 0 ] || fail "warn: exit $rc"
grep -q '^warning: lessons/first-tap/lesson.json at /tittle: ' "$tmp/warn.out" || fail "warn: no warning line"
grep -q '(warning)' "$tmp/warn.out" && fail "warn: said warning twice"
tail -n 1 "$tmp/warn.out" | grep -q '^OK: 1 lesson, 3 steps, languages zh-CN, en (1 warning)$' || fail "warn: summary"
echo "PASS"
