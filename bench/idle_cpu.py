#!/usr/bin/env python3
"""Idle CPU and wake-ups of qiao-kiosk showing its home screen (a benchmark, not a test).

For each mode, --repeats times: start the kiosk with a fresh --data-dir, wait for the
first frame of the home screen and --settle seconds more (the greeting is spoken and
the loop goes to sleep), then over --seconds read
  cpu        utime+stime of the whole process (/proc/PID/stat), as % of one core
  wake-ups   context switches of all its threads (/proc/PID/task/*/status) per second,
             voluntary (it went to sleep: one per wake-up) and involuntary
  Xvfb       the X server's own CPU over the same window (x11 modes; Xvfb is fresh
             for every run, so it serves only the kiosk)
Prints each run and the median. /proc/PID/stat counts in clock ticks (1/CLK_TCK s,
usually 10 ms): over 30 s one tick is 0.033% of a core.

Modes: headless (SDL dummy video; the loop sleeps in poll() on an eventfd and a
signalfd), x11 (a real window on Xvfb, the kiosk's own choice of renderer: software
on a machine without a GPU), x11-software (the same with the software renderer and
SDL_FRAMEBUFFER_ACCELERATION=0). Under X11 the kiosk speaks to SDL audio with
SDL_AUDIODRIVER=dummy (the normal speaker path) unless --audio null.

  bench/idle_cpu.py                          # headless, x11 and x11-software, 3 x 30 s each
  bench/idle_cpu.py --modes x11 --seconds 60
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import qiao_bench as qb

MODES = ("headless", "x11", "x11-software")


def one_run(kiosk, mode: str, args) -> dict[str, float]:
    xvfb = qb.Xvfb(args.size) if mode != "headless" else None
    env = {"SDL_RENDER_DRIVER": "software", "SDL_FRAMEBUFFER_ACCELERATION": "0"} if mode == "x11-software" else {}
    extra = ["--size", args.size, "--windowed"] + (["--audio", args.audio] if args.audio else [])
    try:
        run = qb.KioskRun(kiosk, extra, headless=xvfb is None, display=xvfb.display if xvfb else None, env_extra=env)
        try:
            run.wait_first_frame()
            time.sleep(args.settle)
            lines_before = len(run.lines)
            c0, s0, t0 = qb.cpu_seconds(run.pid), qb.context_switches(run.pid), time.monotonic()
            x0 = qb.cpu_seconds(xvfb.pid) if xvfb else 0.0
            time.sleep(args.seconds)
            c1, s1, t1 = qb.cpu_seconds(run.pid), qb.context_switches(run.pid), time.monotonic()
            x1 = qb.cpu_seconds(xvfb.pid) if xvfb else 0.0
            logged = [line for _, line in run.lines[lines_before:]]
            renderer = (run.find(qb.RENDERER) or [None])[0]
        finally:
            rc = run.stop()
    finally:
        if xvfb:
            xvfb.stop()
    dt = t1 - t0
    result = {
        "cpu_pct": 100.0 * (c1 - c0) / dt,
        "vol_per_s": (s1[0] - s0[0]) / dt,
        "invol_per_s": (s1[1] - s0[1]) / dt,
        "threads": s1[2],
        "xvfb_pct": 100.0 * (x1 - x0) / dt,
        "rc": rc,
        "renderer": renderer.group(1) if renderer else "?",
    }
    if logged:
        print(f"    the kiosk logged during the window: {logged[:3]}")
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    qb.common_arguments(ap)
    ap.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, from {', '.join(MODES)} (default all)")
    ap.add_argument("--repeats", type=int, default=3, help="runs per mode (default 3)")
    ap.add_argument("--seconds", type=float, default=30, help="length of the measured window (default 30)")
    ap.add_argument("--settle", type=float, default=3, help="seconds after the first frame before measuring (default 3)")
    ap.add_argument("--audio", default="", help="--audio for the kiosk (null or wav:DIR; default: the kiosk's own choice)")
    args = ap.parse_args()
    if args.renderer:
        ap.error("use --modes x11-software rather than --renderer here")

    kiosk = qb.find_kiosk(args.kiosk)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    for m in modes:
        if m not in MODES:
            ap.error(f"unknown mode {m}")
    print(f"kiosk: {kiosk}")
    print(f"window {args.seconds:g} s after first frame + {args.settle:g} s, {args.repeats} runs per mode, "
          f"size {args.size}, CLK_TCK {qb.CLK_TCK}, load average before: {qb.load_average()}")
    failures = 0
    summary = []
    for mode in modes:
        print(f"{mode}:")
        results = []
        for i in range(args.repeats):
            r = one_run(kiosk, mode, args)
            failures += r["rc"] != 0
            results.append(r)
            print(f"  run {i + 1}: cpu {r['cpu_pct']:.3f}% of a core, wake-ups {r['vol_per_s']:.2f}/s voluntary + "
                  f"{r['invol_per_s']:.2f}/s involuntary over {r['threads']} threads, Xvfb {r['xvfb_pct']:.3f}%, "
                  f"renderer {r['renderer']}, exit {r['rc']}")
        cpu = [r["cpu_pct"] for r in results]
        summary.append((mode, cpu, [r["vol_per_s"] for r in results], [r["invol_per_s"] for r in results],
                        [r["xvfb_pct"] for r in results], results[0]["renderer"]))
    print()
    for mode, cpu, vol, invol, xv, renderer in summary:
        print(f"{mode} ({renderer}): kiosk cpu {qb.spread(cpu, '%', 3)}")
        print(f"    voluntary context switches {qb.spread(vol, '/s', 2)}; involuntary {qb.spread(invol, '/s', 2)}")
        if mode != "headless":
            print(f"    Xvfb cpu {qb.spread(xv, '%', 3)}")
        print(f"    goal < 1% of a core: {'met' if statistics.median(cpu) < 1 else 'NOT met'}")
    print(f"load average after: {qb.load_average()}; clean exits: {sum(len(s[1]) for s in summary) - failures}/"
          f"{sum(len(s[1]) for s in summary)}")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except qb.BenchError as e:
        print(f"idle_cpu.py: {e}", file=sys.stderr)
        sys.exit(2)
