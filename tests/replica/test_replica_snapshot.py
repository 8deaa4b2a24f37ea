"""The catalogue of every source's snapshot: duplicates refused, the bundled snapshots load with their
generated bulk (each source's own loader: tests/sources/<name>/test_<name>_snapshot.py)."""

from __future__ import annotations

import pytest
import yaml

from replica.catalogue import load_catalogue
from replica.snapshot import SnapshotError
from spiders.doj.replica_snapshot import SNAPSHOT_DIR as DOJ_SNAPSHOT_DIR
from spiders.eu.replica_snapshot import SNAPSHOT_DIR as EU_SNAPSHOT_DIR

GOOD_DOJ = {
    "title": "T", "date": "2013-01-02", "url": "https://www.justice.gov/opa/pr/t",
    "number": "13-1", "component": ["Criminal Division"], "body": "<p>b</p>",
}


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


def test_a_snapshot_directory_may_hold_some_sources_only(tmp_path):
    (tmp_path / "doj_releases.yaml").write_text(yaml.safe_dump([GOOD_DOJ]))
    catalogue = load_catalogue(tmp_path, generated=False)
    assert [release.api["url"] for release in catalogue["doj"].releases] == [GOOD_DOJ["url"]]
    bundled = yaml.safe_load((EU_SNAPSHOT_DIR / "eu_documents.yaml").read_text())
    assert len(catalogue["eu"].documents) == len(bundled)  # no file there: its bundled snapshot
