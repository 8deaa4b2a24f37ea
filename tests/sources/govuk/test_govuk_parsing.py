"""GOV.UK parsers: every field read, and a ShapeError naming the field for every wrong shape."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from spiders.govuk.parsing import (
    DOCUMENT_TYPES,
    ORGANISATIONS,
    SearchEntry,
    SearchPage,
    all_before,
    canonical_scope,
    content_url,
    crawl_window,
    document_item,
    in_window,
    next_start,
    organisations,
    organisations_argument,
    parse_search,
    search_count,
    search_url,
    types_argument,
    without_body,
    yearly_windows,
)
from spiders.govuk.spider import GovukSpider
from spiders.parsing.shape import ShapeError
from spiders.registry import source

CONTENT_ID = "0f4b6c1e-9d2a-4c3b-8e5f-7a6b5c4d3e2f"
FETCHED_AT = datetime(2026, 12, 1, 8, 0, 5, tzinfo=UTC)


def content() -> dict[str, Any]:
    """A Content API news item, in the shape of publishing-api's news_article examples."""
    return {
        "base_path": "/government/news/hotline-reports-rise",
        "content_id": CONTENT_ID,
        "document_type": "press_release",
        "first_published_at": "2013-08-01T23:15:00.000+00:00",
        "public_updated_at": "2013-08-02T09:00:00.000+01:00",
        "locale": "en",
        "schema_name": "news_article",
        "title": "Hotline  reports\nrise",
        "description": " Reports to the hotline rose by a third. ",
        "links": {
            "organisations": [
                {"content_id": "6f1f7a49-7f2a-4a8b-9b1c-2d3e4f5a6b7c", "title": "Home Office",
                 "base_path": "/government/organisations/home-office",
                 "analytics_identifier": "D9", "locale": "en"},
            ],
            "available_translations": [
                {"locale": "en", "base_path": "/government/news/hotline-reports-rise"},
                {"locale": "cy", "base_path": "/government/news/hotline-reports-rise.cy"},
            ],
        },
        "details": {"body": "<div class=\"govspeak\"><p>Reports rose.</p></div>",
                    "political": False},
    }


def item_of(payload: Any, listed: SearchEntry | None = None):
    return document_item(payload, fetch_url="http://127.0.0.1:1/api/content/x",
                         fetched_at=FETCHED_AT, listed=listed)


def search_payload() -> dict[str, Any]:
    return {
        "results": [
            {"content_id": CONTENT_ID.upper(), "link": "/government/news/hotline-reports-rise",
             "title": "Hotline reports  rise", "public_timestamp": "2013-08-02T09:00:00Z",
             "content_store_document_type": "press_release", "index": "govuk",
             "es_score": None, "_id": "/government/news/hotline-reports-rise",
             "elasticsearch_type": "news_article", "document_type": "news_article"},
        ],
        "total": 41, "start": 20, "aggregates": {}, "suggested_queries": [],
        "suggested_autocomplete": [], "es_cluster": "A",
    }


# -- the content item ------------------------------------------------------------------------


def test_a_content_item_becomes_a_document_item():
    item = item_of(content())
    assert item.source == "govuk" and item.source_id == CONTENT_ID
    assert item.url == "https://www.gov.uk/government/news/hotline-reports-rise"
    assert item.title == "Hotline reports rise"
    assert item.subtitle == "Reports to the hotline rose by a third."
    # 23:15 UTC on 1 August is 00:15 on 2 August in London, the day the page shows.
    assert item.published == "2013-08-02"
    assert item.language == "en" and item.languages == ["cy", "en"]
    assert item.html == "<div class=\"govspeak\"><p>Reports rose.</p></div>"
    assert item.fetched_at == "2026-12-01T08:00:05Z"
    assert item.fetch_url == "http://127.0.0.1:1/api/content/x"
    assert item.aliases == ["https://www.gov.uk/government/news/hotline-reports-rise",
                            "https://www.gov.uk/government/news/hotline-reports-rise.cy"]
    assert "body" not in item.api["details"] and item.api["details"]["political"] is False
    assert item.api["links"]["organisations"][0]["title"] == "Home Office"
    assert item.api["title"] == "Hotline  reports\nrise"  # raw metadata, as received


def test_the_item_keeps_the_payload_whole():
    payload = content()
    item_of(payload)
    assert payload == content()  # the body is left out of a copy, not of the payload
    assert without_body(payload)["details"] == {"political": False}


def test_optional_parts_may_be_absent():
    payload = content()
    del payload["links"], payload["description"], payload["public_updated_at"]
    payload["locale"] = "CY"
    item = item_of(payload)
    assert item.subtitle is None and item.language == "cy" and item.languages == ["cy"]
    assert item.aliases == [item.url]
    assert organisations(payload) == []


def test_organisations_are_read_from_the_links():
    assert organisations(content()) == [{"title": "Home Office",
                                         "base_path": "/government/organisations/home-office",
                                         "analytics_identifier": "D9"}]


def test_the_listed_content_id_must_be_the_one_served():
    listed = SearchEntry(CONTENT_ID, "/government/news/hotline-reports-rise", "", "2013-08-02", "")
    assert item_of(content(), listed).source_id == CONTENT_ID
    other = SearchEntry("11111111-2222-3333-4444-555555555555", listed.link, "", listed.day, "")
    with pytest.raises(ShapeError) as raised:
        item_of(content(), other)
    assert raised.value.field == "content_id"


def _parent(payload: Any, path: str) -> tuple[Any, str | int]:
    """The container holding the last step of a dotted path ("links.organisations.0.title");
    a numeric step indexes a list."""
    *parents, last = path.split(".")
    for step in parents:
        payload = payload[int(step)] if step.isdigit() else payload[step]
    return payload, int(last) if last.isdigit() else last


def remove(path: str):
    def change(payload: dict[str, Any]) -> None:
        container, key = _parent(payload, path)
        del container[key]
    return change


def put(path: str, value: Any):
    def change(payload: dict[str, Any]) -> None:
        container, key = _parent(payload, path)
        container[key] = value
    return change


@pytest.mark.parametrize(("change", "field"), [
    (lambda payload: payload.clear(), "content_id"),
    (remove("content_id"), "content_id"),
    (put("content_id", "not-a-uuid"), "content_id"),
    (put("content_id", 7), "content_id"),
    (remove("base_path"), "base_path"),
    (put("base_path", "government/news/x"), "base_path"),
    (remove("title"), "title"),
    (put("title", "  "), "title"),
    (remove("locale"), "locale"),
    (put("locale", ["en"]), "locale"),
    (remove("first_published_at"), "first_published_at"),
    (put("first_published_at", "1 August 2013"), "first_published_at"),
    (put("public_updated_at", "yesterday"), "public_updated_at"),
    (put("description", {"text": "x"}), "description"),
    (put("document_type", 3), "document_type"),
    (remove("details"), "details"),
    (put("details", "<p>x</p>"), "details"),
    (remove("details.body"), "details.body"),
    (put("details.body", ""), "details.body"),
    (put("details.body", [{"content_type": "text/html", "content": "<p>x</p>"}]), "details.body"),
    (put("links", []), "links"),
    (put("links.organisations", {}), "links.organisations"),
    (put("links.organisations", ["Home Office"]), "links.organisations[0]"),
    (remove("links.organisations.0.title"), "links.organisations[0].title"),
    (put("links.organisations.0.base_path", None), "links.organisations[0].base_path"),
    (put("links.organisations.0.analytics_identifier", 9),
     "links.organisations[0].analytics_identifier"),
    (put("links.available_translations", "cy"), "links.available_translations"),
    (remove("links.available_translations.1.locale"), "links.available_translations[1].locale"),
    (put("links.available_translations.1.base_path", "x.cy"),
     "links.available_translations[1].base_path"),
])
def test_a_wrong_content_shape_names_its_field(change, field):
    payload = content()
    change(payload)
    with pytest.raises(ShapeError) as raised:
        item_of(payload)
    assert raised.value.field == field


def test_a_payload_that_is_not_an_object_is_refused():
    with pytest.raises(ShapeError) as raised:
        item_of([content()])
    assert raised.value.field == "(response)"


# -- the search page -------------------------------------------------------------------------


def test_a_search_page_is_read():
    page = parse_search(search_payload())
    assert page == SearchPage(total=41, start=20, entries=[SearchEntry(
        content_id=CONTENT_ID, link="/government/news/hotline-reports-rise",
        title="Hotline reports rise", day="2013-08-02", document_type="press_release")])


def test_an_empty_search_page_and_a_missing_start():
    payload = {"results": [], "total": "0"}
    assert parse_search(payload) == SearchPage(total=0, start=0, entries=[])


@pytest.mark.parametrize(("change", "field"), [
    (remove("total"), "total"),
    (put("total", -1), "total"),
    (put("total", "many"), "total"),
    (remove("results"), "results"),
    (put("results", {"0": {}}), "results"),
    (put("start", None), "start"),
    (put("results", ["/government/news/x"]), "results[0]"),
    (remove("results.0.content_id"), "results[0].content_id"),
    (put("results.0.content_id", "abc"), "results[0].content_id"),
    (remove("results.0.link"), "results[0].link"),
    (put("results.0.link", "https://www.gov.uk/government/news/x"), "results[0].link"),
    (put("results.0.link", "//example.org/x"), "results[0].link"),
    (remove("results.0.public_timestamp"), "results[0].public_timestamp"),
    (put("results.0.public_timestamp", "2013-13-01"), "results[0].public_timestamp"),
    (put("results.0.title", 12), "results[0].title"),
    (put("results.0.content_store_document_type", ["press_release"]),
     "results[0].content_store_document_type"),
])
def test_a_wrong_search_shape_names_its_field(change, field):
    payload = search_payload()
    change(payload)
    with pytest.raises(ShapeError) as raised:
        parse_search(payload)
    assert raised.value.field == field


def test_the_next_page_starts_after_the_requested_count():
    page = parse_search(search_payload())  # total 41, one entry
    assert next_start(page, 20, 10) == 30
    assert next_start(page, 40, 10) is None
    assert next_start(SearchPage(total=41, start=20, entries=[]), 20, 10) is None


def test_window_tests_use_london_days():
    entry = parse_search(search_payload()).entries[0]  # 2013-08-02
    assert in_window(entry, (date(2013, 8, 2), date(2013, 8, 2)))
    assert not in_window(entry, (date(2013, 8, 3), date(2013, 9, 1)))
    page = SearchPage(total=1, start=0, entries=[entry])
    assert all_before(page, date(2013, 8, 3)) and not all_before(page, date(2013, 8, 2))
    assert not all_before(SearchPage(total=0, start=0, entries=[]), date(2013, 8, 3))


# -- addresses and arguments -----------------------------------------------------------------


def test_the_search_url_names_the_scope_window_order_and_page():
    url = search_url("http://127.0.0.1:9/", (date(2014, 1, 1), date(2014, 12, 31)), 200, 100,
                     ORGANISATIONS, DOCUMENT_TYPES)
    parts = urlsplit(url)
    assert (parts.netloc, parts.path) == ("127.0.0.1:9", "/api/search.json")
    query = parse_qs(parts.query)
    assert query["filter_organisations"] == list(ORGANISATIONS)
    assert query["filter_content_store_document_type"] == ["press_release", "news_story"]
    # The filter's days are UTC days: it starts the day before, in_window keeps London's.
    assert query["filter_public_timestamp"] == ["from:2013-12-31,to:2014-12-31"]
    assert query["order"] == ["-public_timestamp"]
    assert query["fields"] == ["content_id,link,title,public_timestamp,content_store_document_type"]
    assert (query["count"], query["start"]) == (["100"], ["200"])


def test_the_content_url_of_a_link():
    assert content_url("https://www.gov.uk/", "/government/news/x.cy") == (
        "https://www.gov.uk/api/content/government/news/x.cy")
    with pytest.raises(ValueError):
        content_url("https://www.gov.uk", "government/news/x")


def test_scope_arguments():
    assert organisations_argument(None) == ORGANISATIONS
    assert "foreign-commonwealth-office" in ORGANISATIONS  # the FCDO's name until 2020
    assert organisations_argument(" Home-Office ,home-office,ministry-of-justice") == (
        "home-office", "ministry-of-justice")
    assert types_argument("") == DOCUMENT_TYPES
    assert types_argument("news_story") == ("news_story",)
    with pytest.raises(ValueError, match="types.*speech"):
        types_argument("news_story,speech")
    with pytest.raises(ValueError, match="organisations"):
        organisations_argument("home office")
    with pytest.raises(ValueError, match="organisations"):
        organisations_argument(",,")


def test_the_scope_is_spelled_one_way():
    assert canonical_scope({"organisations": " Ministry-of-Justice,home-office,home-office",
                            "types": "press_release, news_story"}) == {
        "organisations": "home-office,ministry-of-justice", "types": "news_story,press_release"}
    # An empty argument stands for the default: one scope, one watermark.
    assert canonical_scope({"organisations": "", "types": ""}) == canonical_scope(
        {"organisations": ",".join(reversed(ORGANISATIONS)), "types": ",".join(DOCUMENT_TYPES)})
    with pytest.raises(ValueError, match="types"):
        canonical_scope({"types": "speech"})


def test_the_registry_scope_defaults_are_the_spiders():
    defaults = source("govuk").scope
    assert organisations_argument(defaults["organisations"]) == ORGANISATIONS
    assert types_argument(defaults["types"]) == DOCUMENT_TYPES


def test_one_search_a_year_newest_first():
    assert yearly_windows(date(2012, 6, 1), date(2014, 3, 9)) == [
        (date(2014, 1, 1), date(2014, 3, 9)),
        (date(2013, 1, 1), date(2013, 12, 31)),
        (date(2012, 6, 1), date(2012, 12, 31)),
    ]
    assert yearly_windows(date(2015, 2, 1), date(2015, 2, 1)) == [(date(2015, 2, 1),) * 2]


def test_the_search_count_setting():
    assert search_count(None) == 100 and search_count("1500") == 1500
    for wrong in ("0", "1501", "ten"):
        with pytest.raises(ValueError, match="GOVUK_SEARCH_COUNT"):
            search_count(wrong)


def test_the_window_and_the_watermark():
    assert crawl_window(None, None, date(2026, 12, 3)) == (date(2012, 6, 1), date(2026, 12, 3))
    with pytest.raises(ValueError, match="after"):
        crawl_window("2015-01-02", "2015-01-01", date(2026, 12, 3))
    with pytest.raises(ValueError, match="since"):
        crawl_window("2015", None, date(2026, 12, 3))
    spider = GovukSpider(since="2012-06-01", until="2016-12-31", watermark="2016-03-29")
    assert spider.window == (date(2016, 3, 22), date(2016, 12, 31))
    assert spider.organisations == ORGANISATIONS and spider.types == DOCUMENT_TYPES
