"""For the GOV.UK tests: its replica on a real HTTP server, and real `scrapy crawl govuk` runs against it.

The shared ReplicaServer routes the DOJ and Commission paths only (today it takes no extra
routes), so GovukReplicaServer subclasses it: every request still goes through its handler and
request log, and is answered by GOV.UK's `replica().answer(...)` (its DOJ/EU catalogue empty).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from spiders.govuk.replica import GovukReplica, replica
from spiders.replica.catalogue import Catalogue
from spiders.replica.reply import Reply, Request, text_reply
from spiders.replica.server import ReplicaServer

SPIDERS_DIR = Path(__file__).resolve().parents[3] / "spiders"
SCRAPY = Path(sys.executable).parent / "scrapy"
# The spider lives in its source folder, which settings.py does not list yet.
SPIDER_MODULES = ("-s", "SPIDER_MODULES=spiders.crawlers,spiders.govuk.spider")
# Crawls against 127.0.0.1 need not wait between requests nor long between retries.
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "ALLIANCE_RETRY_BACKOFF=0.1")
ENVIRONMENT_SETTINGS = ("DOJ_BASE_URL", "PRESSCORNER_BASE_URL", "GOVUK_BASE_URL",
                        "ALLIANCE_CONTACT")

Tamper = Callable[[Request, Reply], Reply]


class GovukReplicaServer(ReplicaServer):
    """A ReplicaServer answering GOV.UK's paths. `rewrite` may change a request before GOV.UK's
    replica sees it (a server that ignores a parameter); `tamper` may change the reply."""

    def __init__(self, source: GovukReplica | None = None, *,
                 rewrite: Callable[[Request], Request] | None = None,
                 tamper: Tamper | None = None) -> None:
        super().__init__(catalogue=Catalogue(doj=[], eu=[]))
        self.source = source if source is not None else replica()
        self.rewrite = rewrite
        self.tamper = tamper

    def answer(self, method: str, target: str, headers: dict[str, str]) -> tuple[Request, Reply]:
        request, reply = super().answer(method, target, headers)
        if request.path == "/robots.txt":
            lines = "".join(f"Disallow: {path}\n" for path in self.source.robots_disallow)
            return request, text_reply(f"User-agent: *\n{lines}")
        asked = self.rewrite(request) if self.rewrite is not None else request
        own = self.source.answer(asked)
        if own is not None:
            reply = own
        return request, self.tamper(request, reply) if self.tamper is not None else reply


def crawl(output_dir: Path, base_url: str, *options: str, timeout: float = 120):
    """`scrapy crawl govuk` from spiders/, as a person would: (result, items, crawl record)."""
    output_dir.mkdir(parents=True, exist_ok=True)
    items_file, record_file = output_dir / "govuk.jsonl", output_dir / "govuk-record.json"
    environment = {k: v for k, v in os.environ.items() if k not in ENVIRONMENT_SETTINGS}
    result = subprocess.run(
        [str(SCRAPY), "crawl", "govuk", "-O", str(items_file), *SPIDER_MODULES, *FAST,
         "-s", f"GOVUK_BASE_URL={base_url}", "-s", f"ALLIANCE_STATS_FILE={record_file}",
         *options],
        cwd=SPIDERS_DIR, env=environment, capture_output=True, text=True, timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    items = [json.loads(line) for line in items_file.read_text(encoding="utf-8").splitlines()]
    return result, items, json.loads(record_file.read_text(encoding="utf-8"))


def stat(stderr: str, name: str) -> int:
    """A counter from the stats Scrapy logs when the crawl closes (0 when absent)."""
    found = re.search(rf"'{re.escape(name)}': (\d+)", stderr)
    return int(found.group(1)) if found else 0
