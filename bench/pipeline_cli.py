"""The pipeline's assets in three launches of the weekly job (bench/launch_selection.py: the reference
data, then collect and transform over a range of publication weeks), each a process of its own whose
log is read as it is written, so that a drill can kill it with SIGKILL at a chosen moment of a chosen
step."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.demo import COLLECT, REFERENCE, TRANSFORM

REPO = Path(__file__).resolve().parents[1]
# Stage of the pipeline -> the asset (Dagster step) that does it.
STAGE_STEPS = {"crawl": "crawled_items", "load": "raw_documents", "extract": "extracted_texts",
               "tag": "document_tags", "publish": "published_warehouse"}
# Politeness protects real servers; against the local replica it only slows the drill down.
FAST_CRAWL = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "ROBOTSTXT_OBEY": "False"}
_EVENT = re.compile(r" - (?P<step>\w+) - (?P<event>STEP_START|STEP_OUTPUT|ASSET_MATERIALIZATION|STEP_SUCCESS|STEP_FAILURE) - ")


@dataclass
class StepLog:
    """When (seconds after the command started) each step started and finished its work."""
    started: dict[str, float] = field(default_factory=dict)
    worked: dict[str, float] = field(default_factory=dict)   # the asset's function returned

    def note(self, line: str, at: float) -> str | None:
        match = _EVENT.search(line)
        if not match:
            return None
        step, event = match["step"], match["event"]
        if event == "STEP_START":
            self.started.setdefault(step, at)
        elif event in ("STEP_OUTPUT", "ASSET_MATERIALIZATION", "STEP_SUCCESS"):
            self.worked.setdefault(step, at)
        return step if event == "STEP_START" else None

    def work_window(self, step: str) -> float:
        return self.worked[step] - self.started[step]


@dataclass(frozen=True)
class CommandResult:
    returncode: int
    output: str
    steps: StepLog
    killed_at: str | None = None     # "<step> +<seconds>s" when the drill killed it
    kill_before_work_done: bool | None = None


@dataclass(frozen=True)
class Kill:
    step: str
    after_seconds: float   # after the step's STEP_START line


class PipelineCLI:
    def __init__(self, workdir: Path, base_urls: dict[str, str], weeks: str,
                 extra_env: dict[str, str] | None = None) -> None:
        """`base_urls`: every source's base URL setting -> its URL (ReplicaServer.base_urls)."""
        self.workdir = workdir
        self.warehouse = workdir / "alliance.duckdb"
        (workdir / "dagster_home").mkdir(parents=True, exist_ok=True)
        # bench/ is not installed: the launches find bench.launch_selection from the repository
        self.env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(REPO), **base_urls,
                    "ALLIANCE_WAREHOUSE": str(self.warehouse),
                    "DAGSTER_HOME": str(workdir / "dagster_home"), **(extra_env or {})}
        self.weeks = weeks

    @property
    def published(self) -> Path:
        return self.workdir / "published" / self.warehouse.name

    def commands(self) -> list[list[str]]:
        """Reference, collect, transform: the collect and transform commands over the drill's weeks."""
        base = [sys.executable, "-m", "bench.launch_selection"]
        config = {"resources": {"sources": {"config": {"extra_settings": FAST_CRAWL}}}}
        return [base + ["--select", REFERENCE],
                base + ["--select", COLLECT, "--partition-range", self.weeks, "--config-json", json.dumps(config)],
                base + ["--select", TRANSFORM, "--partition-range", self.weeks]]

    def run_command(self, command: list[str], kill: Kill | None = None,
                    env: dict[str, str] | None = None) -> CommandResult:
        """Run one command to its end, or SIGKILL its whole process group `kill.after_seconds`
        after `kill.step` started."""
        started = time.monotonic()
        process = subprocess.Popen(command, env=env or self.env, cwd=self.workdir, text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        steps, lines = StepLog(), []
        step_started = threading.Event()

        def read() -> None:
            for line in process.stdout:
                lines.append(line)
                if steps.note(line, time.monotonic() - started) == (kill.step if kill else None):
                    step_started.set()

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        killed_at, before_done = None, None
        if kill is not None:
            while not step_started.wait(0.05):
                if process.poll() is not None:
                    break
            if step_started.is_set():
                time.sleep(kill.after_seconds)
                if process.poll() is None:
                    before_done = kill.step not in steps.worked
                    os.killpg(process.pid, signal.SIGKILL)
                    killed_at = f"{kill.step} +{kill.after_seconds:.2f}s"
        process.wait()
        reader.join(timeout=10)
        if killed_at is not None:
            _wait_for_group(process.pid)
        return CommandResult(process.returncode, "".join(lines), steps, killed_at, before_done)

    def run_all(self, kill: Kill | None = None, env: dict[str, str] | None = None) -> list[CommandResult]:
        """Every command in turn; the kill is aimed at the command that runs its step, and a killed
        or failed command leaves the later ones unrun."""
        results = []
        for command in self.commands():
            selection = command[command.index("--select") + 1].split(",")
            aimed = kill if kill is not None and kill.step in selection else None
            result = self.run_command(command, aimed, env)
            results.append(result)
            if result.killed_at or result.returncode != 0:
                break
        return results


def _wait_for_group(group: int, timeout: float = 10.0) -> None:
    """Until no process of the killed group is left (SIGKILL is delivered, not awaited)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alive = False
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                fields = stat[stat.rindex(")") + 2:].split()
                if int(fields[2]) == group and fields[0] != "Z":
                    alive = True
                    break
        if not alive:
            return
        time.sleep(0.05)
