"""Run the spiders of one run in a process of their own (Scrapy's reactor cannot restart inside one)
and keep their output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from spiders.registry import NAMES

# One spider per registry source, named after it, in registry order.
SPIDERS = NAMES


class CrawlFailed(Exception):
    """A crawl did not run; the message names the spiders, why, and the log file."""


@dataclass(frozen=True)
class CrawlRequest:
    spider: str
    settings: dict[str, str]   # as `-s NAME=value`
    arguments: dict[str, str]  # as `-a NAME=value`


@dataclass(frozen=True)
class CrawlOutput:
    spider: str
    items_file: Path
    items: int


@dataclass(frozen=True)
class CrawlResults:
    finished: list[CrawlOutput]
    failed: dict[str, str]      # spider -> why
    log_file: Path

    def failure(self) -> CrawlFailed:
        reasons = "; ".join(f"{spider}: {why}" for spider, why in self.failed.items())
        return CrawlFailed(f"crawl failed ({reasons}); log: {self.log_file}")


def crawl_plan(requests: list[CrawlRequest], crawl_dir: Path, log_file: Path) -> dict:
    return {
        "log_file": str(log_file),
        "crawls": [{"spider": r.spider, "items_file": str(partial_file(crawl_dir, r.spider)),
                    "settings": r.settings, "arguments": r.arguments} for r in requests],
    }


def partial_file(crawl_dir: Path, spider: str) -> Path:
    return crawl_dir / f"{spider}.jsonl.partial"


def run_crawls(requests: list[CrawlRequest], crawl_dir: Path) -> CrawlResults:
    """Crawl every request at once, in one Scrapy process, into <crawl_dir>/<spider>.jsonl. A file
    gets its final name only once its crawl finished cleanly, so the loader never sees a
    half-written crawl; a crawl that failed leaves its partial file and is named in `failed`."""
    crawl_dir.mkdir(parents=True, exist_ok=True)
    log_file = crawl_dir / "crawl.log"
    plan_file = crawl_dir / "crawl_plan.json"
    plan_file.write_text(json.dumps(crawl_plan(requests, crawl_dir, log_file), indent=1), encoding="utf-8")
    failed = _reported_failures(run_crawl_process(plan_file), [r.spider for r in requests])
    finished = []
    for request in requests:
        partial = partial_file(crawl_dir, request.spider)
        if request.spider not in failed and not partial.exists():
            failed[request.spider] = "it wrote no items file"
        if request.spider in failed:
            continue
        final = partial.with_suffix("")   # <spider>.jsonl
        partial.rename(final)
        with final.open("rb") as handle:
            items = sum(1 for line in handle if line.strip())
        finished.append(CrawlOutput(request.spider, final, items))
    return CrawlResults(finished, failed, log_file)


def crawl_process_command(plan_file: Path) -> tuple[list[str], dict[str, str]]:
    """The command that runs a plan, and its environment."""
    return ([sys.executable, "-m", "pipelines.crawl_process", str(plan_file)],
            {**os.environ, "SCRAPY_SETTINGS_MODULE": "spiders.settings"})


def run_crawl_process(plan_file: Path) -> subprocess.CompletedProcess:
    """The crawl process, run to its end in a new interpreter, its output captured."""
    command, env = crawl_process_command(plan_file)
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def _reported_failures(completed: subprocess.CompletedProcess, spiders: list[str]) -> dict[str, str]:
    """The crawls the process says failed; every crawl, when it died before saying."""
    lines = (completed.stdout or "").strip().splitlines()
    try:
        reported = json.loads(lines[-1])["failed"]
    except (IndexError, ValueError, KeyError, TypeError):
        last = (completed.stderr or "").strip().splitlines()[-1:] or ["no output"]
        why = f"the crawl process exited with {completed.returncode}: {last[0]}"
        return dict.fromkeys(spiders, why)
    return dict(reported)
