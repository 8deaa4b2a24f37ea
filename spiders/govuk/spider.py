"""Spider `govuk`: pages through GOV.UK searches (one per year, newest first), then fetches
each listed item once from the Content API.

    scrapy crawl govuk -s GOVUK_BASE_URL=http://127.0.0.1:8765 \
        -a since=2012-06-01 -a until=2016-12-31 [-a watermark=2025-01-06] \
        [-a organisations=home-office,national-crime-agency] [-a types=press_release] \
        -O govuk.jsonl

`watermark` (the last complete crawl's): search from a week before it, not from `since`.
`organisations`: organisation slugs, comma-separated (default: Home Office, National Crime Agency,
Ministry of Justice, FCDO and its predecessor the FCO); `types`: content store document types
(default press_release,news_story). The setting GOVUK_SEARCH_COUNT (default 100) is the number
of results asked for per search page.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import scrapy
from scrapy.http import Response

from spiders.base import AllianceSpider
from spiders.govuk.parsing import (
    SearchEntry,
    all_before,
    content_url,
    crawl_window,
    document_item,
    in_window,
    listing_name,
    next_start,
    organisations_argument,
    parse_search,
    search_count,
    search_url,
    types_argument,
    yearly_windows,
)
from spiders.parsing import ShapeError
from spiders.parsing.arguments import iso_date_argument
from spiders.parsing.incremental import search_start

Window = tuple[date, date]


class GovukSpider(AllianceSpider):
    name = "govuk"

    def __init__(self, since: str | None = None, until: str | None = None,
                 watermark: str | None = None, organisations: str | None = None,
                 types: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        start, end = crawl_window(since, until, date.today())
        self.watermark = iso_date_argument("watermark", watermark)
        self.window = (search_start(start, self.watermark), end)
        self.organisations = organisations_argument(organisations)
        self.types = types_argument(types)
        self.count_per_page = search_count(None)

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> GovukSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.count_per_page = search_count(crawler.settings.get("GOVUK_SEARCH_COUNT"))
        return spider

    @property
    def base_url(self) -> str:
        return self.settings.get("GOVUK_BASE_URL")

    async def start(self):
        for window in yearly_windows(*self.window):
            yield self._search_request(window, 0, None)

    def _search_request(self, window: Window, start: int,
                        known_total: int | None) -> scrapy.Request:
        return scrapy.Request(
            search_url(self.base_url, window, start, self.count_per_page,
                       self.organisations, self.types),
            callback=self.parse_search,
            cb_kwargs={"window": window, "start": start, "known_total": known_total},
        )

    def parse_search(self, response: Response, window: Window, start: int,
                     known_total: int | None) -> Iterator[scrapy.Request]:
        try:
            page = parse_search(self.read_json(response))
        except ShapeError as error:
            again = self.unusable(response, error, "search")
            if again is not None:
                yield again
            elif known_total is not None and start + self.count_per_page < known_total:
                # Given up on this page: read on past it, as an earlier page said there is more.
                yield self._search_request(window, start + self.count_per_page, known_total)
            return
        listing = listing_name(window)
        if self.ledger.page_seen_before(listing, [entry.content_id for entry in page.entries]):
            self.count("loop", "search page at start=%s (%s) repeats an earlier page; stopping",
                       start, response.url)
            return
        for entry in page.entries:
            if entry.document_type not in self.types:
                # The search is asked to filter by type; this holds even if it does not.
                self.crawler.stats.inc_value("govuk/other_type_skipped")
                continue
            if not in_window(entry, window):
                self.crawler.stats.inc_value("govuk/outside_window")
                continue
            if self.ledger.announce(entry.content_id, entry.day, listing) is not None:
                self.crawler.stats.inc_value("govuk/duplicates_skipped")
                self.count("duplicate", "%s listed again at %s", entry.content_id, response.url,
                           level=logging.INFO)
                continue
            yield scrapy.Request(
                content_url(self.base_url, entry.link),
                callback=self.parse_document,
                errback=self.document_failed,
                cb_kwargs={"entry": entry},
            )
        # The search is ordered newest first, so a page wholly older than the window's start
        # means every later page is older still: stop there. The date filter sent with the
        # search should make this never happen; it holds even if a server drops the filter
        # (it is documented, not guaranteed) and so never reads the whole archive back to 2012.
        if all_before(page, window[0]):
            self.crawler.stats.inc_value("govuk/stopped_before_window")
            return
        following = next_start(page, start, self.count_per_page)
        if following is not None:
            yield self._search_request(window, following, page.total)

    def parse_document(self, response: Response, entry: SearchEntry) -> Iterator[Any]:
        try:
            yield document_item(self.read_json(response), fetch_url=response.url,
                                fetched_at=datetime.now(UTC), listed=entry)
        except ShapeError as error:
            again = self.unusable(response, error, "document")
            if again is not None:
                yield again
