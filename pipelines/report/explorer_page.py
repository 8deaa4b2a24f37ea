"""The explorer page (index.html): filters, plotly.js charts and a document list over an inline JSON blob.

plotly.js is the file the `plotly` package ships, written beside the page: no server, no network."""

from __future__ import annotations

import json
from datetime import datetime
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any

from pipelines.report.coverage import SourceCoverage
from pipelines.report.data import Member, Summary
from pipelines.report.page import coverage_table, describe, silent_note

PLOTLY_JS = "plotly.min.js"

_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 1250px; margin: 1.5em auto; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
.note { background: #fff6da; border-left: 4px solid #e0b400; padding: .6em 1em; }
.warning { background: #fde2e1; border-left: 4px solid #c0392b; padding: .6em 1em; }
.accuracy { color: #345; font-size: .9em; background: #f2f6fa; padding: .2em .8em; }
.accuracy p { margin: .2em 0; }
#filters { position: sticky; top: 0; background: #fff; padding: .6em 0; border-bottom: 1px solid #ddd; z-index: 10; }
#filters label { margin-right: 1em; white-space: nowrap; }
table { border-collapse: collapse; margin: 1em 0; } td, th { padding: .2em .8em; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
mark.member { background: #cfe3ff; } mark.goal { background: #ffe08a; }
.meta, .key { color: #666; }
"""

_KEY = (
    "Grey bands behind the time axes: weeks from which no document was fetched (not crawled, failed, or "
    "nothing stored), orange: weeks whose listings announced more documents than were fetched. There, "
    "no evidence is not evidence of no action. Click a point, bar or cell to list its documents below."
)
_TIMELINE_KEY = (
    "Filled dots: documents reporting action; hollow: commitments only; red tick: join date. Grey row "
    "shading: days the roster says the country was not a member; pale yellow row: join date unknown."
)


def plotly_js() -> bytes:
    """The plotly.js bundle the installed `plotly` package ships."""
    return files("plotly").joinpath("package_data", PLOTLY_JS).read_bytes()


def render_explorer(summary: Summary, sources: list[SourceCoverage], note: str, blob: dict[str, Any],
                    silent_members: list[Member], database: Path, generated_at: datetime) -> str:
    # "<" escaped: no title or sentence can end the script element ("</script>") or open a comment
    data = json.dumps(blob, separators=(",", ":"), ensure_ascii=False).replace("<", "\\u003c")
    script = files("pipelines.report").joinpath("explorer.js").read_text(encoding="utf-8")
    warning = blob["accuracy"]["warning"]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>Global Alliance against child sexual abuse online: what members did</title>",
        f"<style>{_STYLE}</style>",
        f'<script src="{PLOTLY_JS}"></script></head><body>',
        "<h1>Global Alliance against child sexual abuse online: what members did, per goal</h1>",
        (f'<p class="meta">{describe(summary, database, generated_at)} '
        '<a href="print.html">Printable version</a>.</p>'),
        f'<p class="note">{escape(note)}</p>',
        f'<p class="warning" id="accuracy-warning">{escape(warning)}</p>' if warning else "",
        _filters(blob),
        f'<p class="key">{_KEY}</p>',
        "<h2>Activity per goal over time</h2>",
        '<div class="accuracy" id="acc-activity"></div><div id="activity"></div>',
        "<h2>Members and goals</h2>",
        '<div class="accuracy" id="acc-matrix"></div><div id="matrix"></div>',
        silent_note(silent_members),
        "<h2>One timeline per member</h2>",
        f'<p class="key">{_TIMELINE_KEY}</p>',
        '<div class="accuracy" id="acc-timeline"></div><div id="timeline"></div>',
        "<h2>Coverage per source and week</h2>",
        '<div id="coverage"></div>',
        coverage_table(sources),
        '<section id="documents-section"><h2>Documents</h2>',
        '<p id="documents-what">Click a point, bar or cell above.</p>',
        ('<table id="documents"><thead><tr><th>date</th><th>source</th><th>title</th>'
        "<th>evidence (member, goal)</th></tr></thead><tbody></tbody></table></section>"),
        f'<script id="explorer-data" type="application/json">{data}</script>',
        f"<script>{script}</script>",
        "</body></html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def _filters(blob: dict[str, Any]) -> str:
    def select(name: str, label: str, options: list[tuple[str, str]]) -> str:
        items = "".join(f'<option value="{escape(v)}">{escape(text)}</option>' for v, text in options)
        return f'<label>{label} <select id="f-{name}"><option value="">all</option>{items}</select></label>'

    first, last = blob["span"]
    bounds = "".join(f' {k}="{v}"' for k, v in (("min", first), ("max", last)) if v)
    return (
        '<form id="filters" onsubmit="return false">'
        + select("member", "member", [(m["code"], f"{m['code']} {m['name']}") for m in blob["members"]])
        + select("goal", "goal", [(g["code"], g["name"]) for g in blob["goals"]])
        + select("mode", "mode", [("action", "action"), ("commitment", "commitment")])
        + select("role", "role", [(r, r) for r in blob["roles"]])
        + select("source", "source", [(s, s) for s in blob["sources"]])
        + f'<label>from <input type="date" id="f-from"{bounds}></label>'
        + f'<label>to <input type="date" id="f-to"{bounds}></label>'
        + "</form>"
    )

