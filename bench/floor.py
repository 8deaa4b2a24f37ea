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

    def __add__(self, other: FloorSpeed) -> FloorSpeed:
        """Both timings as one: the speed over the documents of both."""
        return FloorSpeed(self.documents + other.documents, self.seconds + other.seconds)


def sample_stride(total: int, wanted: int) -> int:
    """Every how many documents to take so that about `wanted` of `total` are timed, spread
    evenly (the corpus's mix of sources and kinds holds in the sample)."""
    if total < 1 or wanted < 1:
        raise ValueError(f"need a corpus and a sample of at least one document, got {total} and {wanted}")
    return max(1, total // wanted)


def sample_pages(crawl_file: Path, stride: int = 1) -> list[tuple[str, str]]:
    """(html, url) of every `stride`-th document of the crawl file, read once for both timings."""
    with Path(crawl_file).open(encoding="utf-8") as handle:
        items = [json.loads(line) for number, line in enumerate(handle) if number % stride == 0]
    if not items:
        raise ValueError(f"{crawl_file}: no documents to extract")
    return [(item["html"], item["url"]) for item in items]


def _extract(page: tuple[str, str]) -> str | None:
    return extract_text(*page)


def extraction_floor(pages: list[tuple[str, str]]) -> FloorSpeed:
    seconds = 0.0
    for page in pages:
        started = time.perf_counter()
        _extract(page)
        seconds += time.perf_counter() - started
    return FloorSpeed(len(pages), seconds)


def extraction_on_every_core(pages: list[tuple[str, str]], workers: int | None = None) -> FloorSpeed:
    """extract_text over the same pages in worker processes on every core (pages handed over as
    the pipeline hands them); the pool is started and warmed before the clock runs."""
    with parallel_map(workers) as mapper:
        mapper(_extract, (pages * MIN_ITEMS_FOR_WORKERS)[:MIN_ITEMS_FOR_WORKERS])  # start and warm the workers
        started = time.perf_counter()
        mapper(_extract, pages)
        return FloorSpeed(len(pages), time.perf_counter() - started)
