#!/usr/bin/env python3
"""A kiosk that queued --entries outbox entries offline drains them once the network is
back (bench/README.md, "sync_drain.py"). Goal: 10,000 entries in under 10 s.

Each run: a fresh qiao-backoffice (its own process, a site with a timetable), a fresh
kiosk data folder enrolled with it, then `qiao-sync-drill --queue N` stores N bookings
and help requests with the real services while nothing syncs (no voice messages: the
figure is the protocol's and the stores', not the size of recordings), then
`qiao-sync-drill --drain` starts the real sync worker and reports the time until the
outbox is empty and until the back office's decisions were pulled too.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from qiao_bench import BenchError, find_built, load_average, spread  # noqa: E402
from sync_load import Server, find_backoffice, services  # noqa: E402


def find_drill(explicit: str | None) -> Path:
    return find_built(explicit, "*/tests/qiao-sync-drill", "qiao-sync-drill (built with the tests)")


def one_run(backoffice: Path, drill: Path, entries: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory(prefix="qiao-sync-drain-") as tmp:
        work = Path(tmp)
        server = Server(backoffice, work)
        server.admin("site", "add", "bench", "Bench site")
        (work / "services.json").write_text(services(30))
        server.admin("services", "--site", "bench", str(work / "services.json"))
        code = server.admin("enrolment-code", "--site", "bench")
        server.start()
        try:
            kiosk = work / "kiosk"
            url = f"http://127.0.0.1:{server.port}"
            subprocess.run([str(drill), "--data-dir", str(kiosk), "--enroll", url, code], check=True, capture_output=True)
            subprocess.run([str(drill), "--data-dir", str(kiosk), "--services", str(work / "services.json")],
                           check=True, capture_output=True)
            subprocess.run([str(drill), "--data-dir", str(kiosk), "--queue", str(entries)], check=True, capture_output=True)
            out = subprocess.run([str(drill), "--data-dir", str(kiosk), "--drain", "300"], check=True,
                                 capture_output=True, text=True).stdout
        finally:
            server.stop()
    m = re.search(r"drained (\d+) entries in (\d+) ms; decisions pulled after (\d+) ms", out)
    if not m:
        raise BenchError(f"the drill did not report a drain: {out!r}")
    return int(m.group(2)) / 1000, int(m.group(3)) / 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backoffice", help="the qiao-backoffice binary (default: the newest build/*/backoffice/)")
    parser.add_argument("--drill", help="qiao-sync-drill (default: the newest build/*/tests/qiao-sync-drill)")
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    backoffice, drill = find_backoffice(args.backoffice), find_drill(args.drill)
    print(f"qiao-backoffice: {backoffice}\nqiao-sync-drill: {drill}\nload average before: {load_average()}")
    drained, pulled = [], []
    for _ in range(args.runs):
        d, p = one_run(backoffice, drill, args.entries)
        drained.append(d)
        pulled.append(p)
        print(f"  run: outbox empty after {d:.2f} s, decisions pulled after {p:.2f} s")
    print(f"{args.entries} queued entries: outbox empty after {spread(drained, ' s', 2)}")
    print(f"  every decision pulled back after {spread(pulled, ' s', 2)}")
    print(f"load average after: {load_average()}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"sync_drain: {e}", file=sys.stderr)
        sys.exit(1)
