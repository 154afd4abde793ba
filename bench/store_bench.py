"""Helpers shared by the issue 4 store benchmarks (book_it.py, outbox_depth.py,
startup_store.py): finding the two C++ helpers bench/CMakeLists.txt builds, and seeding
a data folder with a deep outbox. Python 3 standard library only, like qiao_bench.py.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import qiao_bench as qb


def find_tool(name: str, explicit: str | None) -> Path:
    """A bench helper (qiao-bench-book-it, qiao-bench-seed-store): the explicit path, else
    the newest build/*/bench/NAME. Build it with `ninja -C build/DIR NAME`."""
    if explicit:
        p = Path(explicit)
        if not (p.is_file() and os.access(p, os.X_OK)):
            raise qb.BenchError(f"{p} is not an executable {name}")
        return p.resolve()
    found = [p for p in (qb.REPO / "build").glob(f"*/bench/{name}") if p.is_file()]
    if not found:
        raise qb.BenchError(f"no {name} found under build/*/bench/; build it (ninja -C build/DIR {name}) or pass its path")
    return max(found, key=lambda p: p.stat().st_mtime).resolve()


def seed(seeder: Path, data: Path, bookings: int, helps: int, heavy_help: int) -> tuple[str, float]:
    """Fills data (a kiosk --data-dir) by qiao-bench-seed-store; returns its summary line and seconds."""
    t0 = time.monotonic()
    p = subprocess.run([str(seeder), "--data-dir", str(data), "--bookings", str(bookings), "--help", str(helps),
                        "--heavy-help", str(heavy_help)], stdin=subprocess.DEVNULL, capture_output=True, text=True)
    seconds = time.monotonic() - t0
    if p.returncode != 0:
        raise qb.BenchError(f"seeding {data} failed (exit {p.returncode}):\n{p.stdout}{p.stderr}")
    line = next((l for l in p.stdout.splitlines() if l.startswith("seeded ")), p.stdout.strip())
    return line, seconds


def store_size(data: Path) -> str:
    """qiao.db (+ -wal) size in MiB."""
    total = sum(f.stat().st_size for f in data.glob("qiao.db*") if f.is_file())
    return f"{total / 2**20:.1f} MiB"
