"""The explorer page at scale: its size for a synthetic warehouse of 300,000 documents (bench/views.py
builds it, with implementation events), and how long the page takes to answer a filter in Debian's
chromium when it and Playwright are there.

    python -m bench.report_size [workdir]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb

from bench.measure import Figure, percentile
from bench.views import build_view_warehouse, publish_view_warehouse
from pipelines.report import write_report
from pipelines.report.explorer_page import PLOTLY_JS
from pipelines.report.screenshot import CHROMIUM

DOCS = 300_000
# Filter changes a researcher makes, one after the other (select id, value).
CHARTS = ("activity", "matrix", "timeline", "coverage")
FILTER_STEPS = [("f-goal", "victims"), ("f-mode", "action"), ("f-source", "doj"), ("f-role", "actor"),
                ("f-member", "DE"), ("f-member", ""), ("f-role", ""), ("f-source", ""), ("f-mode", ""),
                ("f-goal", "")]


def report_size_figures(workdir: Path, docs: int = DOCS) -> list[Figure]:
    workdir.mkdir(parents=True, exist_ok=True)
    warehouse = workdir / "report.duckdb"
    build_view_warehouse(warehouse, docs)
    published, _ = publish_view_warehouse(warehouse)
    report = write_report(published, workdir / "report")
    with duckdb.connect(str(published), read_only=True) as conn:
        relevant, events = conn.execute(
            "SELECT count(DISTINCT doc_id), count(*) FROM member_goal_documents").fetchone()
    page_mb = report.index.stat().st_size / 1e6
    script_mb = (report.index.parent / PLOTLY_JS).stat().st_size / 1e6
    figures = [Figure("report_mb_at_300k" if docs == DOCS else f"report_mb_at_{docs}", page_mb + script_mb,
                      "MB", "<= 30", note=f"index.html {page_mb:.1f} MB + {PLOTLY_JS} {script_mb:.1f} MB; "
                      f"{docs} synthetic documents, {relevant} relevant with {events} events")]
    timings = filter_timings(report.index)
    if timings:
        figures.append(Figure("explorer_filter_p95_ms", percentile(timings, 0.95), "ms", "<= 200",
                              note=f"{len(FILTER_STEPS)} filter changes on that page in chromium, each "
                              "answered by redrawing the charts in view and then the others as they "
                              f"are scrolled to: {len(timings)} responses, median "
                              f"{percentile(timings, 0.5):.0f} ms; load average "
                              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"))
    return figures


def filter_timings(index: Path) -> list[float]:
    """Milliseconds the page took to answer each filter change (its own measure, from the change
    event to the last chart in view redrawn) and to redraw each chart the change left stale when it
    was scrolled to; empty without chromium or Playwright."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return []
    if not Path(CHROMIUM).is_file():
        return []
    timings = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(index.resolve().as_uri(), timeout=120_000)
        page.wait_for_function("document.body.dataset.renderMs !== undefined", timeout=120_000)
        for select, value in FILTER_STEPS:
            page.evaluate("window.scrollTo(0, 0)")
            page.evaluate("delete document.body.dataset.renderMs")
            page.select_option(f"#{select}", value)
            page.wait_for_function("document.body.dataset.renderMs !== undefined")
            timings.append(float(page.evaluate("document.body.dataset.renderMs")))
            # then scroll to every chart the change left stale: each redraw is a response too
            for chart in CHARTS:
                page.evaluate(f"document.getElementById('{chart}').scrollIntoView()")
                page.wait_for_function(f"!document.getElementById('{chart}').dataset.stale")
        timings.extend(page.evaluate("JSON.parse(document.body.dataset.scrollDrawMs || '[]')"))
        browser.close()
    return timings


if __name__ == "__main__":
    work = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="alliance-report-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        for figure in report_size_figures(work):
            print(figure.line(), flush=True)
    finally:
        if len(sys.argv) < 2:
            shutil.rmtree(work, ignore_errors=True)
