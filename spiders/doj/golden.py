"""The DOJ's golden cases: recorded News API listing pages (both payload shapes) and a release
page, with the items the parsers make of them (golden/<case>.expected.json)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

from parsel import Selector

from spiders.doj.parsing import page_url, parse_listing, release_body, release_item
from spiders.golden import GOLDEN_FETCHED_AT, GoldenCase, plain, read_expected
from spiders.registry import source

GOLDEN_DIR = Path(__file__).resolve().with_name("golden")
LISTING_FETCH_URL = ("https://www.justice.gov/api/v1/press_releases.json"
                     "?page=0&pagesize=50&sort=date&direction=DESC")


def listing_case(path: Path) -> GoldenCase:
    """A listing page: its count and page, and the items of the releases whose API has a body
    (the others the spider fetches from their page)."""
    page = parse_listing(json.loads(path.read_text(encoding="utf-8")))
    items = [release_item(record, html_text=release_body(record), fetch_url=LISTING_FETCH_URL,
                          fetched_at=GOLDEN_FETCHED_AT)
             for record in page.results if release_body(record).strip()]
    actual = {"count": page.count, "page": page.page, "results": len(page.results),
              "items": [plain(item) for item in items]}
    return GoldenCase(path.name, actual, read_expected(GOLDEN_DIR, path))


def page_case(path: Path) -> GoldenCase:
    """A release without API body: the item made of its record and its justice.gov page."""
    record = json.loads(path.with_name(path.name.replace(".page.html", ".record.json"))
                        .read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    canonical = Selector(text=text).css('link[rel="canonical"]::attr(href)').get()
    item = release_item(record, html_text=text,
                        fetch_url=page_url(source("doj").live_base_url, record["url"]),
                        fetched_at=GOLDEN_FETCHED_AT,
                        seen_urls=[urljoin(record["url"], canonical.strip())] if canonical else [])
    return GoldenCase(path.name, plain(item), read_expected(GOLDEN_DIR, path))


def golden_cases() -> list[GoldenCase]:
    return ([listing_case(path) for path in sorted(GOLDEN_DIR.glob("*.listing.json"))]
            + [page_case(path) for path in sorted(GOLDEN_DIR.glob("*.page.html"))])
