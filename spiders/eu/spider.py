"""Spider `eu`: searches the Press Corner year by year, then fetches each document once.

    scrapy crawl eu -s PRESSCORNER_BASE_URL=http://127.0.0.1:8765/commission/presscorner \
        -a since=2012-06-01 -a until=2016-12-31 [-a watermark=2025-01-06] \
        [-a "queries=child sexual abuse;Global Alliance;WePROTECT"] [-a types=IP,MEMO] \
        -O eu.jsonl

`watermark` (the last successful crawl's): search from a week before it, not from `since`.
`queries`: text queries separated by ";", each searched on its own in every yearly window
(`text` is one more query); without any, every document of the window is listed.
`types`: document type codes separated by "," (IP, MEMO, SPEECH, STATEMENT, QANDA), sent as
`documentTypeCodes`; without it, every type.
A document found by several queries is fetched once. The setting PRESSCORNER_SEARCH_PAGESIZE
(default 100) is the number of results asked for per search page.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import scrapy
from scrapy.http import Response

from spiders.base import AllianceSpider
from spiders.eu.parsing import (
    SEARCH_PAGESIZE,
    SearchEntry,
    crawl_window,
    document_item,
    document_types,
    document_url,
    listing_name,
    next_search_page,
    of_wanted_type,
    parse_search,
    search_page_size,
    search_queries,
    search_url,
    yearly_windows,
)
from spiders.parsing import ShapeError
from spiders.parsing.arguments import iso_date_argument
from spiders.parsing.incremental import search_start

Window = tuple[date, date]


class EuSpider(AllianceSpider):
    name = "eu"

    def __init__(self, since: str | None = None, until: str | None = None, text: str = "",
                 watermark: str | None = None, queries: str | None = None,
                 types: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        start, end = crawl_window(since, until, date.today())
        self.watermark = iso_date_argument("watermark", watermark)
        self.window = (search_start(start, self.watermark), end)
        self.queries = search_queries(text, queries)
        self.types = document_types(types)
        self._query_of_listing: dict[str, str] = {}
        self.page_size = SEARCH_PAGESIZE

    @property
    def base_url(self) -> str:
        return self.settings.get("PRESSCORNER_BASE_URL")

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> EuSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.page_size = search_page_size(crawler.settings.get("PRESSCORNER_SEARCH_PAGESIZE"))
        return spider

    async def start(self):
        for window in yearly_windows(*self.window):
            for query in self.queries:
                self._query_of_listing[listing_name(window, query)] = query
                yield self._search_request(window, query, 1, None)

    def _search_request(self, window: Window, query: str, page_number: int,
                        known_total: int | None) -> scrapy.Request:
        return scrapy.Request(
            search_url(self.base_url, window, page_number, self.page_size, query, self.types),
            callback=self.parse_search,
            cb_kwargs={"window": window, "query": query, "page_number": page_number,
                       "known_total": known_total},
        )

    def parse_search(self, response: Response, window: Window, query: str, page_number: int,
                     known_total: int | None) -> Iterator[scrapy.Request]:
        try:
            page = parse_search(self.read_json(response))
        except ShapeError as error:
            again = self.unusable(response, error, "search")
            if again is not None:
                yield again
            elif known_total is not None and page_number * self.page_size < known_total:
                # Given up on this page: read on past it, as an earlier page said there is more.
                yield self._search_request(window, query, page_number + 1, known_total)
            return
        listing = listing_name(window, query)
        if self.ledger.page_seen_before(listing, [entry.reference for entry in page.entries]):
            self.count("loop", "search page %s at %s repeats an earlier page; stopping here",
                       page_number, response.url)
            return
        for entry in page.entries:
            if not of_wanted_type(entry, self.types):
                self.crawler.stats.inc_value("eu/other_type_skipped")
                continue
            first_listed_by = self.ledger.announce(entry.reference, entry.event_date, listing)
            if first_listed_by is not None:
                # Found by another query as well is what several queries are for; listed
                # again by the same query (pages shifting) is an anomaly.
                if self._query_of_listing.get(first_listed_by) == query:
                    self.crawler.stats.inc_value("eu/duplicates_skipped")
                    self.count("duplicate", "%s listed again at %s", entry.reference,
                               response.url, level=logging.INFO)
                else:
                    self.crawler.stats.inc_value("eu/found_by_several_queries")
                continue
            yield scrapy.Request(
                document_url(self.base_url, entry.reference),
                callback=self.parse_document,
                errback=self.document_failed,
                cb_kwargs={"entry": entry},
            )
        following = next_search_page(page, page_number, self.page_size)
        if following is not None:
            yield self._search_request(window, query, following, page.total)

    def parse_document(self, response: Response, entry: SearchEntry) -> Iterator[Any]:
        try:
            yield document_item(self.read_json(response), requested_reference=entry.reference,
                                fetch_url=response.url, fetched_at=datetime.now(UTC),
                                listed=entry)
        except ShapeError as error:
            again = self.unusable(response, error, "document")
            if again is not None:
                yield again
