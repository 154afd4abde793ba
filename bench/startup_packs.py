#!/usr/bin/env python3
"""Start-up time with 10 lesson packs installed against none (a benchmark, not a test).

Prepares a data folder per case (default 0, 1 and 10 packs): copies of
lessons/qiao-basics, each with its own pack id (org.qiao.bench-1 ... -10, edited in a
temporary copy of pack.json), installed through
  qiao-kiosk --data-dir D --install-pack COPY --allow-unsigned-packs
and starts the kiosk once on each so all have their database already. Then launches
the kiosk --runs times on each (alternating, so a change of load hits both alike),
every run on a fresh copy of the prepared folder, headless with --allow-unsigned-packs
(development mode, so unsigned packs are shown), and measures as bench/startup.py does:
from just before exec to the line "first frame of the home screen presented" on its
stderr, and the kiosk's own figure from that line. It checks the kiosk's
"lessons: N in P pack(s)" line says what was installed.

At start-up the kiosk reads every installed pack again (LessonLibrary::load:
read_pack of each, with every picture and recording checked) and bakes the packs'
characters into the glyph atlas. The first pack brings new characters (a bigger atlas);
the other copies of qiao-basics add none, so 1 -> 10 is the reading of 9 more packs.
The fonts line ("fonts: G glyphs, ... built in T ms") is printed for each run.

Goal (issue 3): under 50 ms more with 10 packs.

  bench/startup_packs.py [--runs 7] [--packs 0,1,10] [--pack lessons/qiao-basics]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import qiao_bench as qb

LESSONS_LINE = re.compile(r"lessons: (\d+) in (\d+) pack\(s\)")


def prime(kiosk: Path, data: Path, extra: list[str]) -> str:
    """One start on data itself, to the first home frame, so its database exists; returns the lessons line."""
    env = dict(os.environ, SDL_AUDIODRIVER="dummy")
    proc = subprocess.Popen([str(kiosk), "--data-dir", str(data), "--headless"] + extra, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    lessons = "(no lessons line)"
    assert proc.stderr is not None
    for line in proc.stderr:
        if m := LESSONS_LINE.search(line):
            lessons = m.group(0)
        if qb.FIRST_FRAME.search(line):
            proc.send_signal(signal.SIGTERM)
            break
    proc.stderr.read()
    if proc.wait(30) != 0:
        raise qb.BenchError(f"the priming start on {data} exited {proc.returncode}")
    return lessons


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    qb.common_arguments(ap)
    ap.add_argument("--runs", type=int, default=7, help="launches per case (default 7)")
    ap.add_argument("--packs", default="0,1,10",
                    help="pack counts to compare, comma-separated (default 0,1,10: 1 separates the new characters' "
                         "glyphs from reading more packs)")
    ap.add_argument("--pack", default=str(qb.REPO / "lessons" / "qiao-basics"), help="the pack folder to copy")
    args = ap.parse_args()
    counts = sorted({int(c) for c in args.packs.split(",")})

    kiosk = qb.find_kiosk(args.kiosk)
    print(f"kiosk: {kiosk}\npack: {args.pack}, cases {counts} packs, runs {args.runs} per case, headless, "
          f"load average before: {qb.load_average()}")
    work = Path(tempfile.mkdtemp(prefix="qiao-bench-packs-"))
    extra = ["--size", args.size, "--windowed", "--allow-unsigned-packs"]
    results: dict[int, dict[str, list[float]]] = {n: {"wall": [], "own": [], "atlas": []} for n in counts}
    glyphs: dict[int, str] = {}
    try:
        copies = []
        for i in range(1, max(counts) + 1):
            copy = work / f"pack-{i}"
            shutil.copytree(args.pack, copy)
            (copy / "SIGNATURE").unlink(missing_ok=True)  # the id changes, so a signature would not hold
            manifest = json.loads((copy / "pack.json").read_text(encoding="utf-8"))
            manifest["id"] = f"org.qiao.bench-{i}"
            (copy / "pack.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
            copies.append(copy)
        folders = {}
        for n in counts:
            data = work / f"data-{n}"
            data.mkdir()
            for copy in copies[:n]:
                p = subprocess.run([str(kiosk), "--data-dir", str(data), "--install-pack", str(copy),
                                    "--allow-unsigned-packs"], stdin=subprocess.DEVNULL, capture_output=True, text=True)
                if p.returncode != 0:
                    raise qb.BenchError(f"installing {copy} failed (exit {p.returncode}):\n{p.stdout}{p.stderr}")
            print(f"  prepared {n} pack(s); priming start: {prime(kiosk, data, extra)}")
            folders[n] = data

        for i in range(args.runs):
            for n in counts:  # alternating, so a change of load hits every case alike
                run = qb.KioskRun(kiosk, extra, headless=True, data_from=folders[n], env_extra=qb.renderer_env(args))
                try:
                    run.wait_first_frame()
                    lessons = run.find(LESSONS_LINE)
                    fonts = run.find(qb.FONTS)
                finally:
                    rc = run.stop()
                if rc != 0:
                    raise qb.BenchError(f"run {i + 1} ({n} packs) exited {rc} after SIGTERM")
                got = int(lessons[0].group(2)) if lessons else -1
                if got != n:
                    raise qb.BenchError(f"run {i + 1}: the kiosk loaded {got} packs, not {n}")
                results[n]["wall"].append(run.first_frame_wall_ms)
                results[n]["own"].append(run.first_frame_reported_ms)
                if fonts:
                    results[n]["atlas"].append(float(fonts[0].group(5)))
                    glyphs[n] = fonts[0].group(1)
                print(f"  run {i + 1} {n:>3} pack(s): wall {run.first_frame_wall_ms:.0f} ms, reported "
                      f"{run.first_frame_reported_ms} ms, {lessons[0].group(0)}, "
                      f"{fonts[0].group(0) if fonts else '(no fonts line)'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print()
    base = counts[0]
    for n in counts:
        r = results[n]
        line = (f"{n:>3} pack(s): exec to first home frame {qb.spread(r['wall'], ' ms', 0)}; kiosk's own "
                f"{qb.spread(r['own'], ' ms', 0)}; {glyphs.get(n, '?')} glyphs, atlas built in median "
                f"{statistics.median(r['atlas']) if r['atlas'] else float('nan'):.0f} ms")
        if n != base:
            line += (f"; {statistics.median(r['wall']) - statistics.median(results[base]['wall']):+.0f} ms against "
                     f"{base} (wall)")
        print(line)
    most = counts[-1]
    diff = statistics.median(results[most]["wall"]) - statistics.median(results[base]["wall"])
    print(f"goal (under 50 ms more with {most} packs than with {base}): {'met' if diff < 50 else 'NOT met'} "
          f"({diff:+.0f} ms); load average after: {qb.load_average()}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except qb.BenchError as e:
        print(f"startup_packs.py: {e}", file=sys.stderr)
        sys.exit(2)
