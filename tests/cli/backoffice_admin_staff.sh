#!/usr/bin/env bash
# qiao-backoffice admin for staff and their kiosk PINs: the PIN comes only on stdin
# (--pin on the command line, where ps shows it, is a usage error); a PIN that is not
# 6 digits ends with 1, one plain line, and nothing added or changed; the file keeps an
# argon2id hash, never the PIN; staff list says who has a PIN and their hours; a revoked
# member loses the PIN and cannot get a new one. Two PINs are hashed (argon2id, slow).
set -uo pipefail
tmp="$2"; server="$4"
rm -rf "$tmp"; mkdir -p "$tmp"
fail() { echo "FAIL: $*"; exit 1; }
admin() { "$server" admin --db "$tmp/bo.db" "$@"; }

admin site add riverside "Riverside Community Centre" >/dev/null || fail "site add"
admin help >"$tmp/help" || fail "admin help"
grep -q -- "--pin-stdin" "$tmp/help" && grep -q "staff pin STAFF_ID" "$tmp/help" && grep -q "staff list" "$tmp/help" \
  || { cat "$tmp/help"; fail "the help does not name the staff PIN commands"; }

for bad in "48291" "4829165" "48a916" ""; do
  printf '%s\n' "$bad" | admin staff add --site riverside --name "Wang Wei" --role volunteer --pin-stdin >"$tmp/out" 2>"$tmp/err"; rc=$?
  [ "$rc" -eq 1 ] || fail "PIN '$bad' at staff add ended with $rc, not 1"
  [ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q "a staff PIN is exactly 6 digits (0-9); nothing was changed" "$tmp/err" \
    || { cat "$tmp/err"; fail "PIN '$bad' was not refused in one plain line"; }
  [ ! -s "$tmp/out" ] || fail "a refused staff add printed a token"
done
admin staff add --site riverside --name "Wang Wei" --role volunteer --pin 482916 >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q "use --pin-stdin" "$tmp/err" || { cat "$tmp/err"; fail "a PIN in argv was not a usage error (rc $rc)"; }
admin staff list >"$tmp/list" || fail "staff list"
[ ! -s "$tmp/list" ] || { cat "$tmp/list"; fail "a refused staff add added someone"; }

printf '482916\n' | admin staff add --site riverside --name "Wang Wei" --role volunteer --pin-stdin >"$tmp/out" 2>"$tmp/err" \
  || { cat "$tmp/err"; fail "staff add with a PIN"; }
cat "$tmp/err"
[ "$(wc -l < "$tmp/out")" -eq 1 ] && [ "$(wc -c < "$tmp/out")" -ge 40 ] || { cat "$tmp/out"; fail "staff add did not print one token"; }
grep -q "with a kiosk PIN" "$tmp/err" || fail "staff add did not say the PIN was set"
admin staff add --site riverside --name "Min Chen" --role manager >/dev/null 2>&1 || fail "staff add without a PIN"
admin staff list --site riverside >"$tmp/list" || fail "staff list --site"
cat "$tmp/list"
wei="$(grep '"Wang Wei"' "$tmp/list" | cut -d' ' -f1)"
[ -n "$wei" ] || fail "staff list does not show Wang Wei"
grep '"Wang Wei"' "$tmp/list" | grep -q "volunteer  PIN set  0 h 0 min served" || fail "Wang Wei's line is wrong"
grep '"Min Chen"' "$tmp/list" | grep -q "manager  no PIN" || fail "Min Chen's line is wrong"
! grep -aq 482916 "$tmp/bo.db" "$tmp"/bo.db-wal 2>/dev/null || fail "the PIN is in the back office's file"
grep -aq '\$argon2id\$' "$tmp/bo.db" "$tmp"/bo.db-wal 2>/dev/null || fail "no argon2id hash in the back office's file"

printf '70513x\n' | admin staff pin "$wei" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 1 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q "exactly 6 digits" "$tmp/err" || { cat "$tmp/err"; fail "a bad new PIN (rc $rc)"; }
printf '123456\n' | admin staff pin s-nobody >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q 'no staff member "s-nobody"' "$tmp/err" || { cat "$tmp/err"; fail "an unknown staff id (rc $rc)"; }
printf '705133\r\n' | admin staff pin "$wei" >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "staff pin"; }
grep -q "staff $wei has a new PIN" "$tmp/out" || { cat "$tmp/out"; fail "staff pin did not say so"; }

admin staff revoke "$wei" >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "staff revoke"; }
admin staff list >"$tmp/list" || fail "staff list after revoke"
grep '"Wang Wei"' "$tmp/list" | grep -q "no PIN.*REVOKED" || { cat "$tmp/list"; fail "the revoked member keeps a PIN"; }
printf '705133\n' | admin staff pin "$wei" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q "revoked" "$tmp/err" || { cat "$tmp/err"; fail "a revoked member got a PIN (rc $rc)"; }
echo "PASS"
