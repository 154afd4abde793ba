#!/usr/bin/env bash
# A site manager loads what seniors can book: a good file is loaded and summed up; a
# broken one lists every problem by field, exits 1, and leaves the timetable in use
# untouched; a file that is not there, or not JSON, is one plain message too.
set -uo pipefail
kiosk="$1"; tmp="$2"
src="$(cd "$(dirname "$0")/../.." && pwd)"
rm -rf "$tmp"; mkdir -p "$tmp"

"$kiosk" --data-dir "$tmp/data" --load-services "$src/assets/services/example-services.json" >"$tmp/out" 2>&1
rc=$?; cat "$tmp/out"
[ "$rc" -eq 0 ] || { echo "the example file was not loaded"; exit 1; }
grep -q "loaded: .* 4 service(s)" "$tmp/out" || { echo "no summary of what was loaded"; exit 1; }

cat > "$tmp/broken.json" <<'JSON'
{"format": 1, "utc_offset": "+08:00",
 "services": [{"id": "c", "kind": "class", "name": {"zh-CN": "课"}, "rules": {"min_notice_minutes": -5}}],
 "slots": [{"id": "a", "service": "c", "start": "2026-12-01T10:00", "end": "2026-12-01T09:00", "capacity": 0},
           {"id": "b", "service": "nope", "start": "2026-12-01T10:00", "end": "2026-12-01T11:00", "capacity": 3}]}
JSON
"$kiosk" --data-dir "$tmp/data" --load-services "$tmp/broken.json" >"$tmp/out2" 2>&1
rc=$?; cat "$tmp/out2"
[ "$rc" -eq 1 ] || { echo "a broken file did not fail (rc $rc)"; exit 1; }
for field in "slots\[0\].end" "slots\[0\].capacity" "slots\[1\].service" "min_notice_minutes"; do
  grep -q "$field" "$tmp/out2" || { echo "the problem in $field is not named"; exit 1; }
done
grep -q "unchanged" "$tmp/out2" || { echo "does not say the timetable in use is unchanged"; exit 1; }

# The good timetable is still the one in use.
"$kiosk" --data-dir "$tmp/data" --load-services "$src/assets/services/example-services.json" >"$tmp/out3" 2>&1 || { echo "reload failed"; exit 1; }
printf '{ "format": 1, "services": [' > "$tmp/cut.json"
"$kiosk" --data-dir "$tmp/data" --load-services "$tmp/cut.json" >"$tmp/out4" 2>&1; rc=$?; cat "$tmp/out4"
[ "$rc" -eq 1 ] && grep -q "line 1" "$tmp/out4" || { echo "a cut-off file is not reported with its line"; exit 1; }
"$kiosk" --data-dir "$tmp/data" --load-services "$tmp/none.json" >"$tmp/out5" 2>&1; rc=$?; cat "$tmp/out5"
[ "$rc" -ne 0 ] && grep -q "none.json" "$tmp/out5" || { echo "a missing file is not named"; exit 1; }
echo "PASS"
