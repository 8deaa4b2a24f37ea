"""The DOJ snapshot loader: News API records from the YAML, and one-line errors for bad files."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from replica.snapshot import SnapshotError
from spiders.doj.replica_snapshot import load_doj_releases

FIXTURES = Path(__file__).resolve().parents[2] / "replica" / "fixtures" / "snapshot"
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
