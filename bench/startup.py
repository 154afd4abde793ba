#!/usr/bin/env python3
"""Start-up and resident memory of qiao-kiosk (a benchmark, not a test).

Launches the kiosk N times, each with a fresh --data-dir (so every run creates and
migrates its database, the worst case), and measures:
  wall      time from just before exec to the moment the line
            "first frame of the home screen presented" arrives on its stderr
  reported  the kiosk's own figure from that line (from the start of main's
            Kiosk construction to SDL_RenderPresent of the first home frame)
  memory    VmRSS and PSS (/proc/PID/smaps_rollup) --settle seconds after the first frame
Then it sends SIGTERM and checks the exit code is 0. Prints medians with min/max.

  bench/startup.py                 # headless (SDL dummy video, software renderer)
  bench/startup.py --x11           # a real X11 window on an Xvfb of our own
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import qiao_bench as qb


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    qb.common_arguments(ap)
    ap.add_argument("--runs", type=int, default=7, help="number of launches (default 7)")
    ap.add_argument("--x11", action="store_true", help="run with a real window under Xvfb instead of --headless")
    ap.add_argument("--settle", type=float, default=1.0, help="seconds after the first frame to read memory (default 1)")
    ap.add_argument("--audio", default="",
                    help="--audio value for the kiosk: null or wav:DIR (default: the kiosk's own choice, i.e. null "
                         "when headless and the speaker under X11, here with SDL_AUDIODRIVER=dummy)")
    args = ap.parse_args()

    kiosk = qb.find_kiosk(args.kiosk)
    mode = "x11 (Xvfb)" if args.x11 else "headless (dummy video)"
    print(f"kiosk: {kiosk}")
    print(f"mode: {mode}, size {args.size}, renderer {args.renderer or 'kiosk default'}, audio {args.audio or 'kiosk default'}, runs {args.runs}, "
          f"load average before: {qb.load_average()}")

    extra = ["--size", args.size, "--windowed"]
    if args.audio:
        extra += ["--audio", args.audio]

    xvfb = qb.Xvfb(args.size) if args.x11 else None
    wall, reported, rss, pss, failures = [], [], [], [], 0
    fonts_line = renderer = ""
    try:
        for i in range(args.runs):
            run = qb.KioskRun(kiosk, extra, headless=not args.x11, display=xvfb.display if xvfb else None,
                              env_extra=qb.renderer_env(args))
            try:
                run.wait_first_frame()
                time.sleep(args.settle)
                mem = qb.memory_kib(run.pid)
            finally:
                rc = run.stop()
            if rc != 0:
                failures += 1
                print(f"  run {i + 1}: exit code {rc} after SIGTERM (expected 0)", file=sys.stderr)
            wall.append(run.first_frame_wall_ms)
            reported.append(run.first_frame_reported_ms)
            rss.append(mem.get("VmRSS", 0) / 1024)
            pss.append(mem.get("Pss", 0) / 1024)
            if m := run.find(qb.FONTS):
                fonts_line = m[0].group(0)
            if m := run.find(qb.RENDERER):
                renderer = m[0].group(1)
            print(f"  run {i + 1}: wall {run.first_frame_wall_ms:.0f} ms, reported {run.first_frame_reported_ms} ms, "
                  f"VmRSS {rss[-1]:.1f} MiB, PSS {pss[-1]:.1f} MiB (anon {mem.get('Pss_Anon', 0) / 1024:.1f}, "
                  f"file {mem.get('Pss_File', 0) / 1024:.1f}), threads {mem.get('Threads', '?')}, exit {rc}")
    finally:
        if xvfb:
            xvfb.stop()

    print(f"renderer: {renderer}; {fonts_line}")
    print(f"start-up, exec to first home frame (wall): {qb.spread(wall, ' ms', 0)}")
    print(f"start-up, kiosk's own figure:              {qb.spread(reported, ' ms', 0)}")
    print(f"resident memory {args.settle:g} s after first frame, VmRSS: {qb.spread(rss, ' MiB')}")
    print(f"resident memory {args.settle:g} s after first frame, PSS:   {qb.spread(pss, ' MiB')}")
    print(f"clean exit on SIGTERM: {args.runs - failures}/{args.runs}; load average after: {qb.load_average()}")
    goal_ok = statistics.median(wall) < 300 and statistics.median(rss) < 80
    print("goals (start-up < 300 ms, resident < 80 MB): " + ("met" if goal_ok else "NOT met"))
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except qb.BenchError as e:
        print(f"startup.py: {e}", file=sys.stderr)
        sys.exit(2)
