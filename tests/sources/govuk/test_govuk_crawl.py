"""End to end: real `scrapy crawl govuk` subprocesses against the shared replica over HTTP."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from govuk_crawling import Misbehaving, stat

from replica.reply import Reply, Request
from replica.server import ReplicaServer
from spiders.govuk.parsing import CONTENT_PREFIX, DOCUMENT_TYPES, ORGANISATIONS, SEARCH_PATH
from spiders.govuk.replica import replica

SNAPSHOT = replica().items
IN_SCOPE = [item for item in SNAPSHOT
            if item.document_type in DOCUMENT_TYPES and set(item.organisations) & set(ORGANISATIONS)]
WHOLE_WINDOW = ("-a", "since=2012-06-01", "-a", "until=2016-12-31")


def search_starts(requests: list[Request]) -> dict[str, list[int]]:
    """The `start` of each search page asked for, by the search's date filter (its year)."""
    starts: dict[str, list[int]] = {}
    for r in requests:
        if r.path == SEARCH_PATH:
            starts.setdefault(r.param("filter_public_timestamp"), []).append(int(r.param("start")))
    return starts


def content_paths(requests: list[Request]) -> list[str]:
    return [r.path[len(CONTENT_PREFIX):] for r in requests if r.path.startswith(CONTENT_PREFIX)]


def test_every_document_arrives_once_with_its_fields_over_several_pages(crawl_govuk):
    assert len(IN_SCOPE) == 20 and len(SNAPSHOT) > len(IN_SCOPE)  # some are out of scope
    before = datetime.now(UTC).replace(microsecond=0)
    with ReplicaServer() as server:
        _, items, record = crawl_govuk(server, *WHOLE_WINDOW,
                                 "-s", "GOVUK_SEARCH_COUNT=3")
        requests = server.requests
    after = datetime.now(UTC)

    by_id = {item["source_id"]: item for item in items}
    assert len(by_id) == len(items) == len(IN_SCOPE), "a document is missing or arrived twice"
    for news in IN_SCOPE:
        item = by_id[news.content_id]
        assert item["source"] == "govuk"
        assert item["url"] == f"https://www.gov.uk{news.base_path}"
        assert item["fetch_url"] == f"{server.source_url('govuk')}{CONTENT_PREFIX}{news.base_path}"
        assert item["title"] == news.title and item["subtitle"] == news.description
        assert item["published"] == news.first_published_at[:10]
        assert item["html"] == news.body and item["language"] == "en"
        assert before <= datetime.fromisoformat(item["fetched_at"]) <= after
        assert "body" not in item["api"]["details"]
        assert [o["base_path"] for o in item["api"]["links"]["organisations"]] == [
            f"/government/organisations/{slug}" for slug in news.organisations]
        translated = [f"https://www.gov.uk{news.base_path}.{t.locale}" for t in news.translations]
        assert item["aliases"] == sorted([item["url"], *translated])
        assert item["languages"] == sorted({"en", *(t.locale for t in news.translations)})
        assert ("withdrawn_notice" in item["api"]) == (news.withdrawn is not None)
    assert any(news.translations for news in IN_SCOPE)
    assert any(news.withdrawn for news in IN_SCOPE)

    assert requests[0].path == "/robots.txt"
    # One search a year (its UTC filter from the day before), pages of three: 2012 and 2016
    # hold two items, 2013 and 2015 four, 2014 eight. Each item asked for once, in English.
    assert search_starts(requests) == {
        "from:2015-12-31,to:2016-12-31": [0],
        "from:2014-12-31,to:2015-12-31": [0, 3],
        "from:2013-12-31,to:2014-12-31": [0, 3, 6],
        "from:2012-12-31,to:2013-12-31": [0, 3],
        "from:2012-05-31,to:2012-12-31": [0],
    }
    assert sorted(content_paths(requests)) == sorted(news.base_path for news in IN_SCOPE)
    first = next(r for r in requests if r.path == SEARCH_PATH)
    assert sorted(first.query["filter_organisations"]) == sorted(ORGANISATIONS)
    assert sorted(first.query["filter_content_store_document_type"]) == sorted(DOCUMENT_TYPES)
    assert first.param("order") == "-public_timestamp" and first.param("count") == "3"

    assert sum(record["listed_by_week"].values()) == len(IN_SCOPE)
    assert record["errors_by_kind"] == {}
    assert record["watermark_after"] == max(news.public_updated_at[:10] for news in IN_SCOPE)


def test_scope_arguments_narrow_the_search(crawl_govuk):
    with ReplicaServer() as server:
        _, items, _ = crawl_govuk(server, *WHOLE_WINDOW,
                            "-a", "organisations=national-crime-agency", "-a", "types=news_story")
    expected = {news.content_id for news in IN_SCOPE
                if "national-crime-agency" in news.organisations
                and news.document_type == "news_story"}
    assert expected and {item["source_id"] for item in items} == expected


def test_paging_stops_at_the_first_page_older_than_the_window(crawl_govuk):
    """A server that ignores the date and type filters lists every type back to 2012: each
    newest-first listing is read only until a page is wholly older than its window, and the
    speech it lists is not fetched."""
    ignored = ("filter_public_timestamp", "filter_content_store_document_type")

    def without_date_and_type_filters(request: Request) -> Request:
        return dataclasses.replace(
            request, query={k: v for k, v in request.query.items() if k not in ignored})

    with ReplicaServer(faults=Misbehaving(rewrite=without_date_and_type_filters)) as server:
        result, items, record = crawl_govuk(server, "-a", "since=2015-01-01",
                                      "-a", "until=2016-12-31", "-s", "GOVUK_SEARCH_COUNT=3")
        requests = server.requests
    expected = {news.content_id for news in IN_SCOPE if news.first_published_at >= "2015"}
    assert len(expected) == 6
    assert {item["source_id"] for item in items} == expected
    # Both years' searches get everything, newest first (speech S, then days):
    # 2016's: S 2016-07 2016-03 | 2015 x3, wholly older: stop.
    # 2015's: S 2016-07 2016-03 | 2015 x3 | 2015-02 2014 2014 | 2014 x3, wholly older: stop.
    assert search_starts(requests) == {"from:2015-12-31,to:2016-12-31": [0, 3],
                                       "from:2014-12-31,to:2015-12-31": [0, 3, 6, 9]}
    assert stat(result.stderr, "govuk/stopped_before_window") == 2
    assert stat(result.stderr, "govuk/other_type_skipped") == 2
    assert stat(result.stderr, "govuk/outside_window") == 3 + 7
    assert not any("/government/speeches/" in path for path in content_paths(requests))
    assert sum(record["listed_by_week"].values()) == 6


def test_unusable_bodies_are_counted_and_retried(crawl_govuk):
    """One item's body is not JSON once (asked again, then delivered); another's is never JSON
    (given up after the retries); a third is JSON without a body (a bad record, not retried)."""
    glitch, broken, bodiless = (news.base_path for news in IN_SCOPE[:3])
    served: dict[str, int] = {}

    def tamper(request: Request, reply: Reply) -> Reply:
        path = request.path[len(CONTENT_PREFIX):]
        served[path] = served.get(path, 0) + 1
        if (path == glitch and served[path] == 1) or path == broken:
            return Reply(200, b"<html><body>Service unavailable</body></html>")
        if path == bodiless:
            return Reply(200, reply.body.replace(b'"body":', b'"bodies":'))
        return reply

    with ReplicaServer(faults=Misbehaving(tamper=tamper)) as server:
        result, items, record = crawl_govuk(server, *WHOLE_WINDOW)
        requests = server.requests
    delivered = {item["url"] for item in items}
    assert f"https://www.gov.uk{glitch}" in delivered
    assert {f"https://www.gov.uk{broken}", f"https://www.gov.uk{bodiless}"}.isdisjoint(delivered)
    assert len(items) == len(IN_SCOPE) - 2
    # glitch: 1 bad + 1 good; broken: the first try and two retries, all bad.
    assert content_paths(requests).count(glitch) == 2
    assert content_paths(requests).count(broken) == 3
    assert content_paths(requests).count(bodiless) == 1
    assert record["errors_by_kind"] == {"bad_json": 4, "bad_record": 1, "gave_up": 1}
    assert stat(result.stderr, "govuk/bad_document") == 5
    assert "details.body" in result.stderr
    # The listing still announced all twenty, so the record shows the crawl fell short.
    assert sum(record["listed_by_week"].values()) == len(IN_SCOPE)


def test_a_search_page_that_is_not_json_is_asked_for_again(crawl_govuk):
    year_2014 = "from:2013-12-31,to:2014-12-31"
    asked: list[tuple[str | None, int]] = []

    def tamper(request: Request, reply: Reply) -> Reply:
        if request.path != SEARCH_PATH:
            return reply
        page = (request.param("filter_public_timestamp"), int(request.param("start")))
        asked.append(page)
        return Reply(200, b"{not json") if asked.count((year_2014, 6)) == 1 and page == (
            year_2014, 6) else reply

    with ReplicaServer(faults=Misbehaving(tamper=tamper)) as server:
        _, items, record = crawl_govuk(server, *WHOLE_WINDOW,
                                 "-s", "GOVUK_SEARCH_COUNT=6")
    assert sorted(start for year, start in asked if year == year_2014) == [0, 6, 6]
    assert len(items) == len(IN_SCOPE)
    assert record["errors_by_kind"] == {"bad_json": 1}


def test_a_content_item_gone_from_the_content_api_is_counted_missing(crawl_govuk):
    gone = IN_SCOPE[0].base_path

    def tamper(request: Request, reply: Reply) -> Reply:
        if request.path == f"{CONTENT_PREFIX}{gone}":
            return replica().answer(dataclasses.replace(request, path=f"{CONTENT_PREFIX}/nowhere"))
        return reply

    with ReplicaServer(faults=Misbehaving(tamper=tamper)) as server:
        result, items, record = crawl_govuk(server, *WHOLE_WINDOW)
    assert len(items) == len(IN_SCOPE) - 1
    assert record["errors_by_kind"].get("http_404") == 1
    assert stat(result.stderr, "govuk/documents_missing") == 1


def test_the_watermark_moves_the_search_start_a_week_back(crawl_govuk):
    with ReplicaServer() as server:
        _, items, _ = crawl_govuk(server, *WHOLE_WINDOW, "-a", "watermark=2016-03-29")
        first = next(r for r in server.requests if r.path == SEARCH_PATH)
    assert first.param("filter_public_timestamp") == "from:2016-03-21,to:2016-12-31"
    assert {item["published"] for item in items} == {"2016-03-22", "2016-07-12"}
