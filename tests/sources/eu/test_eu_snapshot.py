"""The Commission snapshot loader: Press Corner shapes from the YAML, and errors naming the record."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from replica.snapshot import SnapshotError
from spiders.eu.replica_snapshot import documents_response, load_eu_documents, search_entry

FIXTURES = Path(__file__).resolve().parents[2] / "replica" / "fixtures" / "snapshot"
NEW_YORK = ZoneInfo("America/New_York")


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
