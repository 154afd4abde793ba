#!/usr/bin/env bash
# qiao-backoffice reads db and listen from a config file (--config), flags override it,
# and a bad line is one plain sentence naming the file, the line and the key.
set -uo pipefail
server="$4"; tmp="$2"
rm -rf "$tmp"; mkdir -p "$tmp"

cat > "$tmp/backoffice.conf" <<CONF
# the back office of the test site
db = "$tmp/from-file.db"
listen = 127.0.0.1:0   # any free port
CONF
"$server" --config "$tmp/backoffice.conf" >"$tmp/out" 2>"$tmp/log" &
pid=$!
for _ in $(seq 1 400); do grep -q "listening on" "$tmp/out" && break; sleep 0.05; done
grep -q "listening on 127.0.0.1:[0-9]*, data in $tmp/from-file.db" "$tmp/out" \
  || { echo "the config file was not used"; cat "$tmp/out" "$tmp/log"; kill "$pid"; exit 1; }
kill -TERM "$pid"; wait "$pid" || { echo "SIGTERM did not stop it cleanly"; exit 1; }

# A flag wins over the file.
"$server" --config "$tmp/backoffice.conf" --db "$tmp/from-flag.db" >"$tmp/out" 2>"$tmp/log" &
pid=$!
for _ in $(seq 1 400); do grep -q "listening on" "$tmp/out" && break; sleep 0.05; done
grep -q "data in $tmp/from-flag.db" "$tmp/out" || { echo "--db did not override the file"; cat "$tmp/out"; kill "$pid"; exit 1; }
kill -TERM "$pid"; wait "$pid"

printf 'db = x.db\nport = 8470\n' > "$tmp/bad.conf"
"$server" --config "$tmp/bad.conf" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -ne 0 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q "bad.conf line 2: unknown key \"port\"" "$tmp/err" \
  || { echo "a bad key is not one plain line naming it"; cat "$tmp/err"; exit 1; }
"$server" --config "$tmp/missing.conf" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -ne 0 ] && grep -q "cannot read the config file" "$tmp/err" || { echo "a missing file is not explained"; cat "$tmp/err"; exit 1; }
echo "PASS"
