"""The bench's arithmetic and reporting: percentiles, targets, the verdict line, the floor's
sample, and reading a process tree's memory."""

import json
import os
import subprocess
import sys

import pytest

from bench.floor import extraction_floor, extraction_on_every_core, sample_pages, sample_stride
from bench.measure import Figure, percentile, run_measured, tree_rss_kb, verdict


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(100, 0, -1)]
    assert percentile(values, 0.95) == 95.0
    assert percentile(values, 1.0) == 100.0
    assert percentile([7.0], 0.95) == 7.0


@pytest.mark.parametrize("values, share", [([], 0.95), ([1.0], 0), ([1.0], 1.5)])
def test_percentile_refuses_what_it_cannot_answer(values, share):
    with pytest.raises(ValueError):
        percentile(values, share)


def test_targets_in_both_directions_and_the_verdict_names_what_misses():
    fast = Figure("pipeline_vs_floor", 1.7, "x", ">= 1.6")
    slow = Figure("view_p95_ms", 250.0, "ms", "<= 200")
    info = Figure("corpus_docs", 10, "docs")
    assert fast.meets_target() and not slow.meets_target() and info.meets_target()
    assert verdict([fast, info]) == "bench: ok"
    assert verdict([fast, slow, info]) == "bench: below target: view_p95_ms"


def test_a_figure_prints_as_name_value_unit():
    assert Figure("corpus_docs", 20000, "docs").line() == "corpus_docs: 20000 docs"
    assert Figure("view_p95_ms", 123.456, "ms", "<= 200").line() == "view_p95_ms: 123.5 ms (target <= 200)"


def test_floor_sample_spreads_over_the_corpus_and_refuses_nothing_to_time(tmp_path):
    assert sample_stride(20_000, 2_000) == 10
    assert sample_stride(500, 2_000) == 1
    with pytest.raises(ValueError):
        sample_stride(0, 10)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(ValueError, match="empty.jsonl"):
        sample_pages(empty)


def test_every_core_extracts_the_same_sample_as_the_floor(tmp_path):
    pages = tmp_path / "pages.jsonl"
    with pages.open("w", encoding="utf-8") as handle:
        for n in range(10):
            html = f"<html><body><article><p>Release {n}. " + "A sentence of the release. " * 30 + "</p></article></body></html>"
            handle.write(json.dumps({"html": html, "url": f"https://example.org/{n}"}) + "\n")
    sample = sample_pages(pages, stride=2)
    floor = extraction_floor(sample)
    every_core = extraction_on_every_core(sample, workers=2)
    assert floor.documents == every_core.documents == 5
    assert every_core.seconds > 0


def test_process_tree_memory_counts_children_and_ends_at_zero():
    # The child says when its memory is in place, so a busy machine only makes the test wait.
    child = subprocess.Popen(
        [sys.executable, "-c",
         ("import time; b = bytearray(60_000_000); b[::4096] = b'x' * len(b[::4096]); "
          "print('ready', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        own = tree_rss_kb(os.getpid()) - tree_rss_kb(child.pid)
        assert child.stdout.readline().strip() == "ready"
        assert tree_rss_kb(os.getpid()) > own + 50_000
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    assert tree_rss_kb(child.pid) == 0


def test_a_measured_child_reports_its_exit_and_output():
    run = run_measured([sys.executable, "-c", "print('hello'); raise SystemExit(3)"])
    assert (run.returncode, run.stdout.strip()) == (3, "hello")
    assert run.peak_rss_mb > 0


def test_two_timings_of_one_speed_add_up_to_their_documents_over_their_seconds():
    from bench.floor import FloorSpeed

    both = FloorSpeed(600, 1.0) + FloorSpeed(600, 2.0)
    assert both == FloorSpeed(1200, 3.0) and both.docs_per_s == 400
