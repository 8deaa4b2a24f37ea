"""The report's charts, drawn with matplotlib's object API on the Agg canvas (no pyplot, no display)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import matplotlib.dates as mdates
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from pipelines.report.data import CoverageWeek, Goal, GoalQuarter, Member, MemberGoalTotal

ACTION_COLOR, COMMITMENT_COLOR = "#1f6fb4", "#f0a030"
DPI = 100

# Events that change what the documents can be expected to say.
MILESTONES = (
    (date(2012, 12, 5), "launch"),
    (date(2014, 9, 30), "2nd ministerial"),
    (date(2015, 11, 16), "WePROTECT merger"),
)


def new_figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def save(figure: Figure, path: Path) -> Path:
    figure.savefig(path, format="png", dpi=DPI)
    return path


def mark_milestones(axes, labelled: bool) -> None:
    for day, label in MILESTONES:
        axes.axvline(day, color="#888888", linestyle=":", linewidth=1)
        if labelled:
            axes.annotate(label, (mdates.date2num(day), 1), xycoords=("data", "axes fraction"),
                          rotation=90, va="top", ha="right", fontsize=7, color="#555555")


def empty_note(axes, text: str) -> None:
    axes.text(0.5, 0.5, text, transform=axes.transAxes, ha="center", va="center", color="#777777")


def empty_chart(text: str, path: Path) -> Path:
    figure = new_figure(8, 3)
    axes = figure.subplots()
    axes.set_axis_off()
    empty_note(axes, text)
    return save(figure, path)


def goal_activity_chart(goals: list[Goal], activity: list[GoalQuarter], path: Path) -> Path:
    """One panel per goal: documents per quarter showing action beside those showing commitment."""
    if not goals:
        return empty_chart("no goals loaded and no goal tagged yet", path)
    columns = 2
    rows = max(1, -(-len(goals) // columns))
    figure = new_figure(12, 3.2 * rows)
    grid = figure.subplots(rows, columns, sharex=True, sharey=True, squeeze=False)
    by_goal = defaultdict(list)
    for quarter in activity:
        by_goal[quarter.goal].append(quarter)
    for index, axes in enumerate(grid.flat):
        if index >= len(goals):
            axes.set_visible(False)
            continue
        goal = goals[index]
        quarters = by_goal.get(goal.code, [])
        axes.set_title(goal.name, fontsize=11)
        if quarters:
            starts = [q.quarter for q in quarters]
            axes.bar([d + timedelta(days=23) for d in starts], [q.actions for q in quarters],
                     width=44, color=ACTION_COLOR, label="action")
            axes.bar([d + timedelta(days=67) for d in starts], [q.commitments for q in quarters],
                     width=44, color=COMMITMENT_COLOR, label="commitment")
        else:
            empty_note(axes, "no relevant dated documents")
        mark_milestones(axes, labelled=index == 0)
        axes.xaxis.set_major_locator(mdates.YearLocator())
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        axes.set_ylabel("documents per quarter", fontsize=8)
        axes.grid(axis="y", alpha=0.3)
    handles, labels = grid.flat[0].get_legend_handles_labels()
    if handles:
        figure.legend(handles, labels, loc="upper right", ncols=2, frameon=False)
    figure.suptitle("Relevant documents per goal and quarter: actions and commitments", x=0.01, ha="left")
    figure.tight_layout(rect=(0, 0, 1, 0.95))
    return save(figure, path)


def member_goal_heatmap(goals: list[Goal], members: list[Member], totals: list[MemberGoalTotal],
                        path: Path) -> Path:
    """Members (rows, busiest first) x goals (columns): relevant documents over the whole period."""
    if not goals or not members:
        return empty_chart("no members or no goals loaded yet", path)
    counts = {(t.member_code, t.goal): t.documents for t in totals}
    ordered = sorted(members, key=lambda m: (-sum(counts.get((m.code, g.code), 0) for g in goals), m.code))
    matrix = np.array([[counts.get((m.code, g.code), 0) for g in goals] for m in ordered])
    figure = new_figure(7, 1.6 + 0.24 * max(len(ordered), 4))
    axes = figure.subplots()
    image = axes.imshow(matrix, cmap="Blues", aspect="auto", vmin=0, vmax=max(1, int(matrix.max())))
    axes.set_xticks(range(len(goals)), [g.name for g in goals])
    axes.xaxis.tick_top()
    axes.set_yticks(range(len(ordered)), [m.label for m in ordered], fontsize=8)
    threshold = matrix.max() * 0.6
    for (row, column), value in np.ndenumerate(matrix):
        if value:
            axes.text(column, row, str(value), ha="center", va="center", fontsize=7,
                      color="white" if value > threshold else "black")
    figure.colorbar(image, ax=axes, shrink=0.4, label="relevant documents")
    axes.set_title("Documents with an implementation event, per member and goal (any role)", fontsize=10, pad=24)
    figure.tight_layout()
    return save(figure, path)


def coverage_chart(coverage: list[CoverageWeek], path: Path) -> Path:
    """Per source: documents fetched per quarter, and what the listings announced where recorded."""
    sources = sorted({w.source for w in coverage})
    if not sources:
        return empty_chart("no documents collected yet", path)
    figure = new_figure(12, 1.2 + 2.4 * len(sources))
    grid = figure.subplots(len(sources), 1, sharex=True, squeeze=False)
    for axes, source in zip(grid.flat, sources):
        weeks = [w for w in coverage if w.source == source]
        fetched, listed = _per_quarter(weeks)
        quarters = sorted(fetched)
        axes.bar([q + timedelta(days=45) for q in quarters], [fetched[q] for q in quarters],
                 width=80, color="#5a9e6f", label="fetched")
        if listed:
            marked = sorted(listed)
            axes.plot([q + timedelta(days=45) for q in marked], [listed[q] for q in marked], "k_",
                      markersize=14, markeredgewidth=2, label="listed")
        undated = sum(w.fetched for w in weeks if w.week is None)
        axes.set_title(f"{source}: documents per quarter (by the Monday of their week); "
                       f"{undated} undated not shown", fontsize=10, loc="left")
        axes.legend(loc="upper right", frameon=False, fontsize=8)
        mark_milestones(axes, labelled=False)
        axes.grid(axis="y", alpha=0.3)
    figure.tight_layout()
    return save(figure, path)


def _per_quarter(weeks: list[CoverageWeek]) -> tuple[dict[date, int], dict[date, int]]:
    fetched: dict[date, int] = defaultdict(int)
    listed: dict[date, int] = defaultdict(int)
    for week in weeks:
        if week.week is None:
            continue
        quarter = date(week.week.year, 3 * ((week.week.month - 1) // 3) + 1, 1)
        fetched[quarter] += week.fetched
        if week.listed is not None:
            listed[quarter] += week.listed
    return dict(fetched), dict(listed)
