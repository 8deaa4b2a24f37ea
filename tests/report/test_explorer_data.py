"""The explorer's data and accuracy sentences, from plain rows (the browser tests cover the page)."""

import json
from datetime import date, datetime

from pipelines.report import write_report
from pipelines.report.accuracy import accuracy_notes
from pipelines.report.data import CoverageWeek, Summary
from pipelines.report.explorer_data import Gap, coverage_gaps
from pipelines.report.explorer_page import PLOTLY_JS, render_explorer

FIGURES = {
    "codebook_version": "2026.12.1",
    "gold_sets": {"events_dev": 66, "own": 188},
    "interval": "95% percentile bootstrap over documents, 1000 resamples",
    "figures": {"goal:victims": {"documents": 206, "precision": 0.9253, "precision_95": [0.8853, 0.9581],
                                 "recall": 0.8321, "recall_95": [0.749, 0.8977], "support": 140},
                "mode_accuracy": {"matched_pairs": 752, "value": 0.95}},
}


def week(source, monday, status, listed, fetched):
    missing = None if listed is None else max(listed - fetched, 0)
    return CoverageWeek(source, monday, status, listed, fetched, fetched, fetched, missing)


def test_gaps_merge_weeks_without_documents_and_weeks_fetched_short():
    weeks = [
        week("doj", date(2014, 1, 6), "never_crawled", None, 0),
        week("doj", date(2014, 1, 13), "failed", None, 0),
        week("doj", date(2014, 1, 20), "crawled_complete", 0, 0),      # crawled, nothing published
        week("doj", date(2014, 1, 27), "crawled_complete", 5, 3),      # listed more than fetched
        week("doj", date(2014, 2, 3), "crawled_complete", 4, 4),
        week("eu", date(2014, 1, 6), "never_crawled", None, 0),
        week("eu", None, None, None, 2),                               # undated: no week to shade
    ]
    assert coverage_gaps(weeks) == [
        Gap("doj", date(2014, 1, 6), date(2014, 1, 20), "not_fetched", 2),
        Gap("doj", date(2014, 1, 27), date(2014, 2, 3), "short", 1),
        Gap("eu", date(2014, 1, 6), date(2014, 1, 13), "not_fetched", 1),
    ]


def test_accuracy_sentence_gives_interval_size_and_codebook():
    notes = accuracy_notes(FIGURES, "2026.12.1")
    assert notes["notes"] == {"goal:victims": "victims: precision 0.93 (95% 0.89–0.96), recall 0.83 "
                              "(95% 0.75–0.90) on 140 labelled events in 206 documents, codebook 2026.12.1"}
    assert notes["warning"] is None
    assert notes["method"] == ("Measured by `make eval` on hand-labelled gold sets (events_dev 66, own 188 "
                               "documents); intervals: 95% percentile bootstrap over documents, 1000 resamples.")


def test_accuracy_warns_when_the_warehouse_codebook_differs():
    assert "measured on codebook 2026.12.1; this warehouse was tagged with codebook 2027.1.0" in (
        accuracy_notes(FIGURES, "2027.1.0")["warning"])
    assert "make eval" in accuracy_notes(None, "2026.12.1")["warning"]


def test_explorer_carries_the_figures_and_plotly_beside_it(shared_warehouse, tmp_path):
    figures = tmp_path / "accuracy.json"
    figures.write_text(json.dumps(FIGURES))
    written = write_report(shared_warehouse, tmp_path / "out", accuracy_path=figures)
    page = written.index.read_text(encoding="utf-8")
    assert "victims: precision 0.93 (95% 0.89–0.96)" in page
    assert "tagged with codebook cb-test: they may not hold for it" in page
    assert f'<script src="{PLOTLY_JS}">' in page and "cdn" not in page.lower()
    assert (written.index.parent / PLOTLY_JS).stat().st_size > 1_000_000


def test_a_title_cannot_end_the_pages_data(tmp_path):
    blob = {"span": [None, None], "members": [], "goals": [], "roles": [], "sources": [],
            "accuracy": {"warning": None}, "docs": {"title": ["</script><!--<script>alert(1)"]}}
    page = render_explorer(Summary(None, 0, 0, None, None), [], "note", blob, [], tmp_path, datetime(2026, 1, 1))
    data = page.split('<script id="explorer-data" type="application/json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(data) == blob
