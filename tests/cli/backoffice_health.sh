#!/usr/bin/env bash
# qiao-backoffice starts in one command, says where it listens, answers
# GET /api/v1/health with its version and anything else with a JSON error, refuses a
# bad flag in one plain line, and stops cleanly on SIGTERM.
set -uo pipefail
server="$4"; tmp="$2"
rm -rf "$tmp"; mkdir -p "$tmp"

# One HTTP/1.1 request over bash's /dev/tcp (no curl on a fresh machine): prints the answer.
http_get() {
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
  cat <&3
  exec 3>&-
}

"$server" --bogus >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -ne 0 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q -- "--help" "$tmp/err" \
  || { echo "a bad flag is not one plain line"; cat "$tmp/err"; exit 1; }
"$server" --listen nowhere >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -ne 0 ] && grep -q "HOST:PORT" "$tmp/err" || { echo "a bad --listen is not explained"; cat "$tmp/err"; exit 1; }

"$server" --db "$tmp/backoffice.db" --listen 127.0.0.1:0 >"$tmp/out" 2>"$tmp/log" &
pid=$!
# Up to 20 s: a loaded CI machine can be slow to open and migrate the file.
for _ in $(seq 1 400); do grep -q "listening on" "$tmp/out" && break; sleep 0.05; done
port="$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/out")"
[ -n "$port" ] || { echo "the server did not say where it listens"; cat "$tmp/out" "$tmp/log"; kill "$pid"; exit 1; }

health="$(http_get "$port" /api/v1/health)"
echo "$health"
echo "$health" | head -1 | grep -q "200" || { echo "health did not answer 200"; kill "$pid"; exit 1; }
echo "$health" | grep -q '"status":"ok"' && echo "$health" | grep -q '"version":"' \
  || { echo "health does not give status and version"; kill "$pid"; exit 1; }
missing="$(http_get "$port" /nowhere)"
echo "$missing" | head -1 | grep -q "404" && echo "$missing" | grep -q '"error":"not_found"' \
  || { echo "an unknown path is not a JSON 404"; echo "$missing"; kill "$pid"; exit 1; }
[ -s "$tmp/backoffice.db" ] || [ -e "$tmp/backoffice.db" ] || { echo "no database file was made"; kill "$pid"; exit 1; }

kill -TERM "$pid"; wait "$pid"; rc=$?
[ "$rc" -eq 0 ] || { echo "SIGTERM did not stop it cleanly (exit $rc)"; cat "$tmp/log"; exit 1; }
echo "PASS"
