"""The `eu` spider's `queries` and `types`: real `scrapy crawl eu` subprocesses against the
replica, with what each crawl must find worked out from the replica's own catalogue."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from replica import ReplicaServer
from replica.reply import Request
from replica.server import route
from spiders.eu.parsing import (
    DOCUMENT_TYPES,
    EVERYTHING,
    document_types,
    search_page_size,
    search_queries,
    search_url,
)
from spiders.eu.spider import EuSpider

QUERIES = ("child sexual abuse", "Global Alliance", "WePROTECT")
SMALL_PAGES = ("-s", "PRESSCORNER_SEARCH_PAGESIZE=3")  # so that a query's results span pages


def matching(documents, queries=(), types=()):
    """What the catalogue holds for these queries and types, read the way the Press Corner
    search is described: a query matches title, lead or body, ignoring case."""
    def found(document) -> bool:
        text = f"{document.title}\n{document.lead}\n{document.html}".lower()
        return not queries or any(query.lower() in text for query in queries)
    return {d.reference for d in documents if found(d) and (not types or d.doc_type in types)}


def searches(requests):
    return [r for r in requests if r.path.endswith("/api/search")]


def fetched_references(requests):
    return [r.param("reference") for r in requests if r.path.endswith("/api/documents")]


def each_once(items) -> set[str]:
    ids = [item["source_id"] for item in items]
    assert len(ids) == len(set(ids)), "a document arrived twice"
    return set(ids)


def pages_by_search(requests) -> dict[tuple, list[int]]:
    pages: dict[tuple, list[int]] = defaultdict(list)
    for r in searches(requests):
        pages[(r.param("datefrom"), r.param("dateto"), r.param("text"))].append(
            int(r.param("pagenumber")))
    return pages


def span(replica) -> tuple[str, ...]:
    days = [document.day for document in replica.catalogue["eu"].documents]
    return ("-a", f"since={min(days)}", "-a", f"until={max(days)}",
            "-s", f"PRESSCORNER_BASE_URL={replica.source_url('eu')}")


# --- arguments, read without a crawl -------------------------------------------------------

def test_queries_are_split_tidied_and_each_kept_once():
    assert search_queries(None, None) == (EVERYTHING,)
    assert search_queries("", "  ") == (EVERYTHING,)
    assert search_queries(None, " child  sexual abuse ;Global Alliance;;WePROTECT;") == (
        "child sexual abuse", "Global Alliance", "WePROTECT")
    assert search_queries("WePROTECT", "weprotect;Global Alliance") == (
        "WePROTECT", "Global Alliance")
    assert search_queries("a;b", None) == ("a;b",)  # `text` stays one query, as before


@pytest.mark.parametrize(("value", "codes"), [
    (None, ()), ("", ()), ("IP", ("IP",)), (" speech , Statement,SPEECH", ("SPEECH", "STATEMENT")),
])
def test_types_are_known_codes_in_upper_case(value, codes):
    assert document_types(value) == codes


@pytest.mark.parametrize(("arguments", "message"), [
    ({"types": "IP,NEWS"}, r"types must be a comma-separated list of IP, MEMO, .*unknown: NEWS"),
    ({"types": "IP MEMO"}, r"types must be .*unknown: IP MEMO"),
    ({"types": ",,"}, r"types must hold at least one text"),
    ({"queries": " ; ;"}, r"queries must hold at least one text"),
])
def test_bad_queries_and_types_are_named(arguments, message):
    with pytest.raises(ValueError, match=message):
        EuSpider(**arguments)


@pytest.mark.parametrize("value", ["0", "101", "ten", "-3"])
def test_bad_search_page_size_is_named(value):
    with pytest.raises(ValueError, match="PRESSCORNER_SEARCH_PAGESIZE must be a whole number"):
        search_page_size(value)


@pytest.mark.parametrize(("codes", "types"), [
    ("memo, QANDA", ("MEMO", "QANDA")), ("", ()), ("PRESS", ("PRESS",)),  # no PRESS: nothing
])
def test_replica_search_honours_document_type_codes(codes, types):
    catalogue = ReplicaServer().catalogue
    request = Request("GET", "/commission/presscorner/api/search",
                      {"documentTypeCodes": [codes], "pagesize": ["100"], "text": ["alliance"]},
                      {}, 1)
    payload = json.loads(route(catalogue, request).body)
    listed = {row["refCode"] for row in payload["docuLanguageListResources"]}
    expected = matching(catalogue["eu"].documents, ("alliance",), types)
    assert payload["totalNumber"] == len(expected) and listed == expected


def test_types_go_to_the_search_as_one_comma_separated_parameter():
    window = (date(2014, 1, 1), date(2014, 12, 31))
    with_types = urlsplit(search_url("http://x/pc", window, 2, 5, "WePROTECT", ("IP", "QANDA")))
    assert "documentTypeCodes=IP%2CQANDA" in with_types.query.split("&")
    assert "text=WePROTECT" in with_types.query.split("&")
    assert "documentTypeCodes" not in urlsplit(search_url("http://x/pc", window, 1)).query


# --- crawls --------------------------------------------------------------------------------

def test_queries_find_each_matching_document_once(tmp_path, run_recorded_crawl, fast):
    with ReplicaServer() as replica:
        _, items, record = run_recorded_crawl(
            "eu", tmp_path, *fast, *SMALL_PAGES, *span(replica),
            "-a", f"queries={';'.join(QUERIES)}")
        requests, documents = replica.requests, replica.catalogue["eu"].documents
    expected = matching(documents, QUERIES)
    by_query = [matching(documents, (query,)) for query in QUERIES]
    assert expected != matching(documents), "every document matches: the test shows nothing"
    assert any(a & b for i, a in enumerate(by_query) for b in by_query[i + 1:]), \
        "no document is found by two queries: the test shows no fetch saved"
    assert each_once(items) == expected
    assert sorted(fetched_references(requests)) == sorted(expected)  # asked for once each
    pages = pages_by_search(requests)
    assert {text for _, _, text in pages} == set(QUERIES)
    assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in pages.values())
    assert max(len(numbers) for numbers in pages.values()) > 1, "no query spanned two pages"
    assert record["finish_reason"] == "finished" and record["errors_by_kind"] == {}
    assert record["arguments"]["queries"] == ";".join(QUERIES)


def test_types_filter_what_is_listed(tmp_path, run_recorded_crawl, fast):
    asked = ("SPEECH", "STATEMENT")
    with ReplicaServer() as replica:
        result, items, record = run_recorded_crawl(
            "eu", tmp_path, *fast, *span(replica), "-a", "types=speech, Statement",
            "-a", "queries=Global Alliance")
        requests, documents = replica.requests, replica.catalogue["eu"].documents
    expected = matching(documents, ("Global Alliance",), asked)
    assert expected and expected != matching(documents, ("Global Alliance",))
    assert each_once(items) == expected
    assert {r.param("documentTypeCodes") for r in searches(requests)} == {",".join(asked)}
    assert "eu/other_type_skipped" not in result.stderr  # the replica's search did the filtering
    assert (record["arguments"]["types"], record["arguments"]["queries"]) == (
        "speech, Statement", "Global Alliance")


class IgnoresDocumentTypes:
    """A search that answers as if `documentTypeCodes` had not been sent."""

    def prepare(self, catalogue) -> None:
        self.catalogue = catalogue

    def intercept(self, request: Request, reply):
        if not request.path.endswith("/api/search"):
            return reply
        query = {k: v for k, v in request.query.items() if k != "documentTypeCodes"}
        return route(self.catalogue, Request(request.method, request.path, query,
                                             request.headers, request.number))


def test_types_hold_when_the_search_ignores_them(tmp_path, run_crawl, fast):
    with ReplicaServer(faults=IgnoresDocumentTypes()) as replica:
        result, items = run_crawl("eu", tmp_path / "eu.jsonl", *fast, *span(replica),
                                  "-a", "types=MEMO")
        requests, documents = replica.requests, replica.catalogue["eu"].documents
    expected = matching(documents, types=("MEMO",))
    assert expected and each_once(items) == expected
    assert sorted(fetched_references(requests)) == sorted(expected)
    skipped = len(documents) - len(expected)
    assert f"'eu/other_type_skipped': {skipped}" in result.stderr


def test_weekly_run_with_queries_reads_the_first_page_of_each(tmp_path, run_recorded_crawl, fast):
    options = (*fast, *SMALL_PAGES, "-a", f"queries={';'.join(QUERIES)}")
    with ReplicaServer() as replica:
        base = ("-s", f"PRESSCORNER_BASE_URL={replica.source_url('eu')}")
        _, _, full = run_recorded_crawl("eu", tmp_path / "full", *options, *base)
        before = len(replica.requests)
        _, items, weekly = run_recorded_crawl("eu", tmp_path / "week", *options, *base,
                                              "-a", f"watermark={full['watermark_after']}")
        full_requests, weekly_requests = replica.requests[:before], replica.requests[before:]
        documents = replica.catalogue["eu"].documents
    found = [d for d in documents if d.reference in matching(documents, QUERIES)]
    latest = max(d.day for d in found)
    assert full["watermark_after"] == latest.isoformat() == weekly["watermark_after"]
    assert max(max(pages) for pages in pages_by_search(full_requests).values()) > 1

    start = latest - timedelta(days=7)
    recent = [d for d in found if d.day >= start]
    for query in QUERIES:  # else a second page would be needed, and rightly read
        assert len(matching(recent, (query,))) <= 3, f"{query!r} fills a page in the last week"
    weekly_searches = searches(weekly_requests)
    assert weekly_searches and all(r.param("pagenumber") == "1" for r in weekly_searches)
    years = date.today().year - start.year + 1
    assert len(weekly_searches) == years * len(QUERIES)  # one per yearly window and query
    assert {r.param("text") for r in weekly_searches} == set(QUERIES)
    assert min(datetime.strptime(r.param("datefrom"), "%d%m%Y").date()
               for r in weekly_searches) == start
    assert each_once(items) == {d.reference for d in recent}
    assert weekly["errors_by_kind"] == {}


def test_an_unknown_type_stops_the_crawl_before_any_request(tmp_path):
    spiders_dir = Path(__file__).resolve().parents[3] / "spiders"
    scrapy = Path(sys.executable).parent / "scrapy"
    with ReplicaServer() as replica:
        result = subprocess.run(
            [str(scrapy), "crawl", "eu", "-O", str(tmp_path / "eu.jsonl"), "-a", "types=IP,PRESS",
             "-s", f"PRESSCORNER_BASE_URL={replica.source_url('eu')}"],
            cwd=spiders_dir, env=dict(os.environ), capture_output=True, text=True, timeout=60,
            check=False)
        served = replica.requests
    assert result.returncode != 0
    allowed = ", ".join(DOCUMENT_TYPES)
    assert f"types must be a comma-separated list of {allowed}; unknown: PRESS" in result.stderr
    assert served == []
