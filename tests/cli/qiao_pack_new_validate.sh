#!/usr/bin/env bash
# qiao-pack new makes a pack that validate accepts; help and mistyped commands are plain.
set -uo pipefail
tmp="$2"; pack_tool="$3"
rm -rf "$tmp"; mkdir -p "$tmp"
fail() { echo "FAIL: $*"; exit 1; }

"$pack_tool" new "$tmp/starter" --id org.example.starter --title "手机入门" >"$tmp/new.out" 2>&1 \
  || { cat "$tmp/new.out"; fail "new failed"; }
cat "$tmp/new.out"
[ -f "$tmp/starter/pack.json" ] && [ -f "$tmp/starter/lessons/first-lesson/lesson.json" ] || fail "files not written"

"$pack_tool" validate "$tmp/starter" >"$tmp/v.out" 2>&1; rc=$?
cat "$tmp/v.out"
[ "$rc" -eq 0 ] || fail "validate of a new pack exited $rc"
[ "$(tail -n 1 "$tmp/v.out")" = "OK: 1 lesson, 3 steps, languages zh-CN, en" ] || fail "summary line"
grep -q '"手机入门"' "$tmp/starter/pack.json" || fail "--title not used"

# Never overwrite: a second new into the same folder is refused as bad usage.
"$pack_tool" new "$tmp/starter" --id org.example.starter >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q "not empty" "$tmp/err" || { cat "$tmp/err"; fail "overwrote a pack (rc $rc)"; }
"$pack_tool" new "$tmp/other" --id Not_An_Id >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] || { cat "$tmp/err"; fail "bad --id not one plain line"; }
[ ! -e "$tmp/other" ] || fail "a pack was made despite a bad id"

# Help: the overview lists every command; each command explains itself.
"$pack_tool" help >"$tmp/help" || fail "help exit code"
for c in new validate preview keygen sign build inspect; do
  grep -q "^  $c " "$tmp/help" || fail "help does not list $c"
  "$pack_tool" "$c" --help | grep -q "qiao-pack $c" || fail "$c --help"
done
"$pack_tool" frobnicate >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q "qiao-pack help" "$tmp/err" || fail "unknown command (rc $rc)"
"$pack_tool" validate >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q -- "--help" "$tmp/err" || fail "missing folder (rc $rc)"
"$pack_tool" validate "$tmp/nowhere" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q "no folder" "$tmp/err" || fail "nonexistent folder (rc $rc)"
echo "PASS"
