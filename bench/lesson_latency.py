#!/usr/bin/env python3
"""Lesson "next" to the new step's first frame and first sound (a benchmark, not a test).

Installs lessons/qiao-basics into a prepared data folder (unsigned, so with
--allow-unsigned-packs) and plays bench/lesson_next.tour headless --runs times, each
on a fresh copy of that folder: home -> learn -> the pay-by-QR lesson, then 10 taps on
下一步 (next), with "listen again" on three steps. It parses the kiosk's tour summary:

  tour NAME: ...; taps acted on: K, tap to frame median X ms, at most F frame(s);
  cached speech to first sample median Y ms over M
  [; all speech to first sample median Z ms, at most W ms over N[, uncached median U ms over K]]

  tap to frame   from the finger lifting to SDL_RenderPresent of the frame that shows
                 the tap's effect, over every tap of the tour (12 of its 15 taps are
                 "next" or opening the lesson; the goal is one frame: F == 1)
  cached speech  from asking to say an already synthesised prompt to its first sample
                 leaving through the sink: only "listen again" (and prompts prepared in
                 advance) are cache hits. A new step's words are new text, so they are
                 synthesised when the step opens and are NOT in this figure.
  all speech     every utterance, cached or not; "uncached" is those synthesised when
                 asked: the new steps' words, i.e. "first sound" after next. Printed
                 only if the kiosk's tour runner reports them (see docs/performance.md,
                 "Lesson packs"); otherwise the script says they are missing.

The tour runs with the null sink (the kiosk's headless default) and then once through
SDL's real audio callback (--audio sdl, SDL_AUDIODRIVER=dummy). Goal (issue 3): one
frame; first sound under 150 ms.

  bench/lesson_latency.py [--runs 5] [--tour bench/lesson_next.tour] [--pack lessons/qiao-basics]
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

import qiao_bench as qb

SUMMARY = re.compile(
    r"tour (?P<name>.*?): (?P<steps>\d+) steps, (?P<shots>\d+) screenshots; taps acted on: (?P<taps>\d+), "
    r"tap to frame median (?P<tap_ms>[-\d.e+]+) ms, at most (?P<frames>\d+) frame\(s\); "
    r"cached speech to first sample median (?P<speech_ms>[-\d.e+]+) ms over (?P<speech_n>\d+)"
    r"(?:; all speech to first sample median (?P<all_ms>[-\d.e+]+) ms(?:, at most (?P<all_max>[-\d.e+]+) ms)? "
    r"over (?P<all_n>\d+)(?:, uncached median (?P<new_ms>[-\d.e+]+) ms over (?P<new_n>\d+))?)?")
SINK = re.compile(r"speech goes to (.*)")


def play(kiosk: Path, tour: Path, data_from: Path, extra: list[str], env_extra: dict[str, str]) -> dict:
    work = Path(tempfile.mkdtemp(prefix="qiao-bench-lesson-"))
    data = work / "data"
    shutil.copytree(data_from, data, symlinks=True)
    env = dict(os.environ)
    env.update(env_extra)
    try:
        t0 = time.monotonic()
        p = subprocess.run([str(kiosk), "--headless", "--tour", str(tour), "--shots", str(work / "shots"),
                            "--data-dir", str(data), "--allow-unsigned-packs"] + extra,
                           stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, timeout=600)
        wall = time.monotonic() - t0
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log = p.stderr + p.stdout
    m = SUMMARY.search(log)
    sink = SINK.search(log)
    return {
        "rc": p.returncode, "log": log, "wall": wall, "sink": sink.group(1) if sink else "?",
        "taps": int(m["taps"]) if m else 0, "tap_ms": float(m["tap_ms"]) if m else None,
        "frames": int(m["frames"]) if m else None, "speech_ms": float(m["speech_ms"]) if m else None,
        "speech_n": int(m["speech_n"]) if m else 0,
        "all_ms": float(m["all_ms"]) if m and m["all_ms"] else None, "all_n": int(m["all_n"]) if m and m["all_n"] else 0,
        "all_max": float(m["all_max"]) if m and m["all_max"] else None,
        "new_ms": float(m["new_ms"]) if m and m["new_ms"] else None, "new_n": int(m["new_n"]) if m and m["new_n"] else 0,
    }


def describe(r: dict) -> str:
    out = (f"tap to frame median {r['tap_ms']:.1f} ms over {r['taps']} taps, at most {r['frames']} frame(s); "
           f"cached speech median {r['speech_ms']:.2f} ms over {r['speech_n']}")
    if r["all_ms"] is not None:
        out += f"; all speech median {r['all_ms']:.1f} ms over {r['all_n']}"
        if r["all_max"] is not None:
            out += f" (at most {r['all_max']:.1f} ms)"
    if r["new_ms"] is not None:
        out += f", uncached median {r['new_ms']:.1f} ms over {r['new_n']}"
    return out + f"; sink: {r['sink']}; tour took {r['wall']:.1f} s"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kiosk", help="the qiao-kiosk binary (default: $QIAO_KIOSK, else the newest build/*/kiosk/app/qiao-kiosk)")
    ap.add_argument("--tour", default=str(Path(__file__).resolve().parent / "lesson_next.tour"))
    ap.add_argument("--pack", default=str(qb.REPO / "lessons" / "qiao-basics"))
    ap.add_argument("--runs", type=int, default=5, help="tours with the null sink (default 5)")
    args = ap.parse_args()

    kiosk = qb.find_kiosk(args.kiosk)
    tour = Path(args.tour).resolve()
    print(f"kiosk: {kiosk}\ntour: {tour}\npack: {args.pack}\nload average before: {qb.load_average()}")
    template = Path(tempfile.mkdtemp(prefix="qiao-bench-lesson-data-"))
    try:
        p = subprocess.run([str(kiosk), "--data-dir", str(template), "--install-pack", args.pack, "--allow-unsigned-packs"],
                           stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if p.returncode != 0:
            raise qb.BenchError(f"installing {args.pack} failed (exit {p.returncode}):\n{p.stdout}{p.stderr}")

        results = []
        for i in range(args.runs):
            r = play(kiosk, tour, template, [], {})
            if r["rc"] != 0 or r["tap_ms"] is None:
                print(f"  run {i + 1}: the tour failed (exit {r['rc']}):\n{r['log'][-2000:]}", file=sys.stderr)
                return 1
            results.append(r)
            print(f"  run {i + 1}: {describe(r)}")

        sdl = play(kiosk, tour, template, ["--audio", "sdl"], {"SDL_AUDIODRIVER": "dummy"})
        if sdl["rc"] == 0 and sdl["tap_ms"] is not None and sdl["sink"].startswith("SDL audio"):
            print(f"  SDL audio callback (dummy driver), 1 run: {describe(sdl)}")
        else:
            print(f"  SDL audio callback: not measured (exit {sdl['rc']}, sink {sdl['sink']})")
            sdl = None
    finally:
        shutil.rmtree(template, ignore_errors=True)

    print()
    worst = max(r["frames"] for r in results)
    print(f"tap to frame (null sink): {qb.spread([r['tap_ms'] for r in results], ' ms')}; "
          f"at most {worst} frame(s) in any run")
    print(f"cached speech to first sample (null sink): {qb.spread([r['speech_ms'] for r in results], ' ms', 2)}")
    if sdl:
        print(f"cached speech to first sample (SDL callback, dummy driver, 1 run): {sdl['speech_ms']:.1f} ms "
              f"over {sdl['speech_n']}")
    alls = [r["all_ms"] for r in results if r["all_ms"] is not None]
    news = [r["new_ms"] for r in results if r["new_ms"] is not None]
    if alls:
        print(f"all speech to first sample (null sink): {qb.spread(alls, ' ms')}")
        if news:
            print(f"uncached speech (the new steps' words) to first sample (null sink): {qb.spread(news, ' ms')}")
        if sdl and sdl["all_ms"] is not None:
            print(f"all speech to first sample (SDL callback, dummy driver, 1 run): {sdl['all_ms']:.1f} ms over {sdl['all_n']}"
                  + (f", at most {sdl['all_max']:.1f} ms" if sdl["all_max"] is not None else "")
                  + (f"; uncached {sdl['new_ms']:.1f} ms over {sdl['new_n']}" if sdl["new_ms"] is not None else ""))
    else:
        print("all speech to first sample: not reported by this kiosk (its tour summary counts cache hits only), so "
              "the first sound of a new step is not measured here")
    # First sound after next: the uncached figure through the real callback when there is one.
    if sdl and sdl["new_ms"] is not None:
        first_sound = sdl["new_ms"]
    elif news:
        first_sound = statistics.median(news)
    elif sdl and sdl["all_max"] is not None:
        first_sound = sdl["all_max"]  # no uncached split: the slowest utterance bounds a new step's first sound
    else:
        first_sound = statistics.median(alls) if alls else None
    print(f"goals: one frame {'met' if worst == 1 else 'NOT met'}; first sound under 150 ms "
          f"{'unmeasured' if first_sound is None else ('met' if first_sound < 150 else 'NOT met')}; "
          f"load average after: {qb.load_average()}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except qb.BenchError as e:
        print(f"lesson_latency.py: {e}", file=sys.stderr)
        sys.exit(2)
