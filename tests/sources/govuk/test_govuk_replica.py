"""GOV.UK's replica source: its routes, filters, paging, errors and snapshot checks."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from replica.faulting import document, listing_page_index, source_hooks
from replica.reply import Request
from replica.snapshot import SnapshotError
from spiders.govuk.parsing import (
    DOCUMENT_TYPES,
    ORGANISATIONS,
    document_item,
    parse_search,
    search_url,
)
from spiders.govuk.replica import replica

SOURCE = replica()
WINDOW = (date(2012, 6, 1), date(2016, 12, 31))


def get(target: str) -> tuple[int, bytes]:
    parts = urlsplit(target)
    reply = SOURCE.answer(Request("GET", parts.path, parse_qs(parts.query), {}, 1))
    assert reply is not None, target
    return reply.status, reply.body


def search(**query) -> dict:
    status, body = get(f"/api/search.json?{'&'.join(f'{k}={v}' for k, v in query.items())}")
    assert status == 200, body
    return json.loads(body)


def test_it_answers_only_its_own_paths():
    assert SOURCE.name == "govuk"
    assert not any(path.startswith("/api") for path in SOURCE.robots_disallow)
    for path in ("/api/v1/press_releases.json", "/commission/presscorner/api/search", "/"):
        assert SOURCE.answer(Request("GET", path, {}, {}, 1)) is None


def test_the_faults_find_its_search_pages_and_documents():
    def request(path: str, **query: str) -> Request:
        return Request("GET", path, {k: [v] for k, v in query.items()}, {}, 1)

    assert listing_page_index(request("/api/search.json", start="6", count="3")) == 2
    assert listing_page_index(request("/api/search.json")) == 0
    assert listing_page_index(request("/api/search.json", start="x")) is None
    assert document(request("/api/content/government/news/x"))
    assert not document(request("/api/search.json"))
    assert "start" in {name for names in source_hooks("PAGE_PARAMETERS") for name in names}
    page = search(count=2)
    total = page["total"]
    for announce_more in source_hooks("announce_more"):
        announce_more(page, 5)
    assert page["total"] == total + 5


def test_an_unknown_content_path_is_an_empty_404():
    assert get("/api/content/government/news/no-such-item") == (404, b"")


def test_the_search_lists_english_news_of_the_asked_organisations_and_types_newest_first():
    status, body = get(search_url("", WINDOW, 0, 100, ORGANISATIONS, DOCUMENT_TYPES))
    page = parse_search(json.loads(body))
    assert status == 200 and page.total == len(page.entries) == 20
    days = [entry.day for entry in page.entries]
    assert days == sorted(days, reverse=True)
    assert not any(entry.link.endswith(".cy") for entry in page.entries)
    everything = search(count=100)["results"]
    assert {r["content_store_document_type"] for r in everything} >= {"speech", "press_release"}
    assert "department-for-education" in {o["slug"] for r in everything for o in r["organisations"]}


def test_filters_count_start_and_fields():
    only = search(filter_organisations="national-crime-agency",
                  filter_content_store_document_type="press_release", fields="link,title")
    assert only["total"] == 1 and set(only["results"][0]) >= {"link", "title", "_id", "index"}
    assert "content_id" not in only["results"][0]
    dated = search(filter_public_timestamp="from:2014-12-11,to:2014-12-11", order="-public_timestamp")
    assert dated["total"] == 2
    paged = search(order="public_timestamp", count=2, start=3)
    assert paged["start"] == 3 and len(paged["results"]) == 2
    assert search(start=500)["results"] == []
    assert search(**{"filter_organisations[]": "ministry-of-justice"})["total"] == 3


@pytest.mark.parametrize("query", ["colour=red", "count=ten", "order=title",
                                   "fields=body", "filter_public_timestamp=since:2014-01-01",
                                   "order=-public_timestamp&order=public_timestamp"])
def test_a_bad_search_is_a_422(query):
    status, body = get(f"/api/search.json?{query}")
    assert status == 422 and json.loads(body)["error"]


def test_a_content_item_and_its_welsh_translation():
    english = next(item for item in SOURCE.items if item.translations)
    status, body = get(f"/api/content{english.base_path}")
    assert status == 200
    item = document_item(json.loads(body), fetch_url="x", fetched_at=datetime(2026, 1, 1, tzinfo=UTC))
    assert item.language == "en" and item.languages == ["cy", "en"]
    status, body = get(f"/api/content{english.base_path}.cy")
    welsh = json.loads(body)
    assert status == 200 and welsh["locale"] == "cy" and welsh["content_id"] == english.content_id
    assert welsh["details"]["body"] == english.translations[0].body


def test_days_are_the_publication_days():
    days = SOURCE.days()
    assert days[0] == date(2012, 7, 18) and days[-1] == date(2016, 10, 19)
    assert date(2014, 12, 10) in days and days == sorted(set(days))


def test_a_bad_snapshot_names_its_record(tmp_path):
    (tmp_path / "news.yaml").write_text(
        "- content_id: not-a-uuid\n  base_path: /x\n", encoding="utf-8")
    with pytest.raises(SnapshotError, match="record 0"):
        replica(tmp_path)
    (tmp_path / "news.yaml").write_text("{}", encoding="utf-8")
    with pytest.raises(SnapshotError, match="list"):
        replica(tmp_path)
