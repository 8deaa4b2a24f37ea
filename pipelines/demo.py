"""The bundled replica as a server for `alliance-tracker run --replica` (and `make demo`), and the
asset selections `bench/pipeline_cli.py` materializes step by step for the drills."""

from __future__ import annotations

import selectors
import subprocess
import sys
from contextlib import contextmanager


class DemoError(Exception):
    """The demo cannot run; the message is one line saying what and where."""


@contextmanager
def replica_server(port: int, startup_seconds: float = 30.0):
    """Run `python -m replica` and yield its root URL once it serves."""
    process = subprocess.Popen(
        [sys.executable, "-m", "replica", "--port", str(port)],
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
