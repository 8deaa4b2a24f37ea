"""Spider `doj`: pages the DOJ News API newest first; fetches the page when the API has no body.

    scrapy crawl doj -s DOJ_BASE_URL=http://127.0.0.1:8765 [-a since=2012-06-01] \
        [-a until=2016-12-31] [-a max_pages=N] -O doj.jsonl
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import scrapy
from scrapy.http import Response

from spiders.items import DocumentItem
from spiders.parsing import ShapeError
from spiders.parsing.arguments import iso_date_argument
from spiders.parsing.doj import (
    MAX_PAGESIZE,
    check_release,
    in_window,
    listing_url,
    next_page,
    page_url,
    parse_listing,
    past_window,
    release_body,
    release_item,
)
from spiders.parsing.shape import load_json


class DojSpider(scrapy.Spider):
    name = "doj"

    def __init__(self, since: str | None = None, until: str | None = None,
                 max_pages: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # The live listing holds 145,000+ releases since 2009: `since`/`until` (ISO dates) and
        # `max_pages` bound a crawl; by default it reads everything.
        self.since = iso_date_argument("since", since)
        self.until = iso_date_argument("until", until)
        self.max_pages = int(max_pages) if max_pages else None
        self.seen: set[str] = set()

    @property
    def base_url(self) -> str:
        return self.settings.get("DOJ_BASE_URL")

    async def start(self):
        yield self._listing_request(0)

    def _listing_request(self, page: int) -> scrapy.Request:
        return scrapy.Request(
            listing_url(self.base_url, page, MAX_PAGESIZE),
            callback=self.parse_listing,
            cb_kwargs={"page": page},
        )

    def parse_listing(self, response: Response, page: int) -> Iterator[Any]:
        try:
            listing = parse_listing(load_json(response.body))
        except ShapeError as error:
            self._count_bad("listing", response.url, error)
            return
        for index, record in enumerate(listing.results):
            if not in_window(record, self.since, self.until):
                self.crawler.stats.inc_value("doj/outside_window")
                continue
            yield from self._release(response, record, f"{response.url} results[{index}]")
        following = next_page(listing, page, MAX_PAGESIZE)
        if past_window(listing, self.since):
            following = None
        if following is not None and (self.max_pages is None or following < self.max_pages):
            yield self._listing_request(following)

    def _release(self, response: Response, record: Any, where: str) -> Iterator[Any]:
        try:
            uuid, url, _ = check_release(record)
        except ShapeError as error:
            self._count_bad("record", where, error)
            return
        if uuid in self.seen:  # pages shift while the listing is read; one item per release
            self.crawler.stats.inc_value("doj/duplicates_skipped")
            return
        self.seen.add(uuid)
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
        try:
            yield release_item(record, html_text=response.text, fetch_url=response.url,
                               fetched_at=datetime.now(UTC))
        except (ShapeError, AttributeError) as error:  # AttributeError: a non-text response
            self._count_bad("page", response.url, error)

    def page_failed(self, failure: Any) -> None:
        self.crawler.stats.inc_value("doj/pages_missing")
        self.logger.warning("no page for a release without API body: %s (%s)",
                            failure.request.url, failure.getErrorMessage())

    def _count_bad(self, kind: str, where: str, error: Exception) -> None:
        self.crawler.stats.inc_value(f"doj/bad_{kind}")
        self.logger.error("doj: unusable %s at %s: %s", kind, where, error)
