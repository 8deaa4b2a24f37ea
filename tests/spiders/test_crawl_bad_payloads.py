"""Payloads of unknown shape: the crawl goes on, and each bad one is a counted, logged error
that names the field (served by pytest-httpserver, crawled by the real spiders)."""

from __future__ import annotations

import json

from werkzeug.wrappers import Request, Response

ROBOTS = "User-agent: *\nDisallow:\n"


def good_record(number: int) -> dict:
    return {
        "uuid": f"00000000-0000-4000-8000-{number:012d}",
        "title": f"Release {number}",
        "body": f"<p>Body {number}</p>",
        "url": f"https://www.justice.gov/opa/pr/release-{number}",
        "date": "1368676800",
        "number": None, "component": [], "topic": [], "attachment": [], "image": [],
        "teaser": None,
    }


def test_doj_bad_records_are_counted_and_named(httpserver, tmp_path, run_crawl):
    records = [good_record(1), {**good_record(2), "url": None}, {**good_record(3), "uuid": ["x"]},
               good_record(1)]  # a duplicate of the first, as when pages shift during a crawl

    def listing(request: Request) -> Response:
        results = records if request.args.get("page") == "0" else []
        body = {"metadata": {"resultset": {"count": "4", "pagesize": "50", "page": "0"}},
                "results": results}
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request("/robots.txt").respond_with_data(ROBOTS)
    httpserver.expect_request("/api/v1/press_releases.json").respond_with_handler(listing)
    result, items = run_crawl("doj", tmp_path / "doj.jsonl", "-s", "DOWNLOAD_DELAY=0",
                              "-s", f"DOJ_BASE_URL={httpserver.url_for('/').rstrip('/')}")
    assert [item["title"] for item in items] == ["Release 1"]
    assert "'doj/bad_record': 2" in result.stderr
    assert "'doj/duplicates_skipped': 1" in result.stderr
    assert "results[1]: field 'url'" in result.stderr
    assert "results[2]: field 'uuid'" in result.stderr


def test_doj_listing_that_is_not_json_is_an_error_not_a_crash(httpserver, tmp_path,
                                                              run_recorded_crawl, fast):
    httpserver.expect_request("/robots.txt").respond_with_data(ROBOTS)
    httpserver.expect_request("/api/v1/press_releases.json").respond_with_data(
        '{"metadata": {"resultset": {"count": 1', content_type="application/json")
    result, items, record = run_recorded_crawl(
        "doj", tmp_path, *fast, "-s", "ALLIANCE_BAD_BODY_RETRIES=1",
        "-s", f"DOJ_BASE_URL={httpserver.url_for('/').rstrip('/')}")
    assert items == []
    # Asked once more (a broken body is often a passing glitch), then given up and counted.
    assert record["errors_by_kind"] == {"bad_json": 2, "gave_up": 1}
    assert record["finish_reason"] == "finished"
    assert "'doj/bad_listing': 2" in result.stderr
    assert "is not JSON" in result.stderr


def test_eu_bad_document_is_counted_and_named(httpserver, tmp_path, run_crawl):
    rows = [{"refCode": ref, "eventDate": "2013-03-01", "title": ref, "leadText": "",
             "docutype": {"code": "IP"}, "languageCode": "EN"} for ref in ("IP/13/1", "IP/13/2")]
    documents = {
        "IP/13/1": {"docuLanguageResource": {"title": "Good", "htmlContent": "<p>ok</p>"},
                    "refCd": "IP/13/1", "eventDate": "2013-03-01", "languages": ["EN"]},
        "IP/13/2": {"refCd": "IP/13/2", "eventDate": "2013-03-01"},
    }

    def document(request: Request) -> Response:
        return Response(json.dumps(documents[request.args["reference"]]),
                        content_type="application/json")

    httpserver.expect_request("/robots.txt").respond_with_data(ROBOTS)
    httpserver.expect_request("/pc/api/search").respond_with_json(
        {"totalNumber": 2, "pageSize": 100, "pageNumber": 1, "docuLanguageListResources": rows})
    httpserver.expect_request("/pc/api/documents").respond_with_handler(document)
    result, items = run_crawl(
        "eu", tmp_path / "eu.jsonl", "-s", "DOWNLOAD_DELAY=0",
        "-s", f"PRESSCORNER_BASE_URL={httpserver.url_for('/pc')}",
        "-a", "since=2013-01-01", "-a", "until=2013-12-31")
    assert [item["source_id"] for item in items] == ["IP/13/1"]
    assert "'eu/bad_document': 1" in result.stderr
    assert "field 'docuLanguageResource'" in result.stderr
