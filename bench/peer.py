"""The bench against the peer: what a user would write instead of the project, trafilatura's
default call with metadata, timed on the very pages the extraction floor is timed on, one core and
every core, beside the project's extract_text and its whole pipeline."""

from __future__ import annotations

import time

import trafilatura

from bench.floor import FloorSpeed
from bench.measure import Figure
from pipelines.workers import MIN_ITEMS_FOR_WORKERS, parallel_map


def default_call(page: tuple[str, str]) -> str | None:
    """The call a user would write: JSON output with the page's metadata, every default kept."""
    return trafilatura.extract(page[0], output_format="json", with_metadata=True)


def trafilatura_default_one_core(pages: list[tuple[str, str]]) -> FloorSpeed:
    started = time.perf_counter()
    for page in pages:
        default_call(page)
    return FloorSpeed(len(pages), time.perf_counter() - started)


def trafilatura_default_every_core(
    pages: list[tuple[str, str]], workers: int | None = None
) -> FloorSpeed:
    """The default call in worker processes on every core, started and warmed before the clock runs,
    as bench.floor.extraction_on_every_core times extract_text."""
    with parallel_map(workers) as mapper:
        mapper(default_call, (pages * MIN_ITEMS_FOR_WORKERS)[:MIN_ITEMS_FOR_WORKERS])
        started = time.perf_counter()
        mapper(default_call, pages)
        return FloorSpeed(len(pages), time.perf_counter() - started)


def peer_figures(
    pages: list[tuple[str, str]],
    floor: FloorSpeed,
    extract_every_core: FloorSpeed,
    pipeline_docs_per_s: float,
) -> list[Figure]:
    """The three ratios against the peer and against extraction alone; `floor` and
    `extract_every_core` are extract_text's speeds on `pages`, measured in the same bench run."""
    one_core = trafilatura_default_one_core(pages)
    every_core = trafilatura_default_every_core(pages)
    return [
        Figure(
            "extract_vs_trafilatura_default",
            floor.docs_per_s / one_core.docs_per_s,
            "x",
            note=f"one core each on {len(pages)} pages: extract_text {floor.docs_per_s:.0f} docs/s, "
            f"trafilatura.extract(html, output_format='json', with_metadata=True) "
            f"{one_core.docs_per_s:.0f} docs/s",
        ),
        Figure(
            "pipeline_vs_trafilatura_default",
            pipeline_docs_per_s / every_core.docs_per_s,
            "x",
            ">= 3",
            note=f"the whole pipeline (load, extract, link, tag) against the default call alone, "
            f"both on every core ({every_core.docs_per_s:.0f} docs/s)",
        ),
        Figure(
            "pipeline_vs_extract_every_core",
            pipeline_docs_per_s / extract_every_core.docs_per_s,
            "x",
            ">= 0.5",
            note="what everything besides extraction costs: extract_text alone on every "
            f"core runs {extract_every_core.docs_per_s:.0f} docs/s",
        ),
    ]
