"""The extraction floor: trafilatura alone (the project's extract_text), one core, on the very
documents of the corpus file, nothing else timed."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from pipelines.extraction import extract_text


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
