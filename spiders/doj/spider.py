"""Spider `doj`: pages the DOJ News API newest first; fetches the page when the API has no body.

    scrapy crawl doj -s DOJ_BASE_URL=http://127.0.0.1:8765 [-a since=2012-06-01] \
        [-a until=2016-12-31] [-a max_pages=N] [-a watermark=2025-01-06] \
        [-a changed_since=2025-01-06T10:00:00Z] -O doj.jsonl

Covers every office the API lists, US Attorneys' offices (`/usao-*/pr/...`, no number)
included. `watermark` (the last successful crawl's): stop at the first listing page that
reaches below it. `changed_since` (when that crawl started): also read the listing sorted by
`changed`, for older releases revised since, delivered again as new versions. The setting
DOJ_PAGESIZE (1 to 50, the API's largest and the default) sets the releases per listing page.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import scrapy
from parsel import Selector
from scrapy.http import Response

from spiders.base import AllianceSpider
from spiders.doj.incremental import (
    BY_CHANGED,
    BY_DATE,
    DELIVER,
    REVISED,
    DojBounds,
    last_page_needed,
    release_verdict,
)
from spiders.doj.parsing import (
    MAX_PAGESIZE,
    check_release,
    listing_page_size,
    listing_url,
    next_page,
    page_url,
    parse_listing,
    published_date,
    release_body,
    release_item,
)
from spiders.items import DocumentItem
from spiders.parsing import ShapeError
from spiders.parsing.arguments import iso_date_argument, iso_datetime_argument


class DojSpider(AllianceSpider):
    name = "doj"

    def __init__(self, since: str | None = None, until: str | None = None,
                 max_pages: str | None = None, watermark: str | None = None,
                 changed_since: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # The live listing holds 145,000+ releases since 2009: `since`/`until` (ISO dates),
        # `watermark` and `max_pages` (per listing) bound a crawl; by default it reads all.
        self.bounds = DojBounds(
            since=iso_date_argument("since", since),
            until=iso_date_argument("until", until),
            watermark=iso_date_argument("watermark", watermark),
            changed_since=iso_datetime_argument("changed_since", changed_since),
        )
        self.watermark = self.bounds.watermark
        self.max_pages = int(max_pages) if max_pages else None
        self.page_size = MAX_PAGESIZE

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> DojSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.page_size = listing_page_size(crawler.settings.get("DOJ_PAGESIZE"))
        return spider

    @property
    def base_url(self) -> str:
        return self.settings.get("DOJ_BASE_URL")

    async def start(self):
        yield self._listing_request(BY_DATE, 0, None)
        if self.bounds.changed_since is not None:
            yield self._listing_request(BY_CHANGED, 0, None)

    def _listing_request(self, listing: str, page: int, known_count: int | None):
        return scrapy.Request(
            listing_url(self.base_url, page, self.page_size, sort=listing),
            callback=self.parse_listing,
            cb_kwargs={"listing": listing, "page": page, "known_count": known_count},
        )

    def _may_read(self, page: int | None) -> bool:
        return page is not None and (self.max_pages is None or page < self.max_pages)

    def parse_listing(self, response: Response, listing: str, page: int,
                      known_count: int | None) -> Iterator[Any]:
        try:
            listing_page = parse_listing(self.read_json(response))
        except ShapeError as error:
            again = self.unusable(response, error, "listing")
            if again is not None:
                yield again
            elif (known_count is not None and (page + 1) * self.page_size < known_count
                  and self._may_read(page + 1)):
                # Given up on this page: read on past it, as an earlier page said there is more.
                yield self._listing_request(listing, page + 1, known_count)
            return
        keys = [str(record.get("uuid")) for record in listing_page.results]
        if self.ledger.page_seen_before(listing, keys):
            self.count("loop", "listing page %s at %s repeats an earlier page; stopping here",
                       page, response.url)
            return
        for index, record in enumerate(listing_page.results):
            yield from self._release(response, record, listing, f"{response.url} results[{index}]")
        if last_page_needed(listing_page, listing, self.bounds):
            return
        following = next_page(listing_page, page, self.page_size)
        if self._may_read(following):
            yield self._listing_request(listing, following, listing_page.count)

    def _release(self, response: Response, record: Any, listing: str, where: str) -> Iterator[Any]:
        try:
            uuid, url, _ = check_release(record)
        except ShapeError as error:
            self.crawler.stats.inc_value("doj/bad_record")
            self.count("bad_record", "unusable record at %s: %s", where, error)
            return
        verdict = release_verdict(record, listing, self.bounds)
        if verdict not in (DELIVER, REVISED):
            self.crawler.stats.inc_value(f"doj/{verdict}")
            return
        first_listed_by = self.ledger.announce(uuid, published_date(record.get("date")), listing)
        if first_listed_by is not None:
            # Met again in the other listing (new and revised at once) is no anomaly.
            if first_listed_by == listing:
                self.crawler.stats.inc_value("doj/duplicates_skipped")
                self.count("duplicate", "%s listed again at %s", uuid, where, level=logging.INFO)
            return
        if verdict == REVISED:
            self.count("revised", "%s (%s) changed since the last crawl", uuid, url, level=logging.INFO)
        if release_body(record).strip():
            yield release_item(record, html_text=release_body(record), fetch_url=response.url,
                               fetched_at=datetime.now(UTC))
        else:
            yield scrapy.Request(
                page_url(self.base_url, url),
                callback=self.parse_page,
                errback=self.page_failed,
                cb_kwargs={"record": record},
            )

    def parse_page(self, response: Response, record: dict[str, Any]) -> Iterator[DocumentItem]:
        text = self.decode(response, html=True).text
        canonical = Selector(text=text).css('link[rel="canonical"]::attr(href)').get()
        seen = [urljoin(record["url"], canonical.strip())] if canonical else []
        try:
            yield release_item(record, html_text=text, fetch_url=response.url,
                               fetched_at=datetime.now(UTC), seen_urls=seen)
        except ShapeError as error:
            self.crawler.stats.inc_value("doj/bad_page")
            self.count("bad_record", "unusable page at %s: %s", response.url, error)

    def page_failed(self, failure: Any) -> None:
        self.crawler.stats.inc_value("doj/pages_missing")
        self.logger.warning("no page for a release without API body: %s (%s)",
                            failure.request.url, failure.getErrorMessage())
