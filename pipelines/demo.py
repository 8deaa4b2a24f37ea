"""`make demo`: serve the bundled replica, run every asset through Dagster, print a summary."""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path


class DemoError(Exception):
    """The demo cannot run; the message is one line saying what and where."""


@contextmanager
def replica_server(port: int, startup_seconds: float = 30.0):
    """Run `python -m spiders.replica` and yield its base URL once it serves."""
    process = subprocess.Popen(
        [sys.executable, "-m", "spiders.replica", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        selector = selectors.DefaultSelector()
        selector.register(process.stdout, selectors.EVENT_READ)
        ready = selector.select(timeout=startup_seconds)
        line = process.stdout.readline() if ready else ""
        if not line.startswith("replica: serving"):
            process.wait(timeout=5)
            message = (process.stderr.read() or line or "no output").strip().splitlines()
            raise DemoError(message[-1] if message else f"replica on port {port} did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


REFERENCE = "alliance_reference"
COLLECT = "crawled_items,raw_documents"
TRANSFORM = "extracted_texts,near_duplicate_links,document_tags,researcher_views,published_warehouse"
REPORT = "research_report"


def all_weeks() -> str:
    """Every publication week up to the last complete one, as `dagster asset materialize` takes a range."""
    from pipelines.partitions import publication_weeks

    return f"{publication_weeks.get_first_partition_key()}...{publication_weeks.get_last_partition_key()}"


def materialize_all(env: dict[str, str]) -> None:
    """The reference data, then collect and transform every publication week up to the last complete
    one (each a single run over the range), then the report."""
    weeks = all_weeks()
    base = [sys.executable, "-m", "dagster", "asset", "materialize", "-m", "pipelines.definitions"]
    steps = (["--select", REFERENCE], ["--select", COLLECT, "--partition-range", weeks],
             ["--select", TRANSFORM, "--partition-range", weeks], ["--select", REPORT, "--partition-range", weeks])
    for step in steps:
        completed = subprocess.run(base + step, env=env, check=False)
        if completed.returncode != 0:
            raise DemoError(
                f"dagster asset materialize {' '.join(step)} failed with exit code "
                f"{completed.returncode} (see the log above)"
            )


def demo_environment(base_url: str, warehouse: Path, dagster_home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DOJ_BASE_URL": base_url,
        "PRESSCORNER_BASE_URL": f"{base_url}/commission/presscorner",
        "ALLIANCE_WAREHOUSE": str(warehouse),
        "DAGSTER_HOME": str(dagster_home),
    }
