"""The DOJ's replica routes over real HTTP: News API v1 listing and items, release pages."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from replica_http import fetch, fetch_json

from replica import ReplicaServer

# The replica's small test snapshot (tests/replica/fixtures): both sources' files, a few records each.
FIXTURES = Path(__file__).resolve().parents[2] / "replica" / "fixtures" / "snapshot"
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture(scope="module")
def replica():
    with ReplicaServer(snapshot_dir=FIXTURES) as server:
        yield server


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
