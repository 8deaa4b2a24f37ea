"""write_report: read the warehouse once; write the explorer (index.html, with plotly.min.js beside it)
and the printable page (print.html with PNG charts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from pipelines.reference_files import ACCURACY_JSON, read_accuracy
from pipelines.report.accuracy import accuracy_notes
from pipelines.report.charts import coverage_chart, goal_activity_chart, member_goal_heatmap
from pipelines.report.coverage import coverage_note, summarize
from pipelines.report.data import ReportData, missing_relations, read_report_data
from pipelines.report.explorer_data import EventRow, explorer_blob
from pipelines.report.explorer_page import PLOTLY_JS, plotly_js, render_explorer
from pipelines.report.page import Charts, render_page
from pipelines.report.timelines import member_timelines, members_with_evidence
from warehouse.sql import query

GOAL_ACTIVITY, HEATMAP, COVERAGE = "goal_activity.png", "member_goal_heatmap.png", "coverage.png"


class ReportError(Exception):
    """The report cannot be written; the message is one line saying what and where."""


@dataclass(frozen=True)
class Report:
    index: Path             # the explorer
    printable: Path         # print.html: the same story as static PNGs
    charts: list[Path]      # every PNG the printable page shows, in page order
    coverage_note: str


def write_report(db_path: Path, out_dir: Path, accuracy_path: Path = ACCURACY_JSON) -> Report:
    """Write index.html (the explorer), print.html and its PNG charts into out_dir from the warehouse
    at db_path (read-only); the accuracy figures come from accuracy_path."""
    db_path, out_dir = Path(db_path), Path(out_dir)
    data, events = _read(db_path)
    if out_dir.exists() and not out_dir.is_dir():
        raise ReportError(f"report target {out_dir} exists but is not a directory")
    out_dir.mkdir(parents=True, exist_ok=True)

    timelines = member_timelines(data.goals, data.members, data.evidence, _span(data), out_dir)
    _remove_stale_timelines(out_dir, keep=timelines)
    charts = Charts(
        goal_activity=goal_activity_chart(data.goals, data.activity, out_dir / GOAL_ACTIVITY).name,
        heatmap=member_goal_heatmap(data.goals, data.members, data.totals, out_dir / HEATMAP).name,
        timelines=[p.name for p in timelines],
        coverage=coverage_chart(data.coverage, out_dir / COVERAGE).name,
    )
    sources = summarize(data.coverage)
    note = coverage_note(sources)
    shown = {m.code for m in members_with_evidence(data.members, data.evidence)}
    silent = [m for m in data.members if m.code not in shown]
    now = datetime.now(UTC)
    printable = _write(out_dir / "print.html",
                       render_page(data.summary, sources, note, charts, silent, db_path, now).encode())
    accuracy = accuracy_notes(read_accuracy(accuracy_path), data.summary.codebook_version)
    blob = explorer_blob(events, data.goals, data.members, data.coverage, _span(data), accuracy)
    _write(out_dir / PLOTLY_JS, plotly_js())
    index = _write(out_dir / "index.html", render_explorer(
        data.summary, sources, note, blob, silent, db_path, now).encode())
    names = [charts.goal_activity, charts.heatmap, *charts.timelines, charts.coverage]
    return Report(index=index, printable=printable, charts=[out_dir / n for n in names],
                  coverage_note=note)


def _write(path: Path, content: bytes) -> Path:
    staging = path.with_name(f".{path.name}.tmp")
    staging.write_bytes(content)
    staging.replace(path)  # a reader never sees half a page
    return path


def _read(db_path: Path) -> tuple[ReportData, list[EventRow]]:
    if not db_path.is_file():
        raise ReportError(f"no warehouse at {db_path}")
    try:
        with duckdb.connect(str(db_path), read_only=True) as conn:
            if missing := missing_relations(conn):
                raise ReportError(
                    f"{db_path} lacks {', '.join(missing)} "
                    f"(built by an older version? run the pipeline to migrate and publish it again)"
                )
            events = [EventRow(*row) for row in conn.execute(query("explorer_events")).fetchall()]
            return read_report_data(conn), events
    except duckdb.Error as error:
        raise ReportError(f"reading {db_path}: {str(error).splitlines()[0]}") from error


def _span(data: ReportData) -> tuple:
    """The dates the timelines cover: the whole collection, so quiet years show as quiet."""
    first, last = data.summary.first_published, data.summary.last_published
    if first is None:
        today = datetime.now(UTC).date()
        return today, today
    return first, last


def _remove_stale_timelines(out_dir: Path, keep: list[Path]) -> None:
    # an earlier report with more members wrote more pages; left behind they would mislead
    for path in out_dir.glob("member_timelines_*.png"):
        if path not in keep:
            path.unlink()
