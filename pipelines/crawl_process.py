"""The crawl process: every spider of one run in one Scrapy process, at the same time.

`python -m pipelines.crawl_process PLAN` reads a plan written by pipelines/crawling.py (JSON: the log
file, and per crawl its spider, items file, settings and arguments) and runs each crawl as
`scrapy crawl SPIDER -O ITEMS:jsonlines -s NAME=value -a NAME=value` would, in one reactor (Scrapy's
documented way to run several spiders in one process). Each crawler keeps its own settings, so
politeness (delays, concurrency, robots.txt) stays per site. A process pays Scrapy's start-up once,
not once per source.

It prints one JSON line: the crawls that failed to run, by spider, with the reason; the exit status
is 1 when any did."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

from scrapy import signals
from scrapy.crawler import AsyncCrawlerProcess, Crawler
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings


def crawler_settings(crawl: dict, log_file: str) -> Settings:
    """What `-O ITEMS:jsonlines -s NAME=value` sets for one crawl; the project's settings come in as
    defaults when the process takes the crawler."""
    settings = Settings()
    settings.setdict({**crawl["settings"], "LOG_FILE": log_file,
                      "FEEDS": {crawl["items_file"]: {"format": "jsonlines", "overwrite": True}}},
                     priority="cmdline")
    return settings


logger = logging.getLogger("crawl")


def name_in_the_log(crawler: Crawler, spider: str) -> None:
    """The crawls share one log: Scrapy's own lines for a crawl do not name its spider, these do."""
    def opened(**_) -> None:
        arguments = getattr(crawler.spider, "arguments", None)   # the project's spiders keep theirs
        logger.info(f"{spider}: crawl opened with {arguments or 'no arguments'}")

    def closed(reason: str = "", **_) -> None:
        logger.info(f"{spider}: crawl closed ({reason}), "
                    f"{crawler.stats.get_value('item_scraped_count', 0)} items")

    crawler.signals.connect(opened, signal=signals.spider_opened, weak=False)
    crawler.signals.connect(closed, signal=signals.spider_closed, weak=False)


def run_plan(plan: dict) -> dict[str, str]:
    """Run every crawl of the plan; returns {spider: why} for those that failed to run."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "spiders.settings")
    project = get_project_settings()
    project.set("LOG_FILE", plan["log_file"], priority="cmdline")
    process = AsyncCrawlerProcess(project)
    tasks = {}
    for crawl in plan["crawls"]:
        spider = process.spider_loader.load(crawl["spider"])
        crawler = Crawler(spider, crawler_settings(crawl, plan["log_file"]))
        name_in_the_log(crawler, crawl["spider"])
        tasks[crawl["spider"]] = (crawler, process.crawl(crawler, **crawl["arguments"]))
    process.start()
    failed = {}
    for name, (crawler, task) in tasks.items():
        error = task.exception() if task.done() and not task.cancelled() else None
        if error is not None:
            failed[name] = f"{type(error).__name__}: {error}"
        elif not task.done() or getattr(crawler, "spider", None) is None:
            failed[name] = "the crawl did not start"
    return failed


def main(argv: list[str]) -> int:
    failed = run_plan(json.loads(Path(argv[1]).read_text(encoding="utf-8")))
    print(json.dumps({"failed": failed}), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
