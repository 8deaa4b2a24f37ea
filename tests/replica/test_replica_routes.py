"""The replica's routes over real HTTP (urllib against a ReplicaServer on 127.0.0.1)."""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
import urllib.robotparser
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from replica import ReplicaServer
from replica.catalogue import load_catalogue
from replica.reply import Reply, Request

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "snapshot"
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture(scope="module")
def replica():
    with ReplicaServer(snapshot_dir=FIXTURES) as server:
        yield server


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def fetch_json(url: str) -> tuple[int, dict]:
    status, content_type, body = fetch(url)
    assert content_type.startswith("application/json")
    return status, json.loads(body)


def listing(replica, **query) -> dict:
    params = "&".join(f"{key}={value}" for key, value in query.items())
    status, payload = fetch_json(f"{replica.source_url('doj')}/api/v1/press_releases.json?{params}")
    assert status == 200
    return payload


def test_listing_pages_cover_every_release_once_newest_first(replica):
    seen, page = [], 0
    while True:
        payload = listing(replica, page=page, pagesize=50, sort="date", direction="DESC")
        assert payload["metadata"]["responseInfo"] == {"status": 200, "developerMessage": "OK"}
        assert payload["metadata"]["resultset"]["page"] == page
        if not payload["results"]:
            break
        seen += payload["results"]
        page += 1
    assert payload["metadata"]["resultset"]["count"] == len(replica.catalogue["doj"].releases) == len(seen)
    assert len({record["uuid"] for record in seen}) == len(seen)
    dates = [int(record["date"]) for record in seen]
    assert dates == sorted(dates, reverse=True)


def test_pagesize_is_capped_at_50(replica):
    payload = listing(replica, page=0, pagesize=100)
    assert payload["metadata"]["resultset"]["pagesize"] == 50
    assert len(payload["results"]) == 50


def test_sort_by_created_ascending(replica):
    payload = listing(replica, page=0, pagesize=50, sort="created", direction="ASC")
    created = [int(record["created"]) for record in payload["results"]]
    assert created == sorted(created)


def test_date_parameter_selects_one_eastern_day(replica):
    raw = yaml.safe_load((FIXTURES / "doj_releases.yaml").read_text())
    midday = datetime(2012, 12, 5, 15, 0, tzinfo=NEW_YORK)
    payload = listing(replica, **{"parameters[date]": int(midday.timestamp())})
    assert [r["url"] for r in payload["results"]] == [
        r["url"] for r in raw if str(r["date"]) == "2012-12-05"
    ]


@pytest.mark.parametrize("query", ["page=-1", "page=x", "pagesize=0", "sort=title",
                                   "direction=UP"])
def test_bad_listing_query_is_a_400_in_api_shape(replica, query):
    status, payload = fetch_json(f"{replica.source_url('doj')}/api/v1/press_releases.json?{query}")
    assert status == 400
    assert payload["metadata"]["responseInfo"]["status"] == 400
    assert payload["results"] == []


def test_single_release_by_uuid(replica):
    release = replica.catalogue["doj"].releases[0]
    status, payload = fetch_json(
        f"{replica.source_url('doj')}/api/v1/press_releases/{release.api['uuid']}.json")
    assert status == 200 and payload == release.api
    status, _ = fetch_json(f"{replica.source_url('doj')}/api/v1/press_releases/nope.json")
    assert status == 404


def test_release_page_carries_body_in_drupal_markup(replica):
    raw = yaml.safe_load((FIXTURES / "doj_releases.yaml").read_text())
    page_only = next(r for r in raw if r.get("page_only"))
    path = page_only["url"].removeprefix("https://www.justice.gov")
    status, content_type, html = fetch(replica.source_url("doj") + path)
    assert status == 200 and content_type.startswith("text/html")
    assert "field--name-field-pr-body" in html
    assert page_only["body"].strip() in html
    assert page_only["title"] in html
    assert "An official website of the United States government" in html
    assert "Related Content" in html and "<footer" in html
    record = next(r for r in replica.catalogue["doj"].releases if r.api["url"] == page_only["url"])
    assert record.api["body"] == ""


def test_numbered_release_page_shows_its_number(replica):
    release = next(r for r in replica.catalogue["doj"].releases if r.api["number"])
    _, _, html = fetch(replica.source_url("doj") + release.path)
    assert "field--name-field-pr-number" in html and release.api["number"] in html


def test_unknown_paths_are_404(replica):
    assert fetch(replica.source_url("doj") + "/opa/pr/no-such-release")[0] == 404
    assert fetch_json(replica.source_url("doj") + "/api/v1/other.json")[0] == 404
    assert fetch_json(replica.source_url("eu") + "/api/latestnews")[0] == 404


def test_robots_txt_lets_crawlers_reach_both_apis(replica):
    parser = urllib.robotparser.RobotFileParser(replica.base_url + "/robots.txt")
    parser.read()
    agent = "alliance-tracker"
    assert parser.can_fetch(agent, replica.source_url("doj") + "/api/v1/press_releases.json?page=0")
    assert parser.can_fetch(agent, replica.source_url("eu") + "/api/search?language=en")
    assert parser.can_fetch(agent, replica.source_url("doj") + replica.catalogue["doj"].releases[0].path)
    assert not parser.can_fetch(agent, replica.base_url + "/admin/config")


def search(replica, **query) -> dict:
    params = "&".join(f"{key}={value}" for key, value in query.items())
    status, payload = fetch_json(f"{replica.source_url('eu')}/api/search?{params}")
    assert status == 200
    return payload


def test_search_window_and_paging(replica):
    in_2012 = [d for d in replica.catalogue["eu"].documents if d.day.year == 2012]
    first = search(replica, language="en", pagesize=1, pagenumber=1, datefrom="01012012",
                   dateto="31122012", text="")
    assert first["totalNumber"] == len(in_2012) >= 2
    assert (first["pageSize"], first["pageNumber"]) == (1, 1)
    refs = []
    for number in range(1, first["totalNumber"] + 1):
        page = search(replica, language="en", pagesize=1, pagenumber=number,
                      datefrom="01012012", dateto="31122012")
        refs += [row["refCode"] for row in page["docuLanguageListResources"]]
    assert sorted(refs) == sorted(d.reference for d in in_2012)
    assert search(replica, pagesize=500)["pageSize"] == 100


def test_search_text_matches_title_lead_or_html_ignoring_case(replica):
    raw = yaml.safe_load((FIXTURES / "eu_documents.yaml").read_text())
    word_only_in_html = "REPORTING"  # in MEMO/14/640's html, not in its title or lead
    assert word_only_in_html.lower() in raw[1]["html"]
    found = search(replica, text=word_only_in_html, datefrom="01012014", dateto="31122014")
    assert [row["refCode"] for row in found["docuLanguageListResources"]] == ["MEMO/14/640"]


def test_bad_search_dates_are_400(replica):
    status, _ = fetch_json(replica.source_url("eu") + "/api/search?datefrom=2012-01-01")
    assert status == 400


def test_documents_by_reference(replica):
    status, payload = fetch_json(
        replica.source_url("eu") + "/api/documents?reference=ip_12_1308&language=en")
    assert status == 200
    assert payload["refCd"] == "IP/12/1308"
    assert payload["docuLanguageResource"]["htmlContent"].startswith("<p>Brussels, 5 December")
    status, payload = fetch_json(
        replica.source_url("eu") + "/api/documents?reference=IP/99/1&language=en")
    assert status == 404 and "IP/99/1" in payload["message"]


class RateLimitFirst:
    """Answers the first request with 429 and Retry-After, then behaves."""

    def intercept(self, request: Request, reply: Reply) -> Reply:
        if request.number == 1:
            return Reply(429, b'{"message": "slow down"}', headers={"Retry-After": "2"})
        return reply


class TruncateBodies:
    def intercept(self, request: Request, reply: Reply) -> Reply:
        reply.declared_length = len(reply.body) + 100
        return reply


def test_faults_rewrite_replies_and_requests_are_logged():
    catalogue = load_catalogue(FIXTURES, generated=False)
    with ReplicaServer(catalogue=catalogue, faults=RateLimitFirst()) as replica:
        url = replica.base_url + "/robots.txt"
        with pytest.raises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(url, timeout=10)
        assert raised.value.code == 429 and raised.value.headers["Retry-After"] == "2"
        assert fetch(url)[0] == 200
        assert [(r.number, r.path) for r in replica.requests] == [(1, "/robots.txt"),
                                                                   (2, "/robots.txt")]


def test_a_declared_length_longer_than_the_body_truncates_the_response():
    catalogue = load_catalogue(FIXTURES, generated=False)
    with (
        ReplicaServer(catalogue=catalogue, faults=TruncateBodies()) as replica,
        pytest.raises(http.client.IncompleteRead),
        urllib.request.urlopen(replica.base_url + "/robots.txt", timeout=10) as response,
    ):
        response.read()
