#!/usr/bin/env python3
""""Book it" to durable on disk: time and fsync calls per booking (a benchmark, not a test).

Runs qiao-bench-book-it (bench/book_it.cpp) --runs times. Each run opens a fresh store on
disk under build/DIR/bench-tmp (the kiosk's LocalStore, so WAL and the kiosk's own
synchronous setting), loads tests/data/services-tour.json and times --requests calls of
BookingService::request(), each a different number on a slot bookable at 2026-12-01 09:00
(full slots give waiting-list requests: still one transaction each). It prints median,
p90 and max per run, then the medians over runs.

fsync calls: each run is repeated under `strace -f -c -e trace=fsync,fdatasync` with
--requests N and with --requests 0 (the same opening, migrating and timetable loading,
no booking); (calls at N - calls at 0) / N is the calls per booking. Needs strace
(apt-get install strace); without it that figure is skipped.

For scale, it also times the disk alone: a 4 KiB append and fdatasync, 200 times a run,
in the same folder.

--compare normal (the default) also runs the bench with synchronous=NORMAL on the same
connection, to show what the durability costs.

  bench/book_it.py [--runs 5] [--requests 200] [--compare normal|off|none] [--bench PATH]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in bench/ (the tree is committed as it is)
import qiao_bench as qb  # noqa: E402
import store_bench as sb  # noqa: E402

LINE = re.compile(r"book-it: (?P<n>\d+) requests \((?P<req>\d+) requested, (?P<wait>\d+) waiting\), journal (?P<journal>\w+), "
                  r"synchronous (?P<sync>\d+), median (?P<median>[\d.]+) ms, p90 (?P<p90>[\d.]+) ms, max (?P<max>[\d.]+) ms, "
                  r"mean (?P<mean>[\d.]+) ms, over 10 ms: (?P<over>\d+)")
SYNC_NAMES = {"0": "OFF", "1": "NORMAL", "2": "FULL", "3": "EXTRA"}


def run_bench(bench: Path, requests: int, synchronous: str) -> re.Match:
    p = subprocess.run([str(bench), "--requests", str(requests), "--synchronous", synchronous],
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600)
    m = LINE.search(p.stdout)
    if p.returncode != 0 or not m:
        raise qb.BenchError(f"{bench} exited {p.returncode}:\n{p.stdout}{p.stderr}")
    return m


def fsync_calls(bench: Path, requests: int, synchronous: str) -> int:
    """fsync + fdatasync calls of one whole run, from strace -c."""
    with tempfile.NamedTemporaryFile(prefix="qiao-strace-", suffix=".txt") as out:
        p = subprocess.run(["strace", "-f", "-c", "-e", "trace=fsync,fdatasync", "-o", out.name, str(bench),
                            "--requests", str(requests), "--synchronous", synchronous],
                           stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600)
        if p.returncode != 0:
            raise qb.BenchError(f"strace of {bench} exited {p.returncode}:\n{p.stdout}{p.stderr}")
        table = Path(out.name).read_text()
    calls = 0
    for line in table.splitlines():
        parts = line.split()
        # % time, seconds, usecs/call, calls, [errors,] syscall
        if parts and parts[-1] in ("fsync", "fdatasync"):
            calls += int(parts[3])
    return calls


def raw_fdatasync_ms(folder: Path, count: int = 200) -> list[float]:
    """The disk alone: append 4 KiB to a file in folder and fdatasync it, count times (ms each)."""
    folder.mkdir(parents=True, exist_ok=True)
    times = []
    with tempfile.NamedTemporaryFile(dir=folder, prefix="fdatasync-") as f:
        block = os.urandom(4096)
        for _ in range(count):
            os.write(f.fileno(), block)
            t0 = time.perf_counter()
            os.fdatasync(f.fileno())
            times.append((time.perf_counter() - t0) * 1000)
    return times


def measure(bench: Path, args: argparse.Namespace, synchronous: str, use_strace: bool) -> dict:
    res: dict[str, list[float]] = {"median": [], "p90": [], "max": [], "over": [], "per_booking": []}
    sync = journal = ""
    for i in range(args.runs):
        m = run_bench(bench, args.requests, synchronous)
        sync, journal = m["sync"], m["journal"]
        for k in ("median", "p90", "max"):
            res[k].append(float(m[k]))
        res["over"].append(int(m["over"]))
        extra = ""
        if use_strace:
            at_n = fsync_calls(bench, args.requests, synchronous)
            at_0 = fsync_calls(bench, 0, synchronous)
            res["per_booking"].append((at_n - at_0) / args.requests)
            extra = f"; fsync+fdatasync {at_n} with {args.requests} bookings, {at_0} without: " \
                    f"{res['per_booking'][-1]:.3f} per booking"
        print(f"  run {i + 1} (synchronous {SYNC_NAMES.get(sync, sync)}): {m['req']} requested, {m['wait']} waiting; "
              f"median {m['median']} ms, p90 {m['p90']} ms, max {m['max']} ms, over 10 ms: {m['over']}{extra}")
    return {"res": res, "sync": sync, "journal": journal}


def report(label: str, r: dict) -> None:
    res = r["res"]
    print(f"{label} (journal {r['journal']}, synchronous {SYNC_NAMES.get(r['sync'], r['sync'])}): "
          f"each run's median: {qb.spread(res['median'], ' ms', 3)}; p90: {qb.spread(res['p90'], ' ms', 3)}; "
          f"max: {qb.spread(res['max'], ' ms', 3)}; bookings over 10 ms in a run: {qb.spread(res['over'], '', 0)}")
    if res["per_booking"]:
        print(f"  fsync+fdatasync calls per booking: {qb.spread(res['per_booking'], '', 3)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", help="qiao-bench-book-it (default: the newest build/*/bench/qiao-bench-book-it)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--compare", default="normal", help="also run with this synchronous setting (normal, off; none: skip)")
    args = ap.parse_args()
    if args.requests < 1:
        raise qb.BenchError("--requests must be at least 1")

    bench = sb.find_tool("qiao-bench-book-it", args.bench)
    use_strace = shutil.which("strace") is not None
    print(f"bench: {bench}\nruns {args.runs} x {args.requests} bookings; strace: "
          f"{'yes' if use_strace else 'NOT INSTALLED (apt-get install strace): no fsync counts'}; "
          f"load average before: {qb.load_average()}")
    disk = []
    for _ in range(args.runs):
        raw = raw_fdatasync_ms(bench.parent.parent / "bench-tmp")
        disk.append(statistics.median(raw))
    print(f"  the disk alone: 4 KiB append + fdatasync in {bench.parent.parent / 'bench-tmp'}, 200 a run; each run's "
          f"median: {qb.spread(disk, ' ms', 3)}")
    kiosk = measure(bench, args, "kiosk", use_strace)
    other = measure(bench, args, args.compare, use_strace) if args.compare != "none" else None
    print()
    report("the kiosk's setting", kiosk)
    if other:
        report(f"for comparison, synchronous={args.compare}", other)
    med = statistics.median(kiosk["res"]["median"])
    per = statistics.median(kiosk["res"]["per_booking"]) if kiosk["res"]["per_booking"] else None
    print(f"goal (durable: one fsync a booking, under 10 ms): "
          f"{'met' if med < 10 and (per is None or round(per) == 1) and kiosk['sync'] in ('2', '3') else 'NOT met'} "
          f"(median {med:.3f} ms, {'?' if per is None else f'{per:.3f}'} fsync a booking, synchronous "
          f"{SYNC_NAMES.get(kiosk['sync'], kiosk['sync'])}); load average after: {qb.load_average()}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except qb.BenchError as e:
        print(f"book_it.py: {e}", file=sys.stderr)
        sys.exit(2)
