"""The extraction floor: trafilatura alone (the project's extract_text), one core, on the very
documents of the corpus file, nothing else timed; and the same on every core, the most any
pipeline built on extract_text can reach on this machine."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from pipelines.extraction import extract_text
from pipelines.workers import MIN_ITEMS_FOR_WORKERS, parallel_map


@dataclass(frozen=True)
class FloorSpeed:
    documents: int
    seconds: float

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds


def sample_stride(total: int, wanted: int) -> int:
    """Every how many documents to take so that about `wanted` of `total` are timed, spread
    evenly (the corpus's mix of sources and kinds holds in the sample)."""
    if total < 1 or wanted < 1:
        raise ValueError(f"need a corpus and a sample of at least one document, got {total} and {wanted}")
    return max(1, total // wanted)


def extraction_floor(crawl_file: Path, stride: int = 1) -> FloorSpeed:
    seconds, documents = 0.0, 0
    with Path(crawl_file).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number % stride:
                continue
            item = json.loads(line)
            started = time.perf_counter()
            extract_text(item["html"], item["url"])
            seconds += time.perf_counter() - started
            documents += 1
    if not documents:
        raise ValueError(f"{crawl_file}: no documents to extract")
    return FloorSpeed(documents, seconds)


def _sample(crawl_file: Path, stride: int) -> list[tuple[str, str]]:
    with Path(crawl_file).open(encoding="utf-8") as handle:
        items = [json.loads(line) for number, line in enumerate(handle) if number % stride == 0]
    return [(item["html"], item["url"]) for item in items]


def _extract(page: tuple[str, str]) -> str | None:
    return extract_text(*page)


def extraction_on_every_core(crawl_file: Path, stride: int = 1, workers: int | None = None) -> FloorSpeed:
    """extract_text over the same sample in worker processes on every core (pages handed over as
    the pipeline hands them); the pool is started and warmed before the clock runs."""
    pages = _sample(crawl_file, stride)
    if not pages:
        raise ValueError(f"{crawl_file}: no documents to extract")
    with parallel_map(workers) as mapper:
        mapper(_extract, (pages * MIN_ITEMS_FOR_WORKERS)[:MIN_ITEMS_FOR_WORKERS])  # start and warm the workers
        started = time.perf_counter()
        mapper(_extract, pages)
        return FloorSpeed(len(pages), time.perf_counter() - started)
