"""Tagging speed: the reference tagger (relevance, members, goals and events) on one core, over the
texts the pipeline extracted from the bench corpus, nothing else timed."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.processing import reference_tagger, tag_one
from warehouse.tags import pending_tagging

# No document carries this codebook version, so every extracted version counts as pending.
_NO_CODEBOOK = "bench: every document"


@dataclass(frozen=True)
class TaggingSpeed:
    documents: int
    relevant: int
    events: int
    seconds: float
    relevant_seconds: float

    @property
    def ms_per_doc(self) -> float:
        return 1000 * self.seconds / self.documents

    @property
    def ms_per_relevant_doc(self) -> float:
        return 1000 * self.relevant_seconds / self.relevant if self.relevant else 0.0


def tagging_speed(warehouse: Path, limit: int) -> TaggingSpeed:
    """Tag up to `limit` extracted versions of the warehouse, one after another in this process."""
    reference_tagger()  # the codebook and name tables load once, before the clock runs
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        documents = [doc for batch in pending_tagging(conn, _NO_CODEBOOK) for doc in batch][:limit]
    if not documents:
        raise ValueError(f"{warehouse}: no extracted documents to tag")
    seconds = relevant_seconds = 0.0
    relevant = events = 0
    for doc in documents:
        started = time.perf_counter()
        result = tag_one(doc)
        elapsed = time.perf_counter() - started
        seconds += elapsed
        if result.relevant:
            relevant += 1
            relevant_seconds += elapsed
            events += len(result.events)
    return TaggingSpeed(len(documents), relevant, events, seconds, relevant_seconds)
