"""Scores of one gold set against predictions, as figures, a printable report and floor checks."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pipelines.evaluation.event_scores import EventScores, format_event_report, score_events
from pipelines.evaluation.gold import GoldItem
from pipelines.evaluation.metrics import (
    Counts,
    TrapCounts,
    TrapOutcome,
    binary_counts,
    per_label_counts,
    set_counts,
    trap_confusion,
)

# The US is named in almost every DOJ release ("U.S. Attorney"), so it would swamp the member
# figures; the gate watches the micro score without it, and reports both.
US = "US"


@dataclass(frozen=True)
class Prediction:
    relevant: bool
    members: frozenset[str]
    goals: frozenset[str]
    events: Mapping[tuple[str, str, str], str] = field(default_factory=dict)  # (member, goal, mode) -> role


@dataclass(frozen=True)
class SetScores:
    size: int
    relevance: Counts
    members_excl_us: Counts
    members_all: Counts
    per_member: dict[str, Counts]
    goals: Counts
    per_goal: dict[str, Counts]
    traps: dict[str, TrapCounts]
    events: EventScores | None = None  # None: no item of the set has its events labelled
    relevance_by_genre: dict[str, Counts] = field(default_factory=dict)  # items that name a genre

    def figures(self) -> dict[str, float]:
        """Flat named figures; the names floors.json refers to."""
        out: dict[str, float] = dict(self.events.figures()) if self.events else {}
        for prefix, counts in (("relevance", self.relevance),
                               ("member_micro", self.members_all),
                               ("goal_micro", self.goals)):
            out.update({f"{prefix}_precision": counts.precision, f"{prefix}_recall": counts.recall,
                        f"{prefix}_f1": counts.f1})
        c = self.members_excl_us
        out.update({"member_micro_precision_excl_us": c.precision,
                    "member_micro_recall_excl_us": c.recall, "member_micro_f1_excl_us": c.f1})
        out.update({f"goal_f1_{goal}": c.f1 for goal, c in self.per_goal.items()})
        out.update({f"member_f1_{code}": c.f1 for code, c in self.per_member.items()})
        out.update({f"relevance_f1_{genre}": c.f1 for genre, c in self.relevance_by_genre.items()})
        return out


def score(items: Sequence[GoldItem], predictions: Mapping[str, Prediction]) -> SetScores:
    """Score every item; an item without a prediction is an error, not a silent miss."""
    if missing := [i.id for i in items if i.id not in predictions]:
        raise KeyError(f"no prediction for {len(missing)} gold items, e.g. {missing[:3]}")
    pairs = [(item, predictions[item.id]) for item in items]
    member_pairs = [(i.members, p.members) for i, p in pairs]
    goal_pairs = [(i.goals, p.goals) for i, p in pairs]
    return SetScores(
        size=len(items),
        relevance=binary_counts((i.relevant, p.relevant) for i, p in pairs),
        members_excl_us=set_counts(member_pairs, exclude={US}),
        members_all=set_counts(member_pairs),
        per_member=per_label_counts(member_pairs),
        goals=set_counts(goal_pairs),
        per_goal=per_label_counts(goal_pairs),
        traps=trap_confusion(
            TrapOutcome(i.traps, set(i.members) == p.members, i.relevant == p.relevant)
            for i, p in pairs
        ),
        events=(score_events(items, {i.id: p.events for i, p in pairs})
                if any(i.events is not None for i in items) else None),
        relevance_by_genre={
            genre: binary_counts((i.relevant, p.relevant) for i, p in pairs if i.genre == genre)
            for genre in sorted({i.genre for i in items if i.genre})
        },
    )


def item_errors(items: Sequence[GoldItem], predictions: Mapping[str, Prediction]) -> list[str]:
    """One line per wrong answer: item id, what was wrong, missed (-) and invented (+) labels."""
    lines = []
    for item in items:
        p = predictions[item.id]
        if item.relevant != p.relevant:
            lines.append(f"{item.id} relevance: gold {item.relevant}, predicted {p.relevant}")
        for what, gold, predicted in (("members", set(item.members), p.members),
                                      ("goals", set(item.goals), p.goals)):
            if gold != predicted:
                lines.append(f"{item.id} {what}: -{sorted(gold - predicted)} "
                             f"+{sorted(predicted - gold)}")
    return lines


def _row(name: str, c: Counts) -> str:
    return (f"  {name:<28} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}"
            f"  (support {c.support}, tp {c.tp}, fp {c.fp}, fn {c.fn})")


def format_report(name: str, scores: SetScores) -> str:
    lines = [f"== {name}: {scores.size} items",
             _row("relevance", scores.relevance),
             _row("members micro excl. US", scores.members_excl_us),
             _row("members micro incl. US", scores.members_all),
             _row("goals micro", scores.goals),
             "  per goal:"]
    lines += [_row(goal, c) for goal, c in scores.per_goal.items()]
    lines.append("  per member:")
    lines += [_row(code, c) for code, c in scores.per_member.items()]
    lines.append("  traps (items / wrong member set / wrong relevance):")
    lines += [f"  {trap:<28} {t.items:>4} {t.wrong_members:>4} {t.wrong_relevance:>4}"
              for trap, t in scores.traps.items()]
    if scores.relevance_by_genre:
        lines.append("  relevance per document type:")
        lines += [_row(genre, c) for genre, c in scores.relevance_by_genre.items()]
    if scores.events is not None:
        lines.append(format_event_report(name, scores.events))
    return "\n".join(lines)


def _lookup(figures_by_set: Mapping[str, Mapping[str, float]], key: str,
            default_set: str) -> float | None:
    """A floor key is `<figure>` (for the default set) or `<set>.<figure>`."""
    set_name, _, figure = key.rpartition(".")
    return figures_by_set.get(set_name or default_set, {}).get(figure)


def floor_failures(figures_by_set: Mapping[str, Mapping[str, float]],
                   floors: Mapping[str, float], default_set: str) -> list[str]:
    """Messages for every floor whose figure is below it, or that names no known figure."""
    failures = []
    for key, floor in sorted(floors.items()):
        value = _lookup(figures_by_set, key, default_set)
        if value is None:
            failures.append(f"{key}: no such figure")
        elif value < floor:
            failures.append(f"{key}: {value:.4f} is below the floor {floor:.2f}")
    return failures


def raised_floors(floors: Mapping[str, float], figures_by_set: Mapping[str, Mapping[str, float]],
                  default_set: str) -> dict[str, float]:
    """Each floor raised to its current figure rounded down to 2 decimals; never lowered."""
    raised = {}
    for key, floor in floors.items():
        value = _lookup(figures_by_set, key, default_set)
        current = math.floor(value * 100 + 1e-9) / 100 if value is not None else floor
        raised[key] = max(floor, current)
    return raised
