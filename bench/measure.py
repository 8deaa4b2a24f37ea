"""Measuring helpers: a child process's wall time and the peak memory of its whole process tree,
and the figures the benchmark prints."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _children(pid: int) -> list[int]:
    """The process's children, from the kernel's list per thread: a few small reads, where scanning
    all of /proc every tenth of a second took CPU from the run being measured."""
    children: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return children  # the process ended while we looked
    for task in tasks:
        try:
            children += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return children


def tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, in KB (0 once it has ended).
    Pages shared between them (forked workers) count once per process: an upper bound."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE_KB
        except (OSError, IndexError, ValueError):
            continue
        pending += _children(pid)
    return total


@dataclass(frozen=True)
class ChildRun:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float


def run_measured(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None,
                 interval: float = 0.1) -> ChildRun:
    """Run `command`, sampling the memory of its process tree every `interval` seconds."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env, cwd=cwd)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kb(process.pid))
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    done.set()
    sampler.join()
    return ChildRun(process.returncode, stdout, stderr, time.perf_counter() - started, peak / 1024)


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    target: str = ""      # e.g. ">= 1.6"; empty: for information
    note: str = ""

    def line(self) -> str:
        if float(self.value).is_integer():
            value = str(int(self.value))
        else:
            value = f"{self.value:.3f}" if abs(self.value) < 10 else f"{self.value:.1f}"
        extra = f"  # {self.note}" if self.note else ""
        aim = f" (target {self.target})" if self.target else ""
        return f"{self.name}: {value} {self.unit}{aim}{extra}"

    def meets_target(self) -> bool:
        if not self.target:
            return True
        operator, threshold = self.target.split()
        return self.value >= float(threshold) if operator == ">=" else self.value <= float(threshold)


def verdict(figures: list[Figure]) -> str:
    below = [f.name for f in figures if not f.meets_target()]
    return "bench: ok" if not below else f"bench: below target: {', '.join(below)}"


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share in (0, 1]) of a non-empty list."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 < share <= 1:
        raise ValueError(f"share must be within (0, 1], got {share}")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))  # ceil without floats drifting
    return ordered[int(rank) - 1]
