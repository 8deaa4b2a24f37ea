"""Spider `eu`: searches the Press Corner year by year, then fetches each document once.

    scrapy crawl eu -s PRESSCORNER_BASE_URL=http://127.0.0.1:8765/commission/presscorner \
        -a since=2012-06-01 -a until=2016-12-31 [-a text=...] -O eu.jsonl
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import scrapy
from scrapy.http import Response

from spiders.items import DocumentItem
from spiders.parsing import ShapeError
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
from spiders.parsing.shape import load_json


class EuSpider(scrapy.Spider):
    name = "eu"

    def __init__(self, since: str | None = None, until: str | None = None, text: str = "",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.window = crawl_window(since, until, date.today())
        self.text = text
        self.seen: set[str] = set()

    @property
    def base_url(self) -> str:
        return self.settings.get("PRESSCORNER_BASE_URL")

    async def start(self):
        for window in yearly_windows(*self.window):
            yield self._search_request(window, 1)

    def _search_request(self, window: tuple[date, date], page_number: int) -> scrapy.Request:
        return scrapy.Request(
            search_url(self.base_url, window, page_number, SEARCH_PAGESIZE, self.text),
            callback=self.parse_search,
            cb_kwargs={"window": window, "page_number": page_number},
        )

    def parse_search(self, response: Response, window: tuple[date, date],
                     page_number: int) -> Iterator[scrapy.Request]:
        try:
            page = parse_search(load_json(response.body))
        except ShapeError as error:
            self._count_bad("search", response.url, error)
            return
        for entry in page.entries:
            if entry.reference in self.seen:
                self.crawler.stats.inc_value("eu/duplicates_skipped")
                continue
            self.seen.add(entry.reference)
            yield scrapy.Request(
                document_url(self.base_url, entry.reference),
                callback=self.parse_document,
                errback=self.document_failed,
                cb_kwargs={"entry": entry},
            )
        following = next_search_page(page, page_number, SEARCH_PAGESIZE)
        if following is not None:
            yield self._search_request(window, following)

    def parse_document(self, response: Response, entry: SearchEntry) -> Iterator[DocumentItem]:
        try:
            yield document_item(load_json(response.body), requested_reference=entry.reference,
                                fetch_url=response.url, fetched_at=datetime.now(UTC),
                                listed=entry)
        except ShapeError as error:
            self._count_bad("document", response.url, error)

    def document_failed(self, failure: Any) -> None:
        self.crawler.stats.inc_value("eu/documents_missing")
        self.logger.warning("no document at %s (%s)", failure.request.url,
                            failure.getErrorMessage())

    def _count_bad(self, kind: str, where: str, error: Exception) -> None:
        self.crawler.stats.inc_value(f"eu/bad_{kind}")
        self.logger.error("eu: unusable %s at %s: %s", kind, where, error)
