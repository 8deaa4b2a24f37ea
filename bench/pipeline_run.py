"""One pass of the project's transform path over a crawl file, timed stage by stage.

    python -m bench.pipeline_run WAREHOUSE CRAWL_FILE

load_crawl_file (one file per source, split from the corpus before the clock starts) ->
extract_pending -> link_near_duplicates -> tag_pending (every core unless ALLIANCE_WORKERS says
otherwise), as the Dagster assets call them. Prints one JSON object. Run it twice on the same
warehouse and file for the run with nothing new. A process of its own, so that its memory (and
its workers') can be measured apart from the benchmark's. The crawl file is the benchmark's
synthetic corpus (bench/corpus.py), loaded as the doj crawl it is shaped like.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def _peak_mb() -> float:
    """This process's own peak resident memory so far (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(warehouse: Path, crawl_files: dict[str, Path]) -> dict:
    from pipelines.processing import (
        extract_pending,
        link_near_duplicates,
        prepare_workers,
        tag_pending,
    )
    from warehouse.connection import connect
    from warehouse.raw import load_crawl_file
    from warehouse.schema import migrate

    started = time.perf_counter()
    with connect(warehouse) as conn:
        migrate(conn)
        opened = time.perf_counter()
        loaded = [load_crawl_file(conn, path, source=source, before_commit=prepare_workers)  # as the asset
                  for source, path in crawl_files.items()]
        after_load, peak_load = time.perf_counter(), _peak_mb()
        extracted = extract_pending(conn)
        after_extract, peak_extract = time.perf_counter(), _peak_mb()
        linked = link_near_duplicates(conn)
        after_link, peak_link = time.perf_counter(), _peak_mb()
        tagged = tag_pending(conn)
        finished, peak_tag = time.perf_counter(), _peak_mb()
    return {
        "open_s": opened - started, "load_s": after_load - opened,
        "extract_s": after_extract - after_load, "link_s": after_link - after_extract,
        "tag_s": finished - after_link,
        "total_s": finished - started,
        # the main process's peak after each stage (workers not included)
        "main_peak_mb": {"load": peak_load, "extract": peak_extract, "link": peak_link, "tag": peak_tag},
        "new_versions": sum(load.new_versions for load in loaded),
        "already_loaded": all(load.already_loaded for load in loaded),
        "extracted": extracted.extracted, "without_text": extracted.without_text, "linked": linked,
        "tagged": tagged.tagged, "member_tags": tagged.member_tags, "goal_tags": tagged.goal_tags,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m bench.pipeline_run WAREHOUSE CRAWL_FILE", file=sys.stderr)
        return 2
    crawl_file = Path(argv[1])
    if not crawl_file.is_file():
        print(f"bench.pipeline_run: crawl file {crawl_file} not found", file=sys.stderr)
        return 2
    from bench.corpus import split_by_source

    print(json.dumps(run(Path(argv[0]), split_by_source(crawl_file))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
