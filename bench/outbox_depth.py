#!/usr/bin/env python3
"""Book and Help with 10,000 entries waiting in the outbox: frame build times (a benchmark, not a test).

Seeds one data folder with qiao-bench-seed-store (bench/seed_store.cpp): --bookings
bookings (BookingService::request) and --help-requests help requests (HelpDesk::submit), each
with its outbox entry, as a kiosk whose network has been down for months would hold
them; the number 13800138000 has about 30 bookings and --heavy-help help requests. Then
plays bench/book_and_help.tour (book a class with a new number, "my bookings" of
13800138000, a help request, "my requests" of 13800138000) headless at 1920x1080,
--runs times on a fresh copy of that folder and as many times on an empty one
(alternating), and parses the tour summary's tail:

  ...; frame build median B ms, at most M ms over N; render and present median R ms, at most S ms

  frame build         from the start of Kiosk::draw_frame() (after any glyph atlas bake,
                      which the fonts: line reports) to ImGui::Render() returning: our
                      layout and draw list, and whatever a tap ran between the frame's
                      attempts (a booking's commit)
  render and present  ImGui_ImplSDLRenderer_RenderDrawData + SDL_RenderPresent: SDL's
                      software rasteriser, not ours

Goal (issue 4): no frame over 16 ms with 10,000 entries queued.

  bench/outbox_depth.py [--runs 5] [--bookings 5000] [--help-requests 5000] [--heavy-help 100]
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

TAIL = re.compile(r"frame build median (?P<build>[-\d.e+]+) ms, at most (?P<build_max>[-\d.e+]+) ms over (?P<frames>\d+); "
                  r"render and present median (?P<render>[-\d.e+]+) ms, at most (?P<render_max>[-\d.e+]+) ms")
TAP = re.compile(r"tap to frame median (?P<tap>[-\d.e+]+) ms")


def play(kiosk: Path, tour: Path, data_from: Path, size: str, env_extra: dict[str, str]) -> dict:
    work = Path(tempfile.mkdtemp(prefix="qiao-bench-depth-"))
    data = work / "data"
    shutil.copytree(data_from, data, symlinks=True)
    env = dict(os.environ, SDL_AUDIODRIVER="dummy")
    env.update(env_extra)
    try:
        t0 = time.monotonic()
        p = subprocess.run([str(kiosk), "--headless", "--tour", str(tour), "--data-dir", str(data), "--size", size,
                            "--windowed"], stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, timeout=600)
        wall = time.monotonic() - t0
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log = p.stderr + p.stdout
    m = TAIL.search(log)
    if p.returncode != 0 or not m:
        raise qb.BenchError(f"the tour failed on a copy of {data_from} (exit {p.returncode}):\n{log[-3000:]}")
    t = TAP.search(log)
    return {"build": float(m["build"]), "build_max": float(m["build_max"]), "frames": int(m["frames"]),
            "render": float(m["render"]), "render_max": float(m["render_max"]), "tap": float(t["tap"]) if t else None,
            "wall": wall}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    qb.common_arguments(ap)
    ap.add_argument("--seeder", help="qiao-bench-seed-store (default: the newest build/*/bench/qiao-bench-seed-store)")
    ap.add_argument("--tour", default=str(Path(__file__).resolve().parent / "book_and_help.tour"))
    ap.add_argument("--runs", type=int, default=5, help="tours per store (default 5)")
    ap.add_argument("--bookings", type=int, default=5000)
    ap.add_argument("--help-requests", dest="helps", type=int, default=5000,
                    help="help requests to seed (default 5000)")
    ap.add_argument("--heavy-help", type=int, default=100, help="of them, 13800138000's (default 100)")
    ap.add_argument("--keep", help="keep the seeded data folder here (it is copied for every run)")
    args = ap.parse_args()

    kiosk = qb.find_kiosk(args.kiosk)
    seeder = sb.find_tool("qiao-bench-seed-store", args.seeder)
    tour = Path(args.tour).resolve()
    print(f"kiosk: {kiosk}\nseeder: {seeder}\ntour: {tour}, {args.size}, runs {args.runs} per store, "
          f"load average before: {qb.load_average()}")
    work = Path(tempfile.mkdtemp(prefix="qiao-bench-outbox-"))
    results: dict[str, list[dict]] = {"empty": [], "seeded": []}
    try:
        stores = {"empty": work / "empty", "seeded": work / "seeded"}
        stores["empty"].mkdir()
        line, seconds = sb.seed(seeder, stores["seeded"], args.bookings, args.helps, args.heavy_help)
        print(f"  {line} in {seconds:.1f} s; store {sb.store_size(stores['seeded'])}")
        if args.keep:
            shutil.copytree(stores["seeded"], args.keep, dirs_exist_ok=True)
        for i in range(args.runs):
            for name in ("empty", "seeded"):  # alternating, so a change of load hits both alike
                r = play(kiosk, tour, stores[name], args.size, qb.renderer_env(args))
                results[name].append(r)
                print(f"  run {i + 1} {name:>6}: frame build median {r['build']:.3f} ms, at most {r['build_max']:.3f} ms "
                      f"over {r['frames']} frames; render and present median {r['render']:.1f} ms, at most "
                      f"{r['render_max']:.1f} ms; tap to frame median {r['tap']} ms; tour {r['wall']:.1f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print()
    for name in ("empty", "seeded"):
        rs = results[name]
        print(f"{name:>6} store: each tour's median frame build: {qb.spread([r['build'] for r in rs], ' ms', 3)}; "
              f"each tour's slowest: {qb.spread([r['build_max'] for r in rs], ' ms', 3)}; "
              f"render and present, each tour's median: {qb.spread([r['render'] for r in rs], ' ms')}, slowest "
              f"{max(r['render_max'] for r in rs):.1f} ms; frames per tour {rs[0]['frames']}")
    med = {n: statistics.median([r["build"] for r in results[n]]) for n in results}
    worst = {n: statistics.median([r["build_max"] for r in results[n]]) for n in results}
    print(f"seeded / empty: frame build median x{med['seeded'] / med['empty']:.2f}, worst frame x"
          f"{worst['seeded'] / worst['empty']:.2f} (medians over runs)")
    top = max(r["build_max"] for r in results["seeded"])
    print(f"goal (no frame build over 16 ms with {args.bookings + args.helps} entries queued): "
          f"{'met' if top <= 16 else 'NOT met'} (worst {top:.3f} ms in {args.runs} runs); "
          f"load average after: {qb.load_average()}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except qb.BenchError as e:
        print(f"outbox_depth.py: {e}", file=sys.stderr)
        sys.exit(2)
