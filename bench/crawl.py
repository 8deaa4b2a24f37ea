"""Crawl speed: the project's spiders (as the crawled_items asset runs them) against a replica
serving the benchmark corpus, politeness off, versus a bare Scrapy spider fetching the very same
URLs from the same server with the same concurrency."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import CorpusSpec, replica_catalogue
from pipelines.crawling import CrawlRequest, run_crawls
from replica.server import ReplicaServer

FIRST_WEEK = "2012-06-04"
CONCURRENCY = 16
# Politeness protects real servers; against a replica on this machine it only measures sleep.
POLITENESS_OFF = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "ROBOTSTXT_OBEY": "False",
                  "CONCURRENT_REQUESTS": str(CONCURRENCY),
                  "CONCURRENT_REQUESTS_PER_DOMAIN": str(CONCURRENCY)}
PLAIN_SPIDER = Path(__file__).resolve().parent / "plain_spider.py"


@dataclass(frozen=True)
class CrawlSpeed:
    documents: int          # items the project's spiders yielded
    responses: int          # HTTP responses the project's spiders received
    project_seconds: float
    plain_seconds: float

    @property
    def pages_per_s(self) -> float:
        return self.responses / self.project_seconds

    @property
    def plain_pages_per_s(self) -> float:
        return self.responses / self.plain_seconds

    @property
    def ratio(self) -> float:
        return self.pages_per_s / self.plain_pages_per_s


def archived_urls(warc_dir: Path, spider: str) -> list[str]:
    """Every URL a spider received a response for, from the raw archive's index files."""
    urls = []
    for index_file in sorted(warc_dir.glob(f"{spider}-*.index.jsonl")):
        with index_file.open(encoding="utf-8") as handle:
            urls += [json.loads(line)["url"] for line in handle if line.strip()]
    return urls


def _plain_crawl(urls: list[str], workdir: Path, name: str) -> float:
    url_file = workdir / f"{name}.urls"
    url_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "scrapy", "runspider", str(PLAIN_SPIDER), "-a", f"urls={url_file}",
               "-s", f"LOG_FILE={workdir / (name + '.log')}", "-s", "TELNETCONSOLE_ENABLED=False"]
    for setting, value in POLITENESS_OFF.items():
        command += ["-s", f"{setting}={value}"]
    env = {key: value for key, value in os.environ.items() if key != "SCRAPY_SETTINGS_MODULE"}
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=workdir, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure_crawl(spec: CorpusSpec, workdir: Path) -> CrawlSpeed:
    workdir.mkdir(parents=True, exist_ok=True)
    with ReplicaServer(catalogue=replica_catalogue(spec)) as replica:
        warc_dir = workdir / "warc"
        base = {**POLITENESS_OFF, **replica.base_urls, "ALLIANCE_WARC_DIR": str(warc_dir)}
        documents, project_seconds = 0, 0.0
        for spider in replica.catalogue.sources:  # the sources the synthetic corpus has
            settings = {**base, "ALLIANCE_STATS_FILE": str(workdir / f"{spider}.stats.json")}
            started = time.perf_counter()
            # one source at a time, as the plain spider below crawls them
            crawled = run_crawls([CrawlRequest(spider, settings, {"since": FIRST_WEEK})], workdir / spider)
            project_seconds += time.perf_counter() - started
            if crawled.failed:
                raise crawled.failure()
            documents += sum(output.items for output in crawled.finished)
        urls = {spider: archived_urls(warc_dir, spider) for spider in replica.catalogue.sources}
        plain_seconds = sum(_plain_crawl(urls[spider], workdir, f"plain-{spider}") for spider in urls)
    return CrawlSpeed(documents, sum(len(u) for u in urls.values()), project_seconds, plain_seconds)
