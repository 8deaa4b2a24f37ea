"""Scores of implementation events: (member, goal, mode) per document against the gold labels.

- events: micro over every (document, member, goal, mode), and macro (the mean of each document's
  F1; a document with nothing to find and nothing predicted scores 1);
- pairs: (document, member, goal), whatever the mode;
- mode accuracy: of the pairs found in both, those whose modes (action, commitment or both) agree;
- goals: (document, goal) pairs that have at least one event;
- roles: gold role against predicted role on the events found in both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipelines.evaluation.gold import GoldItem
from pipelines.evaluation.metrics import Counts, set_counts

Triple = tuple[str, str, str]  # member, goal, mode
ROLES = ("actor", "partner", "signatory")


@dataclass(frozen=True)
class EventScores:
    documents: int
    gold_events: int
    events: Counts
    macro_f1: float
    pairs: Counts
    mode_matched: int
    mode_right: int
    goals: Counts
    per_goal: dict[str, Counts]
    per_mode: dict[str, Counts]
    roles: dict[tuple[str, str], int]  # (gold role, predicted role) -> events found in both

    @property
    def mode_accuracy(self) -> float:
        return self.mode_right / self.mode_matched if self.mode_matched else 1.0

    def figures(self) -> dict[str, float]:
        out = {"event_macro_f1": self.macro_f1, "mode_accuracy": self.mode_accuracy}
        for prefix, counts in (("event_micro", self.events), ("pair_micro", self.pairs),
                               ("event_goal_micro", self.goals)):
            out.update({f"{prefix}_precision": counts.precision, f"{prefix}_recall": counts.recall,
                        f"{prefix}_f1": counts.f1})
        out.update({f"event_f1_{goal}": c.f1 for goal, c in self.per_goal.items()})
        out.update({f"event_f1_{mode}": c.f1 for mode, c in self.per_mode.items()})
        return out


def score_events(items: Sequence[GoldItem], predicted: Mapping[str, Mapping[Triple, str]]
                 ) -> EventScores:
    """`predicted`: per item id, its events as {(member, goal, mode): role}. Only items whose events
    were labelled count."""
    labelled = [i for i in items if i.events is not None]
    if missing := [i.id for i in labelled if i.id not in predicted]:
        raise KeyError(f"no prediction for {len(missing)} gold items, e.g. {missing[:3]}")
    gold_sets = [{e.triple: e.role for e in i.events or ()} for i in labelled]
    pred_sets = [dict(predicted[i.id]) for i in labelled]
    events = set_counts((set(g), set(p)) for g, p in zip(gold_sets, pred_sets))
    per_doc = [set_counts([(set(g), set(p))]) for g, p in zip(gold_sets, pred_sets)]
    macro = sum(c.f1 if c.support or c.fp else 1.0 for c in per_doc) / len(per_doc) if per_doc else 1.0
    pairs = [({t[:2] for t in g}, {t[:2] for t in p}) for g, p in zip(gold_sets, pred_sets)]
    matched = right = 0
    roles: dict[tuple[str, str], int] = {}
    for g, p in zip(gold_sets, pred_sets):
        for pair in {t[:2] for t in g} & {t[:2] for t in p}:
            matched += 1
            right += {t[2] for t in g if t[:2] == pair} == {t[2] for t in p if t[:2] == pair}
        for triple in set(g) & set(p):
            roles[(g[triple], p[triple])] = roles.get((g[triple], p[triple]), 0) + 1
    return EventScores(
        documents=len(labelled),
        gold_events=sum(len(g) for g in gold_sets),
        events=events,
        macro_f1=macro,
        pairs=set_counts(pairs),
        mode_matched=matched,
        mode_right=right,
        goals=set_counts(({t[1] for t in g}, {t[1] for t in p}) for g, p in zip(gold_sets, pred_sets)),
        per_goal=_by(gold_sets, pred_sets, 1),
        per_mode=_by(gold_sets, pred_sets, 2),
        roles=dict(sorted(roles.items())),
    )


def _by(gold_sets: list[dict], pred_sets: list[dict], part: int) -> dict[str, Counts]:
    """Micro counts of events split by one part of the triple (1: goal, 2: mode)."""
    table: dict[str, Counts] = {}
    for g, p in zip(gold_sets, pred_sets):
        for value in {t[part] for t in (*g, *p)}:
            gs = {t for t in g if t[part] == value}
            ps = {t for t in p if t[part] == value}
            table[value] = table.get(value, Counts()) + Counts(len(gs & ps), len(ps - gs), len(gs - ps))
    return dict(sorted(table.items()))


def format_event_report(name: str, s: EventScores) -> str:
    def row(label: str, c: Counts) -> str:
        return (f"  {label:<28} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}"
                f"  (support {c.support}, tp {c.tp}, fp {c.fp}, fn {c.fn})")

    lines = [f"== {name} events: {s.documents} documents, {s.gold_events} labelled events",
             row("events micro", s.events),
             f"  {'events macro over documents':<28} F1 {s.macro_f1:.3f}",
             row("pairs (member, goal)", s.pairs),
             (f"  {'mode accuracy (matched pairs)':<28} {s.mode_accuracy:.3f}"
              f"  ({s.mode_right} of {s.mode_matched})"),
             row("goals with an event", s.goals), "  per goal:"]
    lines += [row(goal, c) for goal, c in s.per_goal.items()]
    lines.append("  per mode:")
    lines += [row(mode, c) for mode, c in s.per_mode.items()]
    lines.append("  roles (gold down, predicted across): " + " ".join(f"{r:>9}" for r in ROLES))
    for gold_role in ROLES:
        counts = " ".join(f"{s.roles.get((gold_role, r), 0):>9}" for r in ROLES)
        lines.append(f"  {gold_role:<37}{counts}")
    return "\n".join(lines)


def event_errors(items: Sequence[GoldItem], predicted: Mapping[str, Mapping[Triple, str]]) -> list[str]:
    """One line per item whose events differ: missed (-) and invented (+) events."""
    lines = []
    for item in items:
        if item.events is None:
            continue
        gold = {e.triple for e in item.events}
        pred = set(predicted[item.id])
        if gold != pred:
            lines.append(f"{item.id} events: -{sorted(gold - pred)} +{sorted(pred - gold)}")
    return lines
