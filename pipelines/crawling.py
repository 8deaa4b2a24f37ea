"""Run a spider in its own process (Scrapy's reactor cannot restart inside one) and keep its output."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from spiders.registry import NAMES

# One spider per registry source, named after it, in registry order.
SPIDERS = NAMES


class CrawlFailed(Exception):
    """A crawl process ended badly; the message names the spider, exit code and log file."""


@dataclass(frozen=True)
class CrawlOutput:
    spider: str
    items_file: Path
    log_file: Path
    items: int


def crawl_command(
    spider: str, items_file: Path, log_file: Path, settings: dict[str, str], arguments: dict[str, str]
) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", spider, "-O", f"{items_file}:jsonlines"]
    for name, value in sorted(arguments.items()):
        command += ["-a", f"{name}={value}"]
    for name, value in sorted(settings.items()):
        command += ["-s", f"{name}={value}"]
    return command + ["-s", f"LOG_FILE={log_file}"]


def run_crawl(
    spider: str, crawl_dir: Path, settings: dict[str, str], arguments: dict[str, str]
) -> CrawlOutput:
    """Crawl into <crawl_dir>/<spider>.jsonl. The file gets its final name only after the crawl
    finished cleanly, so the loader never sees a half-written crawl."""
    crawl_dir.mkdir(parents=True, exist_ok=True)
    partial = crawl_dir / f"{spider}.jsonl.partial"
    final = crawl_dir / f"{spider}.jsonl"
    log_file = crawl_dir / f"{spider}.log"
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "spiders.settings"}
    completed = subprocess.run(
        crawl_command(spider, partial, log_file, settings, arguments), env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
    )
    if completed.returncode != 0 or not partial.exists():
        last = (completed.stderr or "").strip().splitlines()[-1:] or ["no output"]
        raise CrawlFailed(
            f"crawl {spider} exited with {completed.returncode}: {last[0]} (log: {log_file})"
        )
    partial.rename(final)
    with final.open("rb") as handle:
        items = sum(1 for line in handle if line.strip())
    return CrawlOutput(spider, final, log_file, items)
