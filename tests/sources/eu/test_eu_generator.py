"""The generator of unrelated Commission documents: deterministic, valid and off-topic."""

from __future__ import annotations

import re

from spiders.eu.replica_generator import generate_eu_records
from spiders.eu.replica_snapshot import commission_document

# Words of the Alliance's subject that must never appear in the unrelated bulk.
OFF_LIMITS = re.compile(r"child|minor|sexual|abuse|exploit|grooming|victim|alliance|csam",
                        re.IGNORECASE)


def test_same_seed_same_records():
    assert generate_eu_records(7) == generate_eu_records(7)


def test_eu_records_are_valid_and_off_topic():
    records = generate_eu_records()
    assert 10 <= len(records) <= 15
    documents = [commission_document(raw, f"generated {i}") for i, raw in enumerate(records)]
    assert len({d.reference for d in documents}) == len(documents)
    assert {d.doc_type for d in documents} >= {"IP", "MEMO", "SPEECH"}
    for document in documents:
        assert document.reference.split("/")[1] == document.day.strftime("%y")
        assert not OFF_LIMITS.search(document.title + document.lead + document.html)
