#!/usr/bin/env bash
# qiao-backoffice admin as a site manager uses it: site settings (an unknown key or a
# value the kiosk would refuse ends with 1 and one plain line), trusting a publisher's
# key, publishing a signed lesson pack (a broken one is refused, naming the problem),
# and exporting the figures as a CSV a spreadsheet opens, or as JSON.
set -uo pipefail
pack_tool="$3"; server="$4"; tmp="$2"
packs="$(cd "$(dirname "$0")/../packs" && pwd)"
rm -rf "$tmp"; mkdir -p "$tmp"
fail() { echo "FAIL: $*"; exit 1; }
admin() { "$server" admin --db "$tmp/bo.db" "$@"; }

admin site add riverside "Riverside Community Centre" >/dev/null || fail "site add"

admin settings --site riverside colour=red >"$tmp/out" 2>"$tmp/err"; rc=$?
cat "$tmp/err"
[ "$rc" -eq 1 ] || fail "an unknown setting ended with $rc, not 1"
[ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q '"colour" is not a setting a site can set' "$tmp/err" \
  && grep -q "opening_hours" "$tmp/err" || fail "an unknown setting is not one plain line naming it and the settings"
[ ! -s "$tmp/out" ] || fail "a refused setting printed something on stdout"
admin settings --site riverside opening_hours=09:00-17:00 speech_rate=500 >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q "speech_rate must be a whole number of words a minute from 80 to 260" "$tmp/err" \
  || { cat "$tmp/err"; fail "a value the kiosk would refuse was not refused in its words"; }
admin settings --site riverside opening_hours >/dev/null 2>&1; rc=$?
[ "$rc" -eq 2 ] || fail "a word without = is not a usage error (rc $rc)"
admin settings --site riverside opening_hours=09:00-17:00 open_days=mon-fri >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "settings"; }
admin settings --site riverside >"$tmp/out" 2>&1 || fail "showing the settings"
cat "$tmp/out"
grep -q "opening_hours = 09:00-17:00" "$tmp/out" && grep -q "open_days = mon-fri" "$tmp/out" || fail "the settings were not kept"

"$pack_tool" keygen --name "Riverside volunteers" --out "$tmp/river" >/dev/null || fail "keygen"
printf 'qiao-publisher-key v1\nnot a key\n' > "$tmp/bad.pub"
admin trust-key --site riverside "$tmp/bad.pub" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q "bad.pub" "$tmp/err" || { cat "$tmp/err"; fail "a broken key file was trusted (rc $rc)"; }
admin trust-key --site riverside "$tmp/river.pub" >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "trust-key"; }
grep -q 'now trusts "Riverside volunteers"' "$tmp/out" || { cat "$tmp/out"; fail "trust-key did not say whom"; }

cp -r "$packs/good/minimal" "$tmp/pack"
"$pack_tool" sign "$tmp/pack" --key "$tmp/river.key" >/dev/null || fail "sign"
"$pack_tool" build "$tmp/pack" --out "$tmp/minimal.qpack" >/dev/null 2>&1 || fail "build"
admin pack publish --site riverside "$tmp/minimal.qpack" >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "publish"; }
cat "$tmp/out"
grep -q "^published org.qiao.test-minimal 1.0.0" "$tmp/out" || fail "publish did not say what it published"
sha="$(sha256sum "$tmp/minimal.qpack" | cut -d' ' -f1)"
cmp -s "$tmp/minimal.qpack" "$tmp/bo.db.packs/$sha.qpack" || fail "the pack is not on the shelf as <sha256>.qpack"
echo "not an archive" > "$tmp/broken.qpack"
admin pack publish --site riverside "$tmp/broken.qpack" >/dev/null 2>"$tmp/err"; rc=$?
cat "$tmp/err"
[ "$rc" -eq 1 ] && grep -q "broken.qpack was not published: pack archive $tmp/broken.qpack is damaged" "$tmp/err" || fail "a broken pack was not refused plainly (rc $rc)"

admin export --site riverside --format csv --out "$tmp/figures.csv" >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "export csv"; }
head -3 "$tmp/figures.csv"
[ "$(head -1 "$tmp/figures.csv" | tr -d '\r')" = "site,day,figure,key,value" ] || fail "the CSV has no header"
grep -q "^riverside,total,lessons_completed,,0" "$tmp/figures.csv" || fail "the CSV has no totals"
admin export --format json >"$tmp/figures.json" 2>&1 || fail "export json"
grep -q '"site_id": "riverside"' "$tmp/figures.json" || fail "the JSON export lacks the site"
admin export --site nowhere --format csv >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q 'no site "nowhere"' "$tmp/err" || fail "an unknown site was not refused (rc $rc)"
admin export --site riverside --format xls >/dev/null 2>&1; rc=$?
[ "$rc" -eq 2 ] || fail "a bad --format is not a usage error (rc $rc)"
echo "PASS"
