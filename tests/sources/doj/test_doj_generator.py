"""The generator of unrelated DOJ releases: deterministic, valid, varied and off-topic."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from spiders.doj.replica_generator import generate_doj_records
from spiders.doj.replica_snapshot import doj_release

# Words of the Alliance's subject that must never appear in the unrelated bulk.
OFF_LIMITS = re.compile(r"child|minor|sexual|abuse|exploit|grooming|victim|alliance|csam",
                        re.IGNORECASE)


def test_same_seed_same_records_other_seed_other_records():
    assert generate_doj_records(7) == generate_doj_records(7)
    assert generate_doj_records(7) != generate_doj_records(8)


def test_doj_records_are_valid_varied_and_off_topic():
    records = generate_doj_records()
    assert 80 <= len(records) <= 100
    releases = [doj_release(raw, f"generated {i}") for i, raw in enumerate(records)]
    assert len({r.path for r in releases}) == len(releases)
    assert all(date(2012, 6, 1) <= r["date"] <= date(2016, 12, 31) for r in records)
    assert all(r["date"].weekday() < 5 for r in records)
    components = Counter(r["component"][0] for r in records)
    assert sum(1 for name in components if name.startswith("USAO - ")) >= 5
    assert sum(1 for name in components if not name.startswith("USAO - ")) >= 6
    assert len({r["title"] for r in records}) >= 0.9 * len(records)
    assert any(r["page_only"] for r in records)
    for record in records:
        assert not OFF_LIMITS.search(record["title"] + record["body"]), record["title"]


def test_doj_urls_and_numbers_follow_the_era():
    for record in generate_doj_records():
        path = record["url"].removeprefix("https://www.justice.gov")
        if path.startswith("/usao-"):
            assert record["number"] is None
            assert re.fullmatch(r"/usao-[a-z]+/pr/[a-z0-9-]+", path)
        elif record["date"] < date(2014, 7, 1):
            year = record["date"].strftime("%y")
            assert re.fullmatch(rf"/opa/pr/{record['date']:%Y/%B}/{year}-[a-z]+-\d+\.html", path)
            assert record["number"] == f"{year}-{path.split('-')[-1].removesuffix('.html')}"
        else:
            assert re.fullmatch(r"/opa/pr/[a-z0-9-]+", path)
            assert re.fullmatch(r"\d\d-\d+", record["number"])
