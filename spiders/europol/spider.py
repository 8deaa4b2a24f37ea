"""Spider `europol`: pages through the Europol newsroom listing, newest first, until it reaches
below the window's start, and fetches each listed article's node once.

    scrapy crawl europol -s EUROPOL_BASE_URL=http://127.0.0.1:8765 \
        -a since=2012-06-01 -a until=2016-12-31 [-a watermark=2016-06-01] [-a max_pages=50] \
        -O europol.jsonl

`watermark`: list from a week before it rather than from `since`. `max_pages`: read at most this
many listing pages.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import scrapy
from scrapy.http import Response

from spiders.base import AllianceSpider
from spiders.europol.parsing import (
    LISTING,
    ListedNews,
    crawl_window,
    document_item,
    listing_url,
    node_url,
    parse_newsroom,
)
from spiders.parsing import ShapeError
from spiders.parsing.arguments import iso_date_argument


class EuropolSpider(AllianceSpider):
    name = "europol"

    def __init__(self, since: str | None = None, until: str | None = None,
                 watermark: str | None = None, max_pages: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.window = crawl_window(since, until, watermark, date.today())
        self.watermark = iso_date_argument("watermark", watermark)
        self.max_pages = _positive("max_pages", max_pages)

    @property
    def base_url(self) -> str:
        return self.settings.get("EUROPOL_BASE_URL")

    async def start(self):
        yield self._listing_request(1, failed_in_a_row=0)

    def _listing_request(self, page: int, failed_in_a_row: int) -> scrapy.Request:
        return scrapy.Request(listing_url(self.base_url, page), callback=self.parse_listing,
                              cb_kwargs={"page": page, "failed_in_a_row": failed_in_a_row})

    def parse_listing(self, response: Response, page: int,
                      failed_in_a_row: int) -> Iterator[scrapy.Request]:
        try:
            listing = parse_newsroom(self.read_json(response))
        except ShapeError as error:
            again = self.unusable(response, error, "listing")
            if again is not None:
                yield again
            elif failed_in_a_row == 0 and self._may_read(page + 1):
                # Given up on this page: read one page past it, but never walk on through a
                # listing that keeps failing.
                yield self._listing_request(page + 1, failed_in_a_row + 1)
            return
        aliases = [entry.alias for entry in listing.entries]
        if self.ledger.page_seen_before(LISTING, aliases):
            # Past its last page the CMS answers the last page again: the listing's end.
            self.crawler.stats.inc_value("europol/listing_end_repeated")
            return
        start, end = self.window
        for entry in listing.entries:
            if not start.isoformat() <= entry.published <= end.isoformat():
                self.crawler.stats.inc_value("europol/outside_window_skipped")
                continue
            if self.ledger.announce(entry.alias, entry.published, LISTING) is not None:
                self.crawler.stats.inc_value("europol/duplicates_skipped")
                self.count("duplicate", "%s listed again at %s", entry.alias, response.url,
                           level=logging.INFO)
                continue
            yield scrapy.Request(node_url(self.base_url, entry.alias),
                                 callback=self.parse_document, errback=self.document_failed,
                                 cb_kwargs={"listed": entry})
        oldest = min((entry.published for entry in listing.entries), default=None)
        if oldest is not None and oldest >= start.isoformat() and self._may_read(page + 1):
            yield self._listing_request(page + 1, failed_in_a_row=0)

    def _may_read(self, page: int) -> bool:
        return self.max_pages is None or page <= self.max_pages

    def parse_document(self, response: Response, listed: ListedNews) -> Iterator[Any]:
        try:
            yield document_item(self.read_json(response), fetch_url=response.url,
                                fetched_at=datetime.now(UTC), listed=listed)
        except ShapeError as error:
            again = self.unusable(response, error, "document")
            if again is not None:
                yield again



def _positive(name: str, value: str | None) -> int | None:
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"{name} must be a whole number >= 1, got {value!r}")
    return int(text)
