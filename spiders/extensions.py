"""CrawlStatsFile: when ALLIANCE_STATS_FILE is set, the crawl's record is written there as JSON
when the spider closes (however it closes), for the warehouse's crawl_runs table:

    {"spider", "arguments", "started_at", "finished_at", "finish_reason", "requests", "items",
     "retries", "errors_by_kind", "listed_by_week", "watermark_before", "watermark_after"}

See spiders/ledger.py for the error kinds and how the watermark moves.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from spiders.ledger import crawl_record


class CrawlStatsFile:
    def __init__(self, crawler: Any, path: Path) -> None:
        self.crawler = crawler
        self.path = path
        self.started_at = datetime.now(UTC)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlStatsFile:
        path = crawler.settings.get("ALLIANCE_STATS_FILE")
        if not path:
            raise NotConfigured
        return cls(crawler, Path(path))

    def spider_opened(self, spider: Any) -> None:
        self.started_at = datetime.now(UTC)

    def spider_closed(self, spider: Any, reason: str) -> None:
        watermark = getattr(spider, "watermark", None)
        record = crawl_record(
            spider=spider.name,
            arguments=getattr(spider, "arguments", {}),
            started_at=self.started_at,
            finished_at=datetime.now(UTC),
            finish_reason=reason,
            stats=self.crawler.stats.get_stats(),
            ledger=getattr(spider, "ledger", None),
            watermark_before=watermark.isoformat() if watermark else None,
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".partial")
        partial.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        os.replace(partial, self.path)  # readers never see half a record
