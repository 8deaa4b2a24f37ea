"""The snapshot loader: API-shaped records from the YAML, and one-line errors for bad files."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from replica.catalogue import load_catalogue
from replica.snapshot import SnapshotError
from spiders.doj.replica_snapshot import SNAPSHOT_DIR as DOJ_SNAPSHOT_DIR
from spiders.doj.replica_snapshot import load_doj_releases
from spiders.eu.replica_snapshot import SNAPSHOT_DIR as EU_SNAPSHOT_DIR
from spiders.eu.replica_snapshot import documents_response, load_eu_documents, search_entry

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "snapshot"
NEW_YORK = ZoneInfo("America/New_York")


def test_doj_records_are_in_news_api_shape_a():
    raw = yaml.safe_load((FIXTURES / "doj_releases.yaml").read_text())
    releases = load_doj_releases(FIXTURES / "doj_releases.yaml")
    assert len(releases) == len(raw)
    for source, release in zip(raw, releases, strict=True):
        api = release.api
        assert set(api) == {"uuid", "vuuid", "title", "body", "teaser", "url", "date", "created",
                            "changed", "number", "component", "topic", "attachment", "image"}
        assert api["vuuid"] == str(uuid.uuid5(uuid.NAMESPACE_URL, source["url"]))
        assert uuid.UUID(api["uuid"]) and api["uuid"] != api["vuuid"]
        midnight = datetime.fromtimestamp(int(api["date"]), NEW_YORK)
        assert (midnight.date(), midnight.hour, midnight.minute) == (source["date"], 0, 0)
        assert int(api["created"]) >= int(api["date"]) and int(api["changed"]) >= int(api["created"])
        assert [c["name"] for c in api["component"]] == source["component"]
        assert all(uuid.UUID(c["uuid"]) for c in api["component"] + api["topic"])
        assert api["attachment"] == [] and api["image"] == []
        assert api["number"] == source["number"]
        assert api["body"] == ("" if source.get("page_only") else source["body"])
        assert release.page_body == source["body"]


def test_commission_documents_in_api_shapes():
    raw = yaml.safe_load((FIXTURES / "eu_documents.yaml").read_text())
    documents = load_eu_documents(FIXTURES / "eu_documents.yaml")
    memo = documents[1]
    payload = documents_response(memo)
    assert payload["refCd"] == raw[1]["reference"] == "MEMO/14/640"
    assert payload["docuLanguageResource"]["htmlContent"] == raw[1]["html"]
    assert payload["docuLanguageResource"]["subtitle"] == raw[1]["subtitle"]
    assert payload["eventDate"] == "2014-09-30"
    assert payload["docutypeResource"]["code"] == "MEMO"
    assert payload["countriesResource"] == [{"description": "United States"}]
    assert [code.lower() for code in payload["languages"]] == raw[1]["languages"]
    row = search_entry(memo)
    assert (row["refCode"], row["eventDate"], row["leadText"]) == (
        "MEMO/14/640", "2014-09-30", raw[1]["lead"])


GOOD_DOJ = {
    "title": "T", "date": "2013-01-02", "url": "https://www.justice.gov/opa/pr/t",
    "number": "13-1", "component": ["Criminal Division"], "body": "<p>b</p>",
}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "snapshot file not found"),
        ("- title: [unclosed\n", "invalid YAML"),
        ("title: not a list\n", "expected a YAML list"),
        ("- just text\n", "record 0: expected a mapping"),
        (yaml.safe_dump([GOOD_DOJ, {**GOOD_DOJ, "url": "https://www.justice.gov/b",
                                    "date": "2013-02-30"}]), "record 1: field 'date'"),
        (yaml.safe_dump([{**GOOD_DOJ, "url": "http://example.org/x"}]), "record 0: field 'url'"),
        (yaml.safe_dump([{**GOOD_DOJ, "title": ""}]), "record 0: field 'title'"),
        (yaml.safe_dump([{**GOOD_DOJ, "component": "Criminal Division"}]), "field 'component'"),
        (yaml.safe_dump([{**GOOD_DOJ, "page_only": "yes"}]), "field 'page_only'"),
        (yaml.safe_dump([{**GOOD_DOJ, "bodyy": "typo"}]), "unknown field(s) bodyy"),
        (b"\xff\xfe- title: x\n", "cannot read snapshot file"),
    ],
)
def test_bad_doj_file_raises_one_line_naming_file_record_and_field(tmp_path, content, message):
    path = tmp_path / "doj_releases.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    with pytest.raises(SnapshotError) as raised:
        load_doj_releases(path)
    text = str(raised.value)
    assert "\n" not in text
    assert text.startswith(str(path))
    assert message in text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reference": "IP-12-1308"}, "field 'reference'"),
        ({"reference": "NEWS/12/1"}, "field 'reference'"),
        ({"languages": ["fr", "en"]}, "'en' first"),
        ({"languages": []}, "field 'languages'"),
        ({"lead": None}, "field 'lead'"),
    ],
)
def test_bad_eu_record_is_named(tmp_path, change, message):
    good = {"reference": "IP/12/1308", "date": "2012-12-05", "title": "t", "lead": "l",
            "languages": ["en"], "html": "<p>h</p>"}
    path = tmp_path / "eu_documents.yaml"
    path.write_text(yaml.safe_dump([good, {**good, **change}]))
    with pytest.raises(SnapshotError, match=r"eu_documents\.yaml: record 1: "):
        load_eu_documents(path)
    with pytest.raises(SnapshotError, match=message):
        load_eu_documents(path)


def test_duplicate_urls_in_the_snapshot_are_refused(tmp_path):
    (tmp_path / "doj_releases.yaml").write_text(yaml.safe_dump([GOOD_DOJ, GOOD_DOJ]))
    (tmp_path / "eu_documents.yaml").write_text("[]\n")
    with pytest.raises(SnapshotError, match="record 1: field 'url': same as record 0"):
        load_catalogue(tmp_path)


def test_bundled_snapshot_loads_with_generated_releases():
    hand_doj = yaml.safe_load((DOJ_SNAPSHOT_DIR / "doj_releases.yaml").read_text())
    hand_eu = yaml.safe_load((EU_SNAPSHOT_DIR / "eu_documents.yaml").read_text())
    catalogue = load_catalogue()
    served_urls = {release.api["url"] for release in catalogue["doj"].releases}
    assert {record["url"] for record in hand_doj} <= served_urls
    assert {record["reference"] for record in hand_eu} <= set(catalogue["eu"].by_reference)
    assert len(catalogue["doj"].releases) > len(hand_doj) + 50  # the generated bulk is there
    assert len(catalogue["doj"].by_uuid) == len(catalogue["doj"].releases)  # uuids unique
