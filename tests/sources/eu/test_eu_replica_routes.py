"""The Commission's replica routes over real HTTP: Press Corner search and documents."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from replica_http import fetch_json

from replica import ReplicaServer

# The replica's small test snapshot (tests/replica/fixtures): both sources' files, a few records each.
FIXTURES = Path(__file__).resolve().parents[2] / "replica" / "fixtures" / "snapshot"
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture(scope="module")
def replica():
    with ReplicaServer(snapshot_dir=FIXTURES) as server:
        yield server


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
