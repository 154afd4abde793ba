#!/usr/bin/env python3
"""Load on qiao-backoffice from many enrolled kiosks (bench/README.md, "sync_load.py").

Enrols --kiosks kiosks through the real API (one-time codes from `qiao-backoffice
admin`), then measures:
  1. a paced load: --rate sync calls per second (the goal: 2,000 kiosks syncing every
     30 s is about 70/s), half pushes of one new booking and half pulls, each on a new
     connection as a kiosk makes it; latency is counted from the moment the call was
     due, so a stalled server cannot hide its queue (no coordinated omission);
  2. the most it sustains: wrk (Debian's) with bench/sync_load.lua, closed loop, at
     --connections;
  3. the server's memory (VmRSS, VmHWM) with those kiosks enrolled, before and after.
Each is run --runs times; medians with the spread are printed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from qiao_bench import BenchError, find_built, load_average, memory_kib, spread  # noqa: E402


def find_backoffice(explicit: str | None) -> Path:
    return find_built(explicit, "*/backoffice/qiao-backoffice", "qiao-backoffice")


def services(slots: int) -> str:
    today = time.gmtime()
    base = time.mktime((today.tm_year, today.tm_mon, today.tm_mday, 12, 0, 0, 0, 0, 0))
    file = {"format": 1, "utc_offset": "+00:00",
            "services": [{"id": "phone-class", "kind": "class", "name": {"zh-CN": "智能手机课堂"},
                          "rules": {"min_notice_minutes": 0, "max_days_ahead": 365}}],
            "slots": []}
    for i in range(1, slots + 1):
        day = time.strftime("%Y-%m-%d", time.gmtime(base + 86400 * i))
        file["slots"].append({"id": f"class-{i}", "service": "phone-class", "start": f"{day}T10:00",
                              "end": f"{day}T11:00", "place": {"zh-CN": "二楼"}, "capacity": 10_000})
    return json.dumps(file)


class Server:
    def __init__(self, binary: Path, workdir: Path):
        self.binary, self.db = binary, workdir / "bo.db"
        self.proc: subprocess.Popen | None = None
        self.port = 0

    def admin(self, *args: str) -> str:
        return subprocess.run([str(self.binary), "admin", "--db", str(self.db), *args], check=True,
                              capture_output=True, text=True).stdout.strip()

    def start(self) -> None:
        self.proc = subprocess.Popen([str(self.binary), "--db", str(self.db), "--listen", "127.0.0.1:0"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"listening on [\d.]+:(\d+)", line)
        if not m:
            raise BenchError(f"qiao-backoffice did not say where it listens: {line!r}")
        self.port = int(m.group(1))

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def call(port: int, method: str, path: str, token: str | None, body: str | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, path, body=body, headers=headers)
    res = conn.getresponse()
    data = res.read()
    conn.close()
    return res.status, data


def push_body(slots: int) -> str:
    slot = f"class-{secrets.randbelow(slots) + 1}"
    booking = {"id": secrets.token_hex(16), "code": "K7P2QA", "service_id": "phone-class", "slot_id": slot,
               "starts_at": "2026-12-01T10:00:00Z", "ends_at": "2026-12-01T11:00:00Z", "phone": "13812345678",
               "phone_masked": "138****5678", "for_someone_else": False, "created_at": "2026-11-27T08:30:00Z"}
    return json.dumps({"protocol": 1, "entries": [{"id": secrets.token_hex(16), "kind": "booking_request",
                                                   "created_at": "2026-11-27T08:30:00Z", "body": booking}]})


def paced(port: int, tokens: list[str], rate: float, seconds: float, slots: int) -> dict:
    """Open loop: call i is due at start + i/rate; latency runs from that moment."""
    total = int(rate * seconds)
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    next_call = 0
    start = time.perf_counter() + 0.2

    def worker() -> None:
        nonlocal next_call, failures
        while True:
            with lock:
                i = next_call
                next_call += 1
            if i >= total:
                return
            due = start + i / rate
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            token = tokens[secrets.randbelow(len(tokens))]
            try:
                if i % 2 == 0:
                    status, _ = call(port, "POST", "/api/v1/sync/push", token, push_body(slots))
                else:
                    status, _ = call(port, "GET", f"/api/v1/sync/pull?after={secrets.randbelow(50)}", token)
            except OSError:
                status = -1
            took = (time.perf_counter() - due) * 1000
            with lock:
                latencies.append(took)
                failures += status != 200

    threads = [threading.Thread(target=worker) for _ in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    return {"p50": q[49], "p99": q[98], "max": latencies[-1], "failures": failures, "calls": total}


def wrk(port: int, tokens_file: Path, slots: int, connections: int, seconds: int) -> dict:
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
                          "-s", str(Path(__file__).with_name("sync_load.lua")), f"http://127.0.0.1:{port}",
                          "--", str(tokens_file), str(slots)], check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    m = re.search(r"QIAO p50_ms=([\d.]+) p90_ms=([\d.]+) p99_ms=([\d.]+) max_ms=([\d.]+) non2xx=(\d+)", out)
    return {"rps": rps, "p50": float(m.group(1)), "p99": float(m.group(3)), "max": float(m.group(4)),
            "non2xx": int(m.group(5))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backoffice", help="the qiao-backoffice binary (default: the newest build/*/backoffice/)")
    parser.add_argument("--kiosks", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=70.0, help="paced sync calls per second (default 70)")
    parser.add_argument("--seconds", type=int, default=20, help="length of each run (default 20)")
    parser.add_argument("--connections", type=int, default=8, help="wrk's connections (default 8)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--slots", type=int, default=200)
    args = parser.parse_args()

    binary = find_backoffice(args.backoffice)
    print(f"qiao-backoffice: {binary}\nload average before: {load_average()}")
    with tempfile.TemporaryDirectory(prefix="qiao-sync-load-") as tmp:
        work = Path(tmp)
        server = Server(binary, work)
        server.admin("site", "add", "bench", "Bench site")
        (work / "services.json").write_text(services(args.slots))
        server.admin("services", "--site", "bench", str(work / "services.json"))
        codes = [server.admin("enrolment-code", "--site", "bench") for _ in range(args.kiosks)]
        server.start()
        try:
            idle = memory_kib(server.proc.pid)
            tokens = []
            for code in codes:
                status, data = call(server.port, "POST", "/api/v1/enroll", None, json.dumps({"code": code}))
                if status != 200:
                    raise BenchError(f"enrolment failed: {status} {data[:200]!r}")
                tokens.append(json.loads(data)["token"])
            tokens_file = work / "tokens.txt"
            tokens_file.write_text("\n".join(tokens) + "\n")
            enrolled = memory_kib(server.proc.pid)
            print(f"{len(tokens)} kiosks enrolled; server VmRSS {idle['VmRSS'] / 1024:.1f} MiB before, "
                  f"{enrolled['VmRSS'] / 1024:.1f} MiB after")

            paced_runs = [paced(server.port, tokens, args.rate, args.seconds, args.slots) for _ in range(args.runs)]
            print(f"paced {args.rate:g} calls/s for {args.seconds} s (half push, half pull, new connection each):")
            print(f"  p50 {spread([r['p50'] for r in paced_runs], ' ms', 2)}")
            print(f"  p99 {spread([r['p99'] for r in paced_runs], ' ms', 2)}")
            print(f"  slowest {spread([r['max'] for r in paced_runs], ' ms', 1)}; "
                  f"failed calls {sum(r['failures'] for r in paced_runs)} of {sum(r['calls'] for r in paced_runs)}")

            wrk_runs = [wrk(server.port, tokens_file, args.slots, args.connections, args.seconds) for _ in range(args.runs)]
            print(f"wrk, {args.connections} connections, closed loop (most it sustains, wrk on the same 2 cores):")
            print(f"  requests/s {spread([r['rps'] for r in wrk_runs], '', 0)}")
            print(f"  p50 {spread([r['p50'] for r in wrk_runs], ' ms', 2)}; p99 {spread([r['p99'] for r in wrk_runs], ' ms', 2)}")
            print(f"  non-2xx answers {sum(r['non2xx'] for r in wrk_runs)}")
            after = memory_kib(server.proc.pid)
            print(f"server memory after the load: VmRSS {after['VmRSS'] / 1024:.1f} MiB, peak VmHWM "
                  f"{after['VmHWM'] / 1024:.1f} MiB; bookings stored: "
                  f"{server.db.stat().st_size / 1e6:.1f} MB file (+ WAL)")
        finally:
            server.stop()
    print(f"load average after: {load_average()}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"sync_load: {e}", file=sys.stderr)
        sys.exit(1)
