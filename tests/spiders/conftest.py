"""Run a real `scrapy crawl` in a subprocess, from spiders/ as a person would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SPIDERS_DIR = Path(__file__).resolve().parents[2] / "spiders"
SCRAPY = Path(sys.executable).parent / "scrapy"
BASE_URL_VARIABLES = ("DOJ_BASE_URL", "PRESSCORNER_BASE_URL", "ALLIANCE_CONTACT")


def crawl(spider: str, output: Path, *options: str, env: dict[str, str] | None = None):
    """`scrapy crawl <spider> -O <output> <options>`; returns (process result, items)."""
    environment = {k: v for k, v in os.environ.items() if k not in BASE_URL_VARIABLES}
    environment.update(env or {})
    result = subprocess.run(
        [str(SCRAPY), "crawl", spider, "-O", str(output), *options],
        cwd=SPIDERS_DIR, env=environment, capture_output=True, text=True, timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    items = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    return result, items


@pytest.fixture
def run_crawl():
    return crawl
