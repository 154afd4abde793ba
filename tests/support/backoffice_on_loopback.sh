# Sourced by the CLI tests that need a running qiao-backoffice (not a test itself).
# start_backoffice SERVER DB OUT_DIR: starts it on a free loopback port, stops it when the
# script exits, and sets $url to its address ("http://127.0.0.1:PORT").
start_backoffice() {
  "$1" --db "$2" --listen 127.0.0.1:0 >"$3/out" 2>"$3/server.log" &
  backoffice_pid=$!
  trap 'kill "$backoffice_pid" 2>/dev/null; wait "$backoffice_pid" 2>/dev/null' EXIT
  for _ in $(seq 1 400); do grep -q "listening on" "$3/out" && break; sleep 0.05; done
  url="http://$(sed -n 's/.*listening on \([0-9.]*:[0-9]*\).*/\1/p' "$3/out")"
}
