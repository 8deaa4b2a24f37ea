"""One timeline per member, as small multiples: a row per goal, a dot per document, membership shaded."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import matplotlib.dates as mdates
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from pipelines.report.charts import (
    ACTION_COLOR,
    COMMITMENT_COLOR,
    empty_chart,
    mark_milestones,
    new_figure,
    save,
)
from pipelines.report.data import Evidence, Goal, Member

PANELS_PER_PAGE = 20
COLUMNS = 4
OUTSIDE_COLOR = "#e4e4e4"
# Page margins and the gap between rows of panels (title above, years below), in inches.
_LEFT_IN, _RIGHT_IN, _TOP_IN, _BOTTOM_IN, _GAP_IN = 0.85, 0.15, 0.6, 0.3, 0.5


def page_name(number: int) -> str:
    return f"member_timelines_{number:02d}.png"


def members_with_evidence(members: list[Member], evidence: list[Evidence]) -> list[Member]:
    """Members that have dated evidence, busiest first."""
    counts: dict[str, int] = defaultdict(int)
    for item in evidence:
        counts[item.member_code] += 1
    known = [m for m in members if counts.get(m.code)]
    return sorted(known, key=lambda m: (-counts[m.code], m.code))


def member_timelines(goals: list[Goal], members: list[Member], evidence: list[Evidence],
                     span: tuple[date, date], out_dir: Path) -> list[Path]:
    """Pages of small multiples (member_timelines_01.png, ...), one panel per member with evidence."""
    shown = members_with_evidence(members, evidence)
    by_member: dict[str, list[Evidence]] = defaultdict(list)
    for item in evidence:
        by_member[item.member_code].append(item)
    if not shown:
        return [empty_chart("no member shows any goal in a dated relevant document", out_dir / page_name(1))]
    pages = [shown[i:i + PANELS_PER_PAGE] for i in range(0, len(shown), PANELS_PER_PAGE)]
    return [
        _page(goals, page, by_member, span, out_dir / page_name(number), number, len(pages))
        for number, page in enumerate(pages, start=1)
    ]


def _page(goals, page: list[Member], by_member, span, path: Path, number: int, total: int) -> Path:
    rows = max(1, -(-len(page) // COLUMNS))
    figure = new_figure(16, 1.0 + 1.9 * rows)
    # Every panel gets the same limits, ticks and tick labels, so the axes are not shared: matplotlib
    # checks every sibling of a shared axis at each limit lookup, a quarter of the page's time.
    grid = figure.subplots(rows, COLUMNS, squeeze=False)
    start, end = span[0] - timedelta(days=30), span[1] + timedelta(days=30)
    for index, axes in enumerate(grid.flat):
        if index >= len(page):
            axes.set_visible(False)
            continue
        _panel(axes, goals, page[index], by_member[page[index].code], start, end,
               first_column=index % COLUMNS == 0)
    figure.legend(handles=_legend(), loc="upper right", ncols=3, frameon=False, fontsize=8)
    figure.suptitle(f"Member timelines ({number} of {total}): relevant documents per goal",
                    x=0.01, ha="left")
    _fixed_layout(figure, rows)
    return save(figure, path)


def _fixed_layout(figure, rows: int) -> None:
    """Margins in inches, set once: every panel has the same furniture (a one-line title, the goal
    names at 7 pt left of the first column, the years below), so matplotlib's tight_layout, which
    measures every label of every panel and took half the report's time, would find the same."""
    width, height = figure.get_size_inches()
    panel_height = (height - _TOP_IN - _BOTTOM_IN) / rows
    figure.subplots_adjust(left=_LEFT_IN / width, right=1 - _RIGHT_IN / width,
                           bottom=_BOTTOM_IN / height, top=1 - _TOP_IN / height,
                           wspace=0.06, hspace=_GAP_IN / (panel_height - _GAP_IN))


def _panel(axes, goals: list[Goal], member: Member, evidence: list[Evidence], start: date, end: date,
           first_column: bool) -> None:
    row_of = {g.code: i for i, g in enumerate(goals)}
    axes.set_xlim(start, end)
    if member.joined_on is None:
        axes.set_facecolor("#fbf6e0")  # membership unknown: no shading can be trusted
    else:
        if member.joined_on > start:
            axes.axvspan(start, member.joined_on, color=OUTSIDE_COLOR, linewidth=0)
        if member.left_on is not None and member.left_on < end:
            axes.axvspan(member.left_on, end, color=OUTSIDE_COLOR, linewidth=0)
    for action in (False, True):  # actions drawn last, on top
        items = [e for e in evidence if e.action is action and e.goal in row_of]
        color = ACTION_COLOR if action else COMMITMENT_COLOR
        axes.scatter([e.published for e in items], [row_of[e.goal] for e in items], s=22,
                     facecolors=color if action else "none", edgecolors=color, linewidths=1.2)
    mark_milestones(axes, labelled=False)
    axes.set_ylim(len(goals) - 0.5, -0.5)
    if first_column:  # the goal names once per row of panels
        axes.set_yticks(range(len(goals)), [g.name for g in goals], fontsize=7)
    else:
        axes.set_yticks(range(len(goals)))
        axes.tick_params(axis="y", labelleft=False)
    axes.xaxis.set_major_locator(mdates.YearLocator())
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    axes.tick_params(axis="x", labelsize=7)  # years under every panel, above an empty slot too
    joined = "join date unknown" if member.joined_on is None else f"joined {member.joined_on}"
    left = f", left {member.left_on}" if member.left_on else ""
    axes.set_title(f"{member.label} ({joined}{left})", fontsize=8, loc="left")


def _legend() -> list:
    return [
        Line2D([], [], marker="o", linestyle="", color=ACTION_COLOR, label="action"),
        Line2D([], [], marker="o", linestyle="", markerfacecolor="none", color=COMMITMENT_COLOR,
               label="commitment"),
        Patch(color=OUTSIDE_COLOR, label="not a member (roster dates)"),
    ]
