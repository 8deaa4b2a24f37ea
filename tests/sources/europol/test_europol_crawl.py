"""End to end: a real `scrapy crawl europol` over HTTP against a server answering the Europol
replica's routes (a ThreadingHTTPServer in conftest.py calling `replica().answer`)."""

from __future__ import annotations

import html
import json
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

from raw_archive.warc import read_archived
from replica.faults import FaultSet, RateLimited, ServerError, document, nth_listing_page
from replica.reply import Reply, Request, json_reply
from replica.server import ReplicaServer
from spiders.europol.archived import archived_html, archived_payload
from spiders.europol.parsing import NEWSROOM_PATH
from spiders.europol.replica import NODES_PER_PAGE, replica
from spiders.ledger import publication_week

ARTICLES = replica().articles
SINCE, UNTIL = date(2012, 6, 1), date(2016, 12, 31)
IN_WINDOW = [a for a in ARTICLES if SINCE <= a.day <= UNTIL]
BY_ID = {str(a.id): a for a in ARTICLES}
WINDOW = ("-a", f"since={SINCE}", "-a", f"until={UNTIL}")


def listing_pages(requests: list[Request]) -> list[int]:
    return [int(r.param("search", "page=1").removeprefix("page=")) for r in requests
            if r.path == "/cms/api/node" and r.param("url") == NEWSROOM_PATH]


def article_requests(requests: list[Request]) -> list[str]:
    return [r.param("url") for r in requests
            if r.path == "/cms/api/node" and r.param("url") != NEWSROOM_PATH]


def page_of(article) -> int:
    return ARTICLES.index(article) // NODES_PER_PAGE + 1


def test_a_window_crawl_delivers_every_article_of_the_window_once_with_its_fields(
        tmp_path, europol_server, run_europol):
    assert len(IN_WINDOW) >= 15 and len(IN_WINDOW) < len(ARTICLES)
    with europol_server() as server:
        items, record = run_europol(tmp_path, server.base_url, *WINDOW)
        requests = server.requests
    ids = [item["source_id"] for item in items]
    assert sorted(ids) == sorted(str(a.id) for a in IN_WINDOW), "missing, extra or repeated"
    for item in items:
        article = BY_ID[item["source_id"]]
        assert item["source"] == "europol"
        assert item["url"] == f"https://www.europol.europa.eu{article.alias}"
        assert item["title"] == " ".join(html.unescape(article.title).split())
        assert item["published"] == article.day.isoformat()
        assert (item["language"], item["languages"]) == ("en", ["en"])
        assert item["html"] == (article.body or article.introduction)
        fetched = urlsplit(item["fetch_url"])
        assert f"{fetched.scheme}://{fetched.netloc}" == server.base_url
        assert parse_qs(fetched.query) == {"url": [article.alias]}
        assert "body" not in item["api"] and item["api"]["id"] == article.id
        assert item["url"] in item["aliases"] and item["aliases"] == sorted(item["aliases"])
        if article.introduction and article.body:
            assert item["subtitle"] and item["subtitle"] in html.unescape(article.introduction)
        else:
            assert item["subtitle"] is None
    # The ledger announced exactly what arrived; the old node in Windows-1252 was counted.
    assert sum(record["listed_by_week"].values()) == len(items) == record["items"]
    assert record["listed_by_week"] == _weeks(a.day for a in IN_WINDOW)
    assert record["errors_by_kind"] == {"encoding_guessed": 1}
    assert record["watermark_after"] == max(a.day for a in IN_WINDOW).isoformat()
    # Paged until a page reached below `since`, and nothing outside the window was fetched.
    oldest_page = page_of(min(IN_WINDOW, key=lambda a: a.day))
    assert listing_pages(requests) == list(range(1, oldest_page + 1))
    assert sorted(article_requests(requests)) == sorted(a.alias for a in IN_WINDOW)


def test_a_watermark_lists_from_a_week_before_it_and_reads_no_further_page(
        tmp_path, europol_server, run_europol):
    watermark = date(2016, 6, 8)
    with europol_server() as server:
        items, record = run_europol(tmp_path, server.base_url, *WINDOW,
                                    "-a", f"watermark={watermark}")
        requests = server.requests
    start = watermark - timedelta(days=7)
    expected = [a for a in IN_WINDOW if a.day >= start]
    assert expected and len(expected) < NODES_PER_PAGE
    assert sorted(item["source_id"] for item in items) == sorted(str(a.id) for a in expected)
    assert listing_pages(requests) == [1]
    assert record["watermark_before"] == str(watermark)
    assert record["watermark_after"] == max(a.day for a in expected).isoformat()


def test_without_a_window_the_whole_listing_is_read_to_its_repeated_last_page(
        tmp_path, europol_server, run_europol):
    with europol_server() as server:
        items, record = run_europol(tmp_path, server.base_url)
        requests = server.requests
    assert sorted(item["source_id"] for item in items) == sorted(BY_ID)
    last = page_of(ARTICLES[-1])
    # The page after the last answers the last again: the end, not an error.
    assert listing_pages(requests) == list(range(1, last + 2))
    assert record["errors_by_kind"] == {"encoding_guessed": 1}


def test_max_pages_bounds_the_listing(tmp_path, europol_server, run_europol):
    with europol_server() as server:
        items, _ = run_europol(tmp_path, server.base_url, "-a", "max_pages=2")
        requests = server.requests
    assert listing_pages(requests) == [1, 2]
    assert sorted(item["source_id"] for item in items) == sorted(
        str(a.id) for a in ARTICLES[:2 * NODES_PER_PAGE])


def test_bad_bodies_are_counted_retried_and_left_out_never_silently(
        tmp_path, europol_server, run_europol):
    never_json, no_title = IN_WINDOW[8], IN_WINDOW[1]
    assert page_of(never_json) == 2 and page_of(no_title) == 1
    broken_once: list[int] = []

    def busy_listing_page_2(request: Request) -> Reply | None:
        page_2 = request.param("url") == NEWSROOM_PATH and request.param("search") == "page=2"
        if page_2 and not broken_once:
            broken_once.append(request.number)
            return Reply(200, b"<html><body>Service busy</body></html>", "text/html")
        return None

    def article_never_json(request: Request) -> Reply | None:
        if request.param("url") == never_json.alias:
            return Reply(200, b"<!doctype html><p>Maintenance</p>", "text/html; charset=utf-8")
        return None

    def article_without_title(request: Request) -> Reply | None:
        if request.param("url") == no_title.alias:
            return json_reply({"id": no_title.id, "alias": no_title.alias,
                               "published": int(no_title.published.timestamp()),
                               "body": "<p>x</p>"})
        return None

    faults = [busy_listing_page_2, article_never_json, article_without_title]
    with europol_server(faults) as server:
        items, record = run_europol(tmp_path, server.base_url, *WINDOW)
        requests = server.requests
    delivered = {item["source_id"] for item in items}
    assert delivered == {str(a.id) for a in IN_WINDOW} - {str(never_json.id), str(no_title.id)}
    # The busy listing page was asked again and read; the broken article three times in all.
    assert broken_once and listing_pages(requests).count(2) == 2
    assert article_requests(requests).count(never_json.alias) == 3
    assert article_requests(requests).count(no_title.alias) == 1
    assert record["errors_by_kind"] == {"bad_json": 1 + 3, "gave_up": 1, "bad_record": 1,
                                        "encoding_guessed": 1}
    # Both were announced, so the crawl's record shows it delivered less than it listed.
    assert sum(record["listed_by_week"].values()) == len(items) + 2


def test_a_listing_page_of_an_unknown_shape_is_counted_and_the_next_page_read(
        tmp_path, europol_server, run_europol):
    def page_2_of_unknown_shape(request: Request) -> Reply | None:
        if request.param("url") == NEWSROOM_PATH and request.param("search") == "page=2":
            return json_reply({"id": 17, "title": "Newsroom", "listing": {"data": {}}})
        return None

    with europol_server([page_2_of_unknown_shape]) as server:
        items, record = run_europol(tmp_path, server.base_url, *WINDOW)
        requests = server.requests
    on_page_2 = {str(a.id) for a in IN_WINDOW if page_of(a) == 2}
    assert on_page_2
    assert {item["source_id"] for item in items} == {str(a.id) for a in IN_WINDOW} - on_page_2
    assert record["errors_by_kind"]["bad_record"] == 1
    assert listing_pages(requests)[:3] == [1, 2, 3]


def _weeks(days) -> dict[str, int]:
    weeks: dict[str, int] = {}
    for day in days:
        week = publication_week(day.isoformat())
        weeks[week] = weeks.get(week, 0) + 1
    return dict(sorted(weeks.items()))


def test_every_article_html_is_rebuilt_from_the_raw_archive_as_the_spider_built_it(
        tmp_path, europol_server, run_europol):
    archive_dir = tmp_path / "warc"
    with europol_server() as server:
        items, _ = run_europol(tmp_path, server.base_url, *WINDOW,
                               "-s", f"ALLIANCE_WARC_DIR={archive_dir}")
    (index,) = archive_dir.glob("europol-*.index.jsonl")
    entries = {line["url"]: line for line in map(json.loads, index.read_text().splitlines())}
    listings = [url for url in entries if "newsroom&" in url or url.endswith("newsroom")]
    assert listings, "the listing pages are archived too"
    for item in items:
        entry = entries[item["fetch_url"]]
        response = read_archived(archive_dir / entry["warc_file"], entry["offset"])
        content_type = {k.lower(): v for k, v in response.headers}.get("content-type")
        payload = archived_payload(response.url, response.body, content_type)
        assert archived_html(payload, item["source_id"], item["fetch_url"]) == item["html"]
        assert archived_html(payload, "1", item["fetch_url"]) is None
    for url in listings:
        response = read_archived(archive_dir / entries[url]["warc_file"], entries[url]["offset"])
        payload = archived_payload(url, response.body, "application/json")
        assert all(archived_html(payload, item["source_id"], url) is None for item in items)


def test_the_shared_faults_find_its_listing_and_documents_and_the_crawl_recovers(
        tmp_path, run_europol):
    """The replica's own faults (replica/faults.py) reach Europol's pages through its fault hooks:
    a 429 on the first listing page and a 500 on the first article are retried, nothing lost."""
    limited = RateLimited(where=nth_listing_page(0), retry_after=0)
    failing = ServerError(where=document)
    with ReplicaServer(faults=FaultSet([limited, failing])) as server:
        items, record = run_europol(tmp_path, server.source_url("europol"), *WINDOW)
    assert [r.param("url") for r in limited.hits] == [NEWSROOM_PATH]
    assert len(failing.hits) == 1 and failing.hits[0].param("url") in {a.alias for a in IN_WINDOW}
    assert sorted(item["source_id"] for item in items) == sorted(str(a.id) for a in IN_WINDOW)
    assert record["items"] == len(IN_WINDOW)
