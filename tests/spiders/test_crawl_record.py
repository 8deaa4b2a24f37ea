"""The crawl record (ALLIANCE_STATS_FILE) and incremental crawls from its watermark."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from replica import ReplicaServer
from spiders.doj.spider import DojSpider
from spiders.eu.spider import EuSpider
from spiders.ledger import ListingLedger, crawl_record, publication_week, watermark_after

STARTED = datetime(2025, 1, 6, 9, 30, tzinfo=UTC)


def monday(day: date) -> str:
    return (day - timedelta(days=day.isoweekday() - 1)).isoformat()


def iso_moment(text: str) -> datetime:
    assert text.endswith("Z"), text
    return datetime.fromisoformat(text)


@pytest.mark.parametrize(("day", "week"), [
    ("2012-12-05", "2012-12-03"),  # a Wednesday
    ("2012-12-03", "2012-12-03"),  # a Monday is its own week
    ("2013-01-06", "2012-12-31"),  # a Sunday belongs to the week before, across the year
    (None, "undated"), ("", "undated"), ("05/12/2012", "undated"),
])
def test_publication_week_is_its_monday(day, week):
    assert publication_week(day) == week


def test_ledger_counts_each_document_once_and_spots_repeated_pages():
    ledger = ListingLedger()
    assert ledger.announce("a", "2013-06-17", "date") is None
    assert ledger.announce("b", None, "date") is None
    assert ledger.announce("a", "2013-06-17", "date") == "date"
    assert ledger.announce("a", "2013-06-17", "changed") == "date"
    assert ledger.listed_by_week() == {"2013-06-17": 1, "undated": 1}
    assert ledger.newest_day == "2013-06-17"
    assert not ledger.page_seen_before("date", ["a", "b"])
    assert not ledger.page_seen_before("changed", ["a", "b"])  # another listing
    assert ledger.page_seen_before("date", ["a", "b"])
    assert not ledger.page_seen_before("date", [])


def test_watermark_never_moves_back():
    assert watermark_after(None, None) is None
    assert watermark_after(None, "2014-09-30") == "2014-09-30"
    assert watermark_after("2015-11-16", "2014-09-30") == "2015-11-16"


def test_record_reads_the_stats():
    stats = {"downloader/request_count": 9, "item_scraped_count": 4, "retry/count": 2,
             "alliance/errors/http_429": 1, "alliance/errors/gave_up": 1, "doj/bad_record": 3}
    record = crawl_record(spider="doj", arguments={"since": "2012-06-01"}, started_at=STARTED,
                          finished_at=STARTED + timedelta(minutes=3), finish_reason="finished",
                          stats=stats, ledger=None, watermark_before="2014-01-01")
    assert record == {
        "spider": "doj", "arguments": {"since": "2012-06-01"},
        "started_at": "2025-01-06T09:30:00Z", "finished_at": "2025-01-06T09:33:00Z",
        "finish_reason": "finished", "requests": 9, "items": 4, "retries": 2,
        "errors_by_kind": {"gave_up": 1, "http_429": 1}, "listed_by_week": {},
        "watermark_before": "2014-01-01", "watermark_after": "2014-01-01"}


def test_eu_crawl_record(tmp_path, run_recorded_crawl, fast):
    before = datetime.now(UTC).replace(microsecond=0)  # the record's stamps are whole seconds
    with ReplicaServer() as replica:
        documents = replica.catalogue["eu"].documents
        since, until = min(d.day for d in documents), max(d.day for d in documents)
        _, items, record = run_recorded_crawl(
            "eu", tmp_path, *fast, "-a", f"since={since}", "-a", f"until={until}",
            "-s", f"PRESSCORNER_BASE_URL={replica.source_url('eu')}")
        served = len(replica.requests)
    after = datetime.now(UTC)
    assert record["spider"] == "eu" and record["finish_reason"] == "finished"
    assert record["arguments"] == {"since": since.isoformat(), "until": until.isoformat()}
    started, finished = iso_moment(record["started_at"]), iso_moment(record["finished_at"])
    assert before <= started <= finished <= after
    assert record["requests"] == served and record["items"] == len(items) == len(documents)
    assert (record["retries"], record["errors_by_kind"]) == (0, {})
    assert record["listed_by_week"] == dict(sorted(Counter(monday(d.day) for d in documents)
                                                   .items()))
    assert (record["watermark_before"], record["watermark_after"]) == (None, until.isoformat())


def test_weekly_runs_after_a_full_run_read_one_page_per_listing(tmp_path, run_recorded_crawl,
                                                                fast):
    with ReplicaServer() as replica:
        base = ("-s", f"DOJ_BASE_URL={replica.source_url('doj')}",
                "-s", f"PRESSCORNER_BASE_URL={replica.source_url('eu')}")
        _, _, full_doj = run_recorded_crawl("doj", tmp_path / "doj-full", *fast, *base)
        _, _, full_eu = run_recorded_crawl("eu", tmp_path / "eu-full", *fast, *base)
        before = len(replica.requests)
        _, doj_items, doj = run_recorded_crawl(
            "doj", tmp_path / "doj-week", *fast, *base,
            "-a", f"watermark={full_doj['watermark_after']}",
            "-a", f"changed_since={full_doj['started_at']}")
        _, eu_items, eu = run_recorded_crawl(
            "eu", tmp_path / "eu-week", *fast, *base, "-a", f"watermark={full_eu['watermark_after']}")
        weekly = replica.requests[before:]
        releases, documents = replica.catalogue["doj"].releases, replica.catalogue["eu"].documents
    doj_listings = [r for r in weekly if r.path == "/api/v1/press_releases.json"]
    assert sorted(r.param("sort") for r in doj_listings) == ["changed", "date"]
    assert all(r.param("page") == "0" for r in doj_listings)
    searches = [r for r in weekly if r.path.endswith("/api/search")]
    assert all(r.param("pagenumber") == "1" for r in searches)

    newest = max(r.day for r in releases)
    assert full_doj["watermark_after"] == newest.isoformat() == doj["watermark_after"]
    # Only what shares the watermark's day comes again (a later release that day may be new).
    assert {i["source_id"] for i in doj_items} == {
        r.api["uuid"] for r in releases if r.day == newest}
    assert doj["errors_by_kind"] == {}

    latest = max(d.day for d in documents)
    assert (eu["watermark_before"], eu["watermark_after"]) == (latest.isoformat(),) * 2
    start = latest - timedelta(days=7)
    overlap = {d.reference for d in documents if d.day >= start}
    assert {item["source_id"] for item in eu_items} == overlap
    # One search per calendar year from a week before the watermark up to today.
    assert len(searches) == date.today().year - start.year + 1
    assert min(datetime.strptime(r.param("datefrom"), "%d%m%Y").date() for r in searches) == start


@pytest.mark.parametrize(("spider", "arguments", "message"), [
    (DojSpider, {"watermark": "last week"}, "watermark must be an ISO date"),
    (DojSpider, {"changed_since": "yesterday"}, "changed_since must be an ISO date-time"),
    (EuSpider, {"watermark": "06/01/2025"}, "watermark must be an ISO date"),
])
def test_bad_incremental_arguments_are_named(spider, arguments, message):
    with pytest.raises(ValueError, match=message):
        spider(**arguments)
