#!/usr/bin/env python3
"""Tap-to-frame and "listen again" latency of qiao-kiosk (a benchmark, not a test).

Plays bench/tap_latency.tour (42 taps back and forth between the home screen and the
screens reached from it, at 1920x1080) --runs times headless, each with a fresh
--data-dir, and parses the kiosk's summary line:
  tour NAME: N steps, ...; taps acted on: K, tap to frame median X ms, at most F frame(s);
  cached speech to first sample median Y ms over M
  tap to frame      from the finger lifting to SDL_RenderPresent of the frame that
                    shows the tap's effect (the goal is one frame: F == 1)
  speech            from asking to say an already synthesised (cached) prompt, as
                    "listen again" does, to its first sample leaving through the sink
Prints the median over runs of each run's median, and the worst F.

Headless tours speak to the null sink, so the speech figure there is only the
service's own hand-over. The script then tries once to send speech through the real
SDL audio callback (SDL_AUDIODRIVER=dummy, --audio sdl, then a config file with
audio = ""), and, because the kiosk may refuse both when headless, once through the
WAV file sink (--audio wav:DIR), and reports those separately.

  bench/tap_latency.py
  bench/tap_latency.py --runs 9 --tour tests/tours/every_screen.tour
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
    r"cached speech to first sample median (?P<speech_ms>[-\d.e+]+) ms over (?P<speech_n>\d+)")
SINK = re.compile(r"speech goes to (.*)")


def play(kiosk: Path, tour: Path, extra: list[str], env_extra: dict[str, str]) -> dict:
    data = tempfile.mkdtemp(prefix="qiao-bench-data-")
    shots = tempfile.mkdtemp(prefix="qiao-bench-shots-")
    env = dict(os.environ)
    env.update(env_extra)
    try:
        t0 = time.monotonic()
        p = subprocess.run([str(kiosk), "--headless", "--tour", str(tour), "--shots", shots, "--data-dir", data] + extra,
                           stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, timeout=300)
        wall = time.monotonic() - t0
    finally:
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(shots, ignore_errors=True)
    log = p.stderr + p.stdout
    m = SUMMARY.search(log)
    sink = SINK.search(log)
    return {
        "rc": p.returncode, "log": log, "wall": wall, "sink": sink.group(1) if sink else "?",
        "taps": int(m["taps"]) if m else 0, "tap_ms": float(m["tap_ms"]) if m else None,
        "frames": int(m["frames"]) if m else None, "speech_ms": float(m["speech_ms"]) if m else None,
        "speech_n": int(m["speech_n"]) if m else 0,
    }


def describe(r: dict) -> str:
    return (f"tap to frame median {r['tap_ms']:.1f} ms over {r['taps']} taps, at most {r['frames']} frame(s); "
            f"cached speech to first sample median {r['speech_ms']:.3f} ms over {r['speech_n']}; "
            f"sink: {r['sink']}; tour took {r['wall']:.1f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kiosk", help="the qiao-kiosk binary (default: $QIAO_KIOSK, else the newest build/*/kiosk/app/qiao-kiosk)")
    ap.add_argument("--tour", default=str(Path(__file__).resolve().parent / "tap_latency.tour"))
    ap.add_argument("--runs", type=int, default=5, help="tours with the null sink (default 5)")
    args = ap.parse_args()

    kiosk = qb.find_kiosk(args.kiosk)
    tour = Path(args.tour).resolve()
    print(f"kiosk: {kiosk}\ntour: {tour}\nload average before: {qb.load_average()}")

    results = []
    for i in range(args.runs):
        r = play(kiosk, tour, [], {})
        if r["rc"] != 0 or r["tap_ms"] is None:
            print(f"  run {i + 1}: the tour failed (exit {r['rc']}):\n{r['log'][-2000:]}", file=sys.stderr)
            return 1
        results.append(r)
        print(f"  run {i + 1}: {describe(r)}")

    print("real audio path:")
    audio_env = {"SDL_AUDIODRIVER": "dummy"}
    sdl_result = None
    conf_dir = tempfile.mkdtemp(prefix="qiao-bench-conf-")
    conf = Path(conf_dir) / "speaker.conf"
    conf.write_text('audio = ""\n')
    for label, extra in (("--audio sdl", ["--audio", "sdl"]), ('config audio = ""', ["--config", str(conf)])):
        r = play(kiosk, tour, extra, audio_env)
        if r["rc"] != 0 or r["tap_ms"] is None:
            first = (r["log"].strip().splitlines() or ["?"])[0]
            print(f"  {label}: refused by the kiosk: {first}")
            continue
        if not r["sink"].startswith("SDL audio"):
            print(f"  {label}: the kiosk sent speech to {r['sink']} instead, so this is not the SDL path")
            continue
        sdl_result = r
        print(f"  {label}: {describe(r)}")
        break
    shutil.rmtree(conf_dir, ignore_errors=True)
    wav_dir = tempfile.mkdtemp(prefix="qiao-bench-wav-")
    wav = play(kiosk, tour, ["--audio", f"wav:{wav_dir}"], audio_env)
    shutil.rmtree(wav_dir, ignore_errors=True)
    if wav["rc"] == 0 and wav["tap_ms"] is not None:
        print(f"  --audio wav:DIR: {describe(wav)}")
    else:
        print(f"  --audio wav:DIR: the tour failed (exit {wav['rc']})")

    print()
    print(f"tap to frame (null sink): {qb.spread([r['tap_ms'] for r in results], ' ms')}; "
          f"at most {max(r['frames'] for r in results)} frame(s) in any run")
    print(f"cached speech to first sample (null sink): {qb.spread([r['speech_ms'] for r in results], ' ms', 3)}")
    if sdl_result:
        print(f"cached speech to first sample (SDL audio callback, dummy driver, 1 run): "
              f"{sdl_result['speech_ms']:.1f} ms over {sdl_result['speech_n']}")
    else:
        print("cached speech to first sample (SDL audio callback): not measurable, the kiosk will not use SDL audio "
              "in a headless tour")
    if wav["tap_ms"] is not None:
        print(f"cached speech to first sample (WAV file sink, 1 run): {wav['speech_ms']:.3f} ms over {wav['speech_n']}")
    worst = max(r["frames"] for r in results)
    print(f"goals (one frame; listen again < 150 ms): "
          f"{'met' if worst == 1 and statistics.median([r['speech_ms'] for r in results]) < 150 else 'NOT met'}"
          f"; load average after: {qb.load_average()}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except qb.BenchError as e:
        print(f"tap_latency.py: {e}", file=sys.stderr)
        sys.exit(2)
