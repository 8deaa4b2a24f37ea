"""The explorer page's data: plain rows in, one JSON-ready dict out (no SQL, no HTML here).

The page filters and counts in the browser, so it carries every implementation event of a relevant
document (column by column, with repeated strings stored once) and the coverage gaps per source, not
the documents themselves: its size grows with the relevant documents only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pipelines.report.data import CoverageWeek, Goal, Member

ROLES = ("actor", "partner", "signatory")


@dataclass(frozen=True)
class EventRow:
    """One row of explorer_events.sql."""

    doc_id: str
    source: str
    published: date | None
    title: str | None
    url: str | None
    member_code: str
    goal: str
    role: str
    action: bool
    commitment: bool
    evidence_sentence: str
    member_start: int | None
    member_end: int | None
    goal_start: int | None
    goal_end: int | None


@dataclass(frozen=True)
class Gap:
    """Consecutive weeks of one source where the collection cannot show what happened."""

    source: str
    start: date      # Monday of the first week
    end: date        # the day after the last week
    kind: str        # 'not_fetched' (no document fetched, not crawled complete and empty) or 'short'
    weeks: int


def coverage_gaps(coverage: list[CoverageWeek]) -> list[Gap]:
    """Weeks where "no evidence" must not be read as "no action", merged into runs per source:
    no document fetched (unless a complete crawl found the listings empty), or listings announcing
    more than was fetched."""
    gaps: list[Gap] = []
    for week in sorted((w for w in coverage if w.week is not None), key=lambda w: (w.source, w.week)):
        kind = _gap_kind(week)
        if kind is None:
            continue
        last = gaps[-1] if gaps else None
        if last and last.source == week.source and last.kind == kind and last.end == week.week:
            gaps[-1] = Gap(last.source, last.start, week.week + timedelta(days=7), kind, last.weeks + 1)
        else:
            gaps.append(Gap(week.source, week.week, week.week + timedelta(days=7), kind, 1))
    return gaps


def _gap_kind(week: CoverageWeek) -> str | None:
    if week.fetched == 0:
        crawled_empty = week.status == "crawled_complete" and week.listed == 0
        return None if crawled_empty else "not_fetched"
    if week.missing:
        return "short"
    return None


def explorer_blob(events: list[EventRow], goals: list[Goal], members: list[Member],
                  coverage: list[CoverageWeek], span: tuple[date | None, date | None],
                  accuracy: dict[str, Any]) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready columns."""
    sources = sorted({e.source for e in events} | {w.source for w in coverage})
    goal_codes = [g.code for g in goals] + sorted({e.goal for e in events} - {g.code for g in goals})
    member_codes = [m.code for m in members]
    member_codes += sorted({e.member_code for e in events} - set(member_codes))
    names = {m.code: m for m in members}
    goal_names = {g.code: g.name for g in goals}

    docs: dict[str, int] = {}
    doc_columns: dict[str, list] = {"id": [], "source": [], "date": [], "title": [], "url": []}
    sentences: dict[str, int] = {}
    columns: dict[str, list] = {key: [] for key in (
        "doc", "member", "goal", "role", "action", "commitment", "sentence", "ms", "me", "gs", "ge")}
    member_index = {code: n for n, code in enumerate(member_codes)}
    goal_index = {code: n for n, code in enumerate(goal_codes)}
    source_index = {code: n for n, code in enumerate(sources)}
    for e in events:
        if e.doc_id not in docs:
            docs[e.doc_id] = len(docs)
            doc_columns["id"].append(e.doc_id)
            doc_columns["source"].append(source_index[e.source])
            doc_columns["date"].append(e.published.isoformat() if e.published else None)
            doc_columns["title"].append(e.title or e.doc_id)
            doc_columns["url"].append(e.url)
        sentence = sentences.setdefault(e.evidence_sentence, len(sentences))
        for key, value in (("doc", docs[e.doc_id]), ("member", member_index[e.member_code]),
                           ("goal", goal_index[e.goal]), ("role", ROLES.index(e.role)),
                           ("action", int(e.action)), ("commitment", int(e.commitment)),
                           ("sentence", sentence), ("ms", e.member_start), ("me", e.member_end),
                           ("gs", e.goal_start), ("ge", e.goal_end)):
            columns[key].append(value)

    return {
        "span": [d.isoformat() if d else None for d in span],
        "sources": sources,
        "roles": list(ROLES),
        "goals": [{"code": code, "name": goal_names.get(code, code)} for code in goal_codes],
        "members": [_member(code, names.get(code)) for code in member_codes],
        "docs": doc_columns,
        "events": columns,
        "sentences": list(sentences),
        "gaps": [{"source": g.source, "start": g.start.isoformat(), "end": g.end.isoformat(),
                  "kind": g.kind, "weeks": g.weeks} for g in coverage_gaps(coverage)],
        "fetched": _fetched_per_week(coverage, sources),
        "accuracy": accuracy,
    }


def _member(code: str, member: Member | None) -> dict[str, Any]:
    if member is None:
        return {"code": code, "name": code, "joined": None, "left": None}
    return {"code": code, "name": member.name or code,
            "joined": member.joined_on.isoformat() if member.joined_on else None,
            "left": member.left_on.isoformat() if member.left_on else None}


def _fetched_per_week(coverage: list[CoverageWeek], sources: list[str]) -> dict[str, Any]:
    weeks = sorted({w.week for w in coverage if w.week is not None})
    at = {week: n for n, week in enumerate(weeks)}
    counts = {source: [0] * len(weeks) for source in sources}
    for w in coverage:
        if w.week is not None:
            counts[w.source][at[w.week]] = w.fetched
    return {"weeks": [w.isoformat() for w in weeks], "counts": counts}
