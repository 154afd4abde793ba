"""Shared helpers for Qiao's benchmark scripts (Python 3 standard library only).

Benchmarks are not tests: they run the real qiao-kiosk several times on whatever
machine they are given and print medians with the spread, so a reader can judge
how noisy the figures are. See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CLK_TCK = os.sysconf("SC_CLK_TCK")
FIRST_FRAME = re.compile(r"first frame of the home screen presented (\d+) ms after start-up began")
FONTS = re.compile(r"fonts: (\d+) glyphs, body (\d+) px, atlas (\d+)x(\d+), built in (\d+) ms")
RENDERER = re.compile(r"renderer: (\S+),")


class BenchError(RuntimeError):
    pass


# ------------------------------------------------------------------ finding things

def find_kiosk(explicit: str | None) -> Path:
    """The qiao-kiosk to measure: --kiosk, then $QIAO_KIOSK, then the newest build/*/kiosk/app/qiao-kiosk."""
    for candidate in (explicit, os.environ.get("QIAO_KIOSK")):
        if candidate:
            p = Path(candidate)
            if not (p.is_file() and os.access(p, os.X_OK)):
                raise BenchError(f"{p} is not an executable qiao-kiosk")
            return p.resolve()
    found = [p for p in (REPO / "build").glob("*/kiosk/app/qiao-kiosk") if p.is_file()]
    if not found:
        raise BenchError("no qiao-kiosk found under build/*/kiosk/app/; build it or pass --kiosk PATH")
    return max(found, key=lambda p: p.stat().st_mtime).resolve()


def find_built(explicit: str | None, pattern: str, what: str) -> Path:
    """A program of the build: the explicit path, else the newest build/<pattern>."""
    if explicit:
        return Path(explicit).resolve()
    found = [p for p in (REPO / "build").glob(pattern) if p.is_file()]
    if not found:
        raise BenchError(f"no {what} found as build/{pattern}; build it or pass its path")
    return max(found, key=lambda p: p.stat().st_mtime).resolve()


def common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kiosk", help="the qiao-kiosk binary (default: $QIAO_KIOSK, else the newest build/*/kiosk/app/qiao-kiosk)")
    parser.add_argument("--size", default="1920x1080", help="window size WxH (default 1920x1080, the station's screen)")
    parser.add_argument("--renderer", default="",
                        help="'software': SDL_RENDER_DRIVER=software and SDL_FRAMEBUFFER_ACCELERATION=0 (pure CPU "
                             "drawing, shown through XShm; what the goals assume); any other value is passed as "
                             "SDL_RENDER_DRIVER (opengl, opengles2). Default: the kiosk's own choice (software when "
                             "headless; under X11 the GPU when there is a /dev/dri device, else the software renderer)")


def renderer_env(args: argparse.Namespace) -> dict[str, str]:
    if not args.renderer:
        return {}
    if args.renderer == "software":
        # Without the second hint SDL 2.26 shows a software-rendered X11 window through an
        # OpenGL texture anyway (SDL_CreateWindowFramebuffer), which loads llvmpipe.
        return {"SDL_RENDER_DRIVER": "software", "SDL_FRAMEBUFFER_ACCELERATION": "0"}
    return {"SDL_RENDER_DRIVER": args.renderer}


# ------------------------------------------------------------------ Xvfb

class Xvfb:
    """An Xvfb server of our own on a free display number (-displayfd), stopped on exit."""

    def __init__(self, size: str = "1920x1080"):
        if not shutil.which("Xvfb"):
            raise BenchError("Xvfb is not installed (apt-get install xvfb)")
        read_fd, write_fd = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{size}x24", "-nolisten", "tcp", "-noreset"],
            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_fd)
        data = b""
        deadline = time.monotonic() + 10
        with os.fdopen(read_fd, "rb") as f:
            while not data.endswith(b"\n") and time.monotonic() < deadline:
                chunk = f.read(1)
                if not chunk:
                    break
                data += chunk
        if not data.strip().isdigit():
            self.stop()
            raise BenchError("Xvfb did not start")
        self.display = ":" + data.strip().decode()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


# ------------------------------------------------------------------ the kiosk

class KioskRun:
    """One qiao-kiosk process with a fresh --data-dir; its stderr is read line by line
    on a thread and every line is stamped with time.monotonic() when it arrives."""

    def __init__(self, kiosk: Path, extra_args: list[str], headless: bool, display: str | None = None,
                 env_extra: dict[str, str] | None = None, data_from: Path | None = None):
        self.data_dir = tempfile.mkdtemp(prefix="qiao-bench-data-")
        if data_from is not None:  # start from a copy of a prepared data folder (e.g. with packs installed)
            shutil.copytree(data_from, self.data_dir, dirs_exist_ok=True, symlinks=True)
        args = [str(kiosk), "--data-dir", self.data_dir] + extra_args
        if headless:
            args.append("--headless")
        env = dict(os.environ)
        if display:
            env["DISPLAY"] = display
            env.pop("WAYLAND_DISPLAY", None)
        env.setdefault("SDL_AUDIODRIVER", "dummy")
        if env_extra:
            env.update(env_extra)
        self.lines: list[tuple[float, str]] = []
        self.first_frame = threading.Event()
        self.first_frame_wall_ms: float | None = None
        self.first_frame_reported_ms: int | None = None
        self.started_at = time.monotonic()
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     env=env)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for raw in self.proc.stderr:
            now = time.monotonic()
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.lines.append((now, line))
            m = FIRST_FRAME.search(line)
            if m and not self.first_frame.is_set():
                self.first_frame_wall_ms = (now - self.started_at) * 1000.0
                self.first_frame_reported_ms = int(m.group(1))
                self.first_frame.set()
        self.first_frame.set()  # the kiosk ended: stop waiting

    @property
    def pid(self) -> int:
        return self.proc.pid

    def wait_first_frame(self, timeout: float = 30) -> None:
        if not self.first_frame.wait(timeout) or self.first_frame_wall_ms is None:
            self.kill()
            raise BenchError("the kiosk showed no first frame; its log:\n" + self.log())

    def log(self) -> str:
        return "\n".join(line for _, line in self.lines)

    def find(self, pattern: re.Pattern) -> list[re.Match]:
        return [m for _, line in self.lines if (m := pattern.search(line))]

    def stop(self, timeout: float = 15) -> int:
        """SIGTERM, then the exit code (the kiosk must exit 0)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            rc = -9
        self._reader.join(5)
        shutil.rmtree(self.data_dir, ignore_errors=True)
        return rc

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


# ------------------------------------------------------------------ /proc

def cpu_seconds(pid: int) -> float:
    """utime+stime of the whole process (all its threads), in seconds, from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # after the ")": state is field 3, utime field 14, stime field 15 (man 5 proc)
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def context_switches(pid: int) -> tuple[int, int, int]:
    """(voluntary, involuntary, threads) summed over /proc/PID/task/*/status."""
    vol = invol = threads = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            text = (task / "status").read_text()
        except OSError:
            continue  # the thread ended meanwhile
        threads += 1
        for line in text.splitlines():
            if line.startswith("voluntary_ctxt_switches:"):
                vol += int(line.split()[1])
            elif line.startswith("nonvoluntary_ctxt_switches:"):
                invol += int(line.split()[1])
    return vol, invol, threads


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS/VmHWM from /proc/PID/status and Pss/Pss_Anon/Pss_File from /proc/PID/smaps_rollup, in KiB."""
    out: dict[str, int] = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key = line.split(":", 1)[0]
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem", "Threads"):
                out[key] = int(line.split()[1])
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                key = line.split(":", 1)[0]
                if key in ("Pss", "Pss_Anon", "Pss_File", "Pss_Shmem"):
                    out[key] = int(line.split()[1])
    except OSError:
        pass
    return out


# ------------------------------------------------------------------ reporting

def spread(values: list[float], unit: str = "", digits: int = 1) -> str:
    """'median M (min A, max B, n N)'."""
    if not values:
        return "n/a"
    fmt = f"{{:.{digits}f}}"
    med = statistics.median(values)
    return (f"median {fmt.format(med)}{unit} (min {fmt.format(min(values))}, max {fmt.format(max(values))}, "
            f"n {len(values)})")


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"
