"""The report's index.html: one self-contained page (inline style) that shows the charts beside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path

from pipelines.report.coverage import SourceCoverage
from pipelines.report.data import Member, Summary

_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 1250px; margin: 2em auto; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
.note { background: #fff6da; border-left: 4px solid #e0b400; padding: .6em 1em; }
table { border-collapse: collapse; margin: 1em 0; } td, th { padding: .2em .8em; border-bottom: 1px solid #eee; text-align: right; }
th:first-child, td:first-child { text-align: left; }
img { max-width: 100%; border: 1px solid #eee; margin: .5em 0; }
.meta { color: #666; }
"""

_COUNTING = (
    "<p>Only documents the tagger judged relevant to the Alliance count. A document counts for a "
    "member when it mentions the country or when the country issued it: every DOJ press release "
    "counts for the United States. It counts as an <em>action</em> when a sentence reports something "
    "done, as a <em>commitment</em> when one announces or promises it; a document can be both. "
    "Each document counts once per member, goal and quarter.</p>"
)
_TIMELINE_KEY = (
    "<p>Filled dots: documents reporting action; hollow dots: commitments only. Grey: days on which "
    "the roster says the country was not a member; pale yellow panel: join date unknown.</p>"
)


@dataclass(frozen=True)
class Charts:
    """File names of the charts, relative to index.html."""

    goal_activity: str
    heatmap: str
    timelines: list[str]
    coverage: str


def render_page(summary: Summary, sources: list[SourceCoverage], note: str, charts: Charts,
                silent_members: list[Member], database: Path, generated_at: datetime) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>Global Alliance against child sexual abuse online: what members did</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Global Alliance against child sexual abuse online: what members did, per goal</h1>",
        f'<p class="meta">{describe(summary, database, generated_at)}</p>',
        "<h2>Read this first: what the collection covers</h2>",
        f'<p class="note">{escape(note)}</p>',
        coverage_table(sources),
        "<h2>How documents are counted</h2>",
        _COUNTING,
        "<h2>Activity per goal over time</h2>",
        _image(charts.goal_activity, "Relevant documents per goal and quarter, actions beside commitments"),
        "<h2>Members and goals</h2>",
        _image(charts.heatmap, "Relevant documents per member and goal over the whole period"),
        "<h2>One timeline per member</h2>",
        _TIMELINE_KEY,
        *(_image(name, f"Member timelines, page {n}") for n, name in enumerate(charts.timelines, start=1)),
        silent_note(silent_members),
        "<h2>Coverage over time</h2>",
        _image(charts.coverage, "Documents fetched per source and quarter, with listing counts"),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def describe(summary: Summary, database: Path, generated_at: datetime) -> str:
    span = (f"published {summary.first_published} to {summary.last_published}"
            if summary.first_published else "no dated documents")
    codebook = summary.codebook_version or "none yet"
    return escape(
        f"{summary.documents} documents ({summary.relevant_documents} relevant), {span}; "
        f"codebook {codebook}; read from {database} at {generated_at:%Y-%m-%d %H:%M} UTC."
    )


def _image(name: str, alt: str) -> str:
    return f'<p><img src="{escape(name)}" alt="{escape(alt)}"></p>'


def coverage_table(sources: list[SourceCoverage]) -> str:
    if not sources:
        return ""
    head = ("<tr><th>source</th><th>first week</th><th>last week</th><th>weeks without documents</th>"
            "<th>weeks crawled completely</th><th>weeks not</th>"
            "<th>listed</th><th>fetched</th><th>not fetched</th><th>extracted</th><th>tagged</th>"
            "<th>undated</th></tr>")
    rows = [
        "<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in (
            s.source, s.first_week or "", s.last_week or "", f"{s.silent_weeks} of {s.weeks}",
            s.crawled_weeks, s.uncovered_weeks,
            "not recorded" if s.listed is None else s.listed, s.fetched,
            "unknown" if s.listed is None else s.missing, s.extracted, s.tagged, s.undated,
        )) + "</tr>"
        for s in sources
    ]
    return "<table>" + head + "".join(rows) + "</table>"


def silent_note(members: list[Member]) -> str:
    if not members:
        return ""
    names = ", ".join(escape(m.label) for m in members)
    return (f"<p>No dated relevant document shows these {len(members)} members acting on or "
            f"committing to any goal: {names}.</p>")
