"""Each fault the real sites show, served by the replica to a real `scrapy crawl`: the crawl
finishes, the fault is counted in its crawl record, and every good document arrives once."""

from __future__ import annotations

import html
import json

import pytest

from replica import ReplicaServer
from replica.faults import (
    BadJson,
    ChangedRelease,
    Cp1252Body,
    PaginationLoop,
    RateLimited,
    RepeatedItem,
    ServerError,
    SlowReply,
    TooLarge,
    Truncated,
    Unavailable,
    document,
    nth_listing_page,
)
from replica.reply import Request
from replica.server import route


def doj_crawl(run, tmp_path, replica, *options):
    return run("doj", tmp_path, *options, "-s", f"DOJ_BASE_URL={replica.source_url('doj')}")


def eu_crawl(run, tmp_path, replica, *options):
    days = [document.day for document in replica.catalogue["eu"].documents]
    return run("eu", tmp_path, *options, "-a", f"since={min(days)}", "-a", f"until={max(days)}",
               "-s", f"PRESSCORNER_BASE_URL={replica.source_url('eu')}")


def every_doj_release(replica) -> set[str]:
    return {release.api["uuid"] for release in replica.catalogue["doj"].releases}


def every_eu_document(replica) -> set[str]:
    return {document.reference for document in replica.catalogue["eu"].documents}


def each_once(items) -> set[str]:
    ids = [item["source_id"] for item in items]
    assert len(ids) == len(set(ids)), "a document arrived twice"
    return set(ids)


def finished(record, **kinds: int) -> None:
    assert record["finish_reason"] == "finished"
    for kind, count in kinds.items():
        assert record["errors_by_kind"].get(kind) == count, (kind, record["errors_by_kind"])


def doj_listing_uuids(replica, page: int) -> set[str]:
    request = Request("GET", "/api/v1/press_releases.json", {
        "page": [str(page)], "pagesize": ["50"], "sort": ["date"], "direction": ["DESC"]}, {}, 0)
    return {row["uuid"] for row in json.loads(route(replica.catalogue, request).body)["results"]}


def requests_for(replica, request: Request) -> list[Request]:
    return [seen for seen in replica.requests
            if (seen.path, seen.query) == (request.path, request.query)]


@pytest.mark.parametrize("fault", [RateLimited(retry_after=1),
                                   Unavailable(retry_after=2, as_http_date=True)],
                         ids=["429 seconds", "503 http-date"])
def test_retry_after_is_honoured(fault, tmp_path, run_recorded_crawl, fast):
    with ReplicaServer(faults=fault) as replica:
        _, items, record = doj_crawl(run_recorded_crawl, tmp_path, replica, *fast)
    assert each_once(items) == every_doj_release(replica)
    finished(record, **{f"http_{fault.status}": 1})
    assert record["retries"] == 1
    (hit,) = fault.hits
    refused, retried = requests_for(replica, hit)
    # An HTTP date counts whole seconds: "in 2 s" may mean a little over 1 s from now.
    assert retried.received_at - refused.received_at >= (0.95 if fault.as_http_date else 1.0)


def test_server_error_then_success(tmp_path, run_recorded_crawl, fast):
    fault = ServerError(where=document, times=1)
    with ReplicaServer(faults=fault) as replica:
        _, items, record = eu_crawl(run_recorded_crawl, tmp_path, replica, *fast)
    assert each_once(items) == every_eu_document(replica)
    finished(record, http_500=1)
    assert record["retries"] == 1 and len(requests_for(replica, fault.hits[0])) == 2


def test_timeout_is_retried(tmp_path, run_recorded_crawl, fast):
    fault = SlowReply(where=nth_listing_page(1), delay=2.5)
    with ReplicaServer(faults=fault) as replica:
        _, items, record = doj_crawl(run_recorded_crawl, tmp_path, replica, *fast,
                                     "-s", "DOWNLOAD_TIMEOUT=1")
    assert each_once(items) == every_doj_release(replica)
    finished(record, timeout=1)
    assert record["retries"] == 1


def test_malformed_listing_is_asked_for_again(tmp_path, run_recorded_crawl, fast):
    fault = BadJson(where=nth_listing_page(1))
    with ReplicaServer(faults=fault) as replica:
        _, items, record = doj_crawl(run_recorded_crawl, tmp_path, replica, *fast)
    assert each_once(items) == every_doj_release(replica)
    finished(record, bad_json=1)


def test_a_listing_page_that_stays_malformed_is_skipped_not_the_rest(tmp_path, run_recorded_crawl,
                                                                     fast):
    fault = BadJson(where=nth_listing_page(1), times=None)
    with ReplicaServer(faults=fault) as replica:
        _, items, record = doj_crawl(run_recorded_crawl, tmp_path, replica, *fast,
                                     "-s", "ALLIANCE_BAD_BODY_RETRIES=2")
        lost = doj_listing_uuids(replica, 1)
    assert lost and each_once(items) == every_doj_release(replica) - lost
    assert doj_listing_uuids(replica, 2) <= {item["source_id"] for item in items}
    finished(record, bad_json=3, gave_up=1)


def test_truncated_body_is_retried(tmp_path, run_recorded_crawl, fast):
    fault = Truncated(where=document)
    with ReplicaServer(faults=fault) as replica:
        _, items, record = eu_crawl(run_recorded_crawl, tmp_path, replica, *fast)
    assert each_once(items) == every_eu_document(replica)
    finished(record, truncated=1)


def test_cp1252_documents_without_charset_are_read_right(tmp_path, run_recorded_crawl, fast):
    fault = Cp1252Body(where=document, times=None)
    with ReplicaServer(faults=fault) as replica:
        _, items, record = eu_crawl(run_recorded_crawl, tmp_path, replica, *fast)
    assert each_once(items) == every_eu_document(replica)
    assert fault.hits
    finished(record, encoding_guessed=len(fault.hits))
    by_reference = {document.reference: document for document in replica.catalogue["eu"].documents}
    for item in items:
        assert item["html"] == by_reference[item["source_id"]].html


def test_cp1252_pages_without_charset_are_read_right(tmp_path, run_recorded_crawl, fast):
    fault = Cp1252Body(where=document, times=None)
    with ReplicaServer(faults=fault) as replica:
        _, items, record = doj_crawl(run_recorded_crawl, tmp_path, replica, *fast)
    assert each_once(items) == every_doj_release(replica)
    assert fault.hits
    finished(record, encoding_guessed=len(fault.hits))
    page_only = {r.api["uuid"]: r for r in replica.catalogue["doj"].releases if not r.api["body"]}
    for item in items:
        if item["source_id"] in page_only:
            text = html.unescape(item["html"])
            assert html.unescape(page_only[item["source_id"]].page_body) in text
            assert "\ufffd" not in text and "Â" not in text


def test_same_item_on_two_listing_pages_arrives_once(tmp_path, run_recorded_crawl, fast):
    fault = RepeatedItem()
    with ReplicaServer(faults=fault) as replica:
        _, items, record = doj_crawl(run_recorded_crawl, tmp_path, replica, *fast)
    assert len(fault.hits) == 1
    assert each_once(items) == every_doj_release(replica)
    finished(record, duplicate=1)


@pytest.mark.parametrize("spider", ["doj", "eu"])
def test_pagination_loop_is_cut(spider, tmp_path, run_recorded_crawl, fast):
    fault = PaginationLoop()
    with ReplicaServer(faults=fault) as replica:
        crawl = doj_crawl if spider == "doj" else eu_crawl
        _, items, record = crawl(run_recorded_crawl, tmp_path, replica, *fast)
        everything = every_doj_release(replica) if spider == "doj" else every_eu_document(replica)
    assert fault.hits
    assert each_once(items) == everything
    finished(record, loop=len(fault.hits))


def test_fifty_megabytes_are_refused_and_recorded(tmp_path, run_recorded_crawl, fast):
    fault = TooLarge(where=document)
    with ReplicaServer(faults=fault) as replica:
        _, items, record = eu_crawl(run_recorded_crawl, tmp_path, replica, *fast)
    (hit,) = fault.hits
    refused = hit.param("reference")
    assert each_once(items) == every_eu_document(replica) - {refused}
    finished(record, too_large=1)


def test_a_release_changed_since_the_last_crawl_comes_again(tmp_path, run_recorded_crawl, fast):
    with ReplicaServer() as replica:
        _, first_items, first = doj_crawl(run_recorded_crawl, tmp_path / "full", replica, *fast)
    fault = ChangedRelease()
    with ReplicaServer(faults=fault) as replica:
        _, items, record = doj_crawl(
            run_recorded_crawl, tmp_path / "weekly", replica, *fast,
            "-a", f"watermark={first['watermark_after']}",
            "-a", f"changed_since={first['started_at']}")
        listings = [r for r in replica.requests if r.path == "/api/v1/press_releases.json"]
    before = {item["source_id"]: item for item in first_items}
    latest = {item["source_id"] for item in first_items
              if item["published"] == first["watermark_after"]}
    assert each_once(items) == {fault.uuid} | latest
    changed = next(item for item in items if item["source_id"] == fault.uuid)
    assert changed["html"] == fault.new_body != before[fault.uuid]["html"]
    assert changed["api"]["changed"] == str(fault.changed_at)
    finished(record, revised=1)
    # One page of each listing (by date, by changed) was enough.
    assert sorted((r.param("sort"), r.param("page")) for r in listings) == [
        ("changed", "0"), ("date", "0")]
