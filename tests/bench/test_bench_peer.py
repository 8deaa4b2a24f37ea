"""The bench's peer lines: trafilatura's default call on the very pages extract_text is timed on."""

import json

from bench.corpus import CorpusSpec, write_crawl_file
from bench.floor import FloorSpeed, sample_pages
from bench.peer import default_call, peer_figures


def test_the_peer_is_the_call_a_user_would_write(tmp_path):
    corpus = write_crawl_file(CorpusSpec(3), tmp_path / "corpus.jsonl")
    page = sample_pages(corpus.path)[0]
    extracted = json.loads(default_call(page))
    assert extracted["text"] and "title" in extracted and "date" in extracted  # metadata came along


def test_three_lines_each_named_with_its_target(tmp_path):
    corpus = write_crawl_file(CorpusSpec(4), tmp_path / "corpus.jsonl")
    pages = sample_pages(corpus.path)
    figures = peer_figures(pages, FloorSpeed(4, 1.0), FloorSpeed(4, 0.5), pipeline_docs_per_s=3.0)
    assert [(f.name, f.unit, f.target) for f in figures] == [
        ("extract_vs_trafilatura_default", "x", ""),
        ("pipeline_vs_trafilatura_default", "x", ">= 3"),
        ("pipeline_vs_extract_every_core", "x", ">= 0.5"),
    ]
    assert (
        figures[2].value == 3.0 / 8.0
    )  # the pipeline against extract_text on every core, as given
