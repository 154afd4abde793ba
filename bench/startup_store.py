#!/usr/bin/env python3
"""Start-up and resident memory of qiao-kiosk on a store with 10,000 outbox entries (a benchmark, not a test).

Prepares two data folders with qiao-bench-seed-store (bench/seed_store.cpp): "empty"
(the store made and the tour's timetable loaded, nothing else: --bookings 0 --help 0)
and "seeded" (--bookings 5000 --help 5000: 10,000 outbox entries, with their bookings
and help_requests rows). Then measures start-up as startup.py does, --runs times per
store, alternating, each on a fresh copy of the prepared folder, headless:

  wall      exec to the line "first frame of the home screen presented" on stderr
  reported  the kiosk's own figure from that line
  memory    VmRSS and PSS --settle seconds after the first frame

  bench/startup_store.py [--runs 7] [--bookings 5000] [--help-requests 5000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import shutil
import time
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in bench/ (the tree is committed as it is)
import qiao_bench as qb  # noqa: E402
import store_bench as sb  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    qb.common_arguments(ap)
    ap.add_argument("--seeder", help="qiao-bench-seed-store (default: the newest build/*/bench/qiao-bench-seed-store)")
    ap.add_argument("--runs", type=int, default=7, help="launches per store (default 7)")
    ap.add_argument("--settle", type=float, default=1.0, help="seconds after the first frame to read memory (default 1)")
    ap.add_argument("--bookings", type=int, default=5000)
    ap.add_argument("--help-requests", dest="helps", type=int, default=5000)
    args = ap.parse_args()

    kiosk = qb.find_kiosk(args.kiosk)
    seeder = sb.find_tool("qiao-bench-seed-store", args.seeder)
    print(f"kiosk: {kiosk}\nseeder: {seeder}\nheadless, size {args.size}, runs {args.runs} per store, "
          f"load average before: {qb.load_average()}")
    work = Path(tempfile.mkdtemp(prefix="qiao-bench-startup-store-"))
    extra = ["--size", args.size, "--windowed"]
    names = ("empty", "seeded")
    results = {n: {"wall": [], "own": [], "rss": [], "pss": []} for n in names}
    try:
        folders = {n: work / n for n in names}
        for n in names:
            counts = (0, 0) if n == "empty" else (args.bookings, args.helps)
            line, seconds = sb.seed(seeder, folders[n], counts[0], counts[1], min(100, counts[1]))
            print(f"  {n}: {line} in {seconds:.1f} s; store {sb.store_size(folders[n])}")
        for i in range(args.runs):
            for n in names:
                run = qb.KioskRun(kiosk, extra, headless=True, data_from=folders[n], env_extra=qb.renderer_env(args))
                try:
                    run.wait_first_frame()
                    time.sleep(args.settle)
                    mem = qb.memory_kib(run.pid)
                finally:
                    rc = run.stop()
                if rc != 0:
                    raise qb.BenchError(f"run {i + 1} ({n}) exited {rc} after SIGTERM:\n{run.log()[-2000:]}")
                r = results[n]
                r["wall"].append(run.first_frame_wall_ms)
                r["own"].append(run.first_frame_reported_ms)
                r["rss"].append(mem.get("VmRSS", 0) / 1024)
                r["pss"].append(mem.get("Pss", 0) / 1024)
                print(f"  run {i + 1} {n:>6}: wall {run.first_frame_wall_ms:.0f} ms, reported {run.first_frame_reported_ms} ms, "
                      f"VmRSS {r['rss'][-1]:.1f} MiB, PSS {r['pss'][-1]:.1f} MiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print()
    for n in names:
        r = results[n]
        print(f"{n:>6} store: exec to first home frame {qb.spread(r['wall'], ' ms', 0)}; kiosk's own "
              f"{qb.spread(r['own'], ' ms', 0)}; VmRSS {qb.spread(r['rss'], ' MiB')}; PSS {qb.spread(r['pss'], ' MiB')}")
    d_wall = statistics.median(results["seeded"]["wall"]) - statistics.median(results["empty"]["wall"])
    d_rss = statistics.median(results["seeded"]["rss"]) - statistics.median(results["empty"]["rss"])
    print(f"seeded against empty: start-up {d_wall:+.0f} ms, VmRSS {d_rss:+.1f} MiB (medians); "
          f"load average after: {qb.load_average()}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except qb.BenchError as e:
        print(f"startup_store.py: {e}", file=sys.stderr)
        sys.exit(2)
