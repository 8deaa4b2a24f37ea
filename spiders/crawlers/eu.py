"""Spider `eu`: searches the Press Corner year by year, then fetches each document once.

    scrapy crawl eu -s PRESSCORNER_BASE_URL=http://127.0.0.1:8765/commission/presscorner \
        -a since=2012-06-01 -a until=2016-12-31 [-a text=...] [-a watermark=2025-01-06] \
        -O eu.jsonl

`watermark` (the last successful crawl's): search from a week before it, not from `since`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import scrapy
from scrapy.http import Response

from spiders.crawlers.base import AllianceSpider
from spiders.parsing import ShapeError
from spiders.parsing.arguments import iso_date_argument
from spiders.parsing.incremental import search_start
from spiders.parsing.presscorner import (
    SEARCH_PAGESIZE,
    SearchEntry,
    crawl_window,
    document_item,
    document_url,
    next_search_page,
    parse_search,
    search_url,
    yearly_windows,
)


class EuSpider(AllianceSpider):
    name = "eu"

    def __init__(self, since: str | None = None, until: str | None = None, text: str = "",
                 watermark: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        start, end = crawl_window(since, until, date.today())
        self.watermark = iso_date_argument("watermark", watermark)
        self.window = (search_start(start, self.watermark), end)
        self.text = text

    @property
    def base_url(self) -> str:
        return self.settings.get("PRESSCORNER_BASE_URL")

    async def start(self):
        for window in yearly_windows(*self.window):
            yield self._search_request(window, 1, None)

    def _search_request(self, window: tuple[date, date], page_number: int,
                        known_total: int | None) -> scrapy.Request:
        return scrapy.Request(
            search_url(self.base_url, window, page_number, SEARCH_PAGESIZE, self.text),
            callback=self.parse_search,
            cb_kwargs={"window": window, "page_number": page_number, "known_total": known_total},
        )

    def parse_search(self, response: Response, window: tuple[date, date], page_number: int,
                     known_total: int | None) -> Iterator[scrapy.Request]:
        try:
            page = parse_search(self.read_json(response))
        except ShapeError as error:
            again = self.unusable(response, error, "search")
            if again is not None:
                yield again
            elif known_total is not None and page_number * SEARCH_PAGESIZE < known_total:
                # Given up on this page: read on past it, as an earlier page said there is more.
                yield self._search_request(window, page_number + 1, known_total)
            return
        listing = f"{window[0]}/{window[1]}"
        if self.ledger.page_seen_before(listing, [entry.reference for entry in page.entries]):
            self.count("loop", "search page %s at %s repeats an earlier page; stopping here",
                       page_number, response.url)
            return
        for entry in page.entries:
            if self.ledger.announce(entry.reference, entry.event_date, listing) is not None:
                self.crawler.stats.inc_value("eu/duplicates_skipped")
                self.count("duplicate", "%s listed again at %s", entry.reference, response.url,
                           level=logging.INFO)
                continue
            yield scrapy.Request(
                document_url(self.base_url, entry.reference),
                callback=self.parse_document,
                errback=self.document_failed,
                cb_kwargs={"entry": entry},
            )
        following = next_search_page(page, page_number, SEARCH_PAGESIZE)
        if following is not None:
            yield self._search_request(window, following, page.total)

    def parse_document(self, response: Response, entry: SearchEntry) -> Iterator[Any]:
        try:
            yield document_item(self.read_json(response), requested_reference=entry.reference,
                                fetch_url=response.url, fetched_at=datetime.now(UTC),
                                listed=entry)
        except ShapeError as error:
            again = self.unusable(response, error, "document")
            if again is not None:
                yield again

    def document_failed(self, failure: Any) -> None:
        self.crawler.stats.inc_value("eu/documents_missing")
        self.logger.warning("no document at %s (%s)", failure.request.url,
                            failure.getErrorMessage())

