"""What the report shows, read from the warehouse views into plain records (the only SQL shell)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from warehouse.sql import query

# What the report reads; a warehouse built before these existed must be migrated first.
REQUIRED_RELATIONS = ("documents", "goals", "members", "pipeline_state", "goal_activity_quarterly",
                      "member_goal_documents", "member_timeline", "coverage")


@dataclass(frozen=True)
class Summary:
    codebook_version: str | None
    documents: int
    relevant_documents: int
    first_published: date | None
    last_published: date | None


@dataclass(frozen=True)
class Goal:
    code: str
    name: str


@dataclass(frozen=True)
class Member:
    code: str
    name: str | None
    joined_on: date | None
    left_on: date | None
    confidence: str | None

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}" if self.name else self.code


@dataclass(frozen=True)
class GoalQuarter:
    goal: str
    quarter: date
    actions: int
    commitments: int


@dataclass(frozen=True)
class MemberGoalTotal:
    member_code: str
    goal: str
    documents: int
    actions: int
    commitments: int


@dataclass(frozen=True)
class Evidence:
    member_code: str
    goal: str
    published: date
    action: bool


@dataclass(frozen=True)
class CoverageWeek:
    source: str
    week: date | None
    status: str | None  # never_crawled, crawled_complete, crawled_incomplete, failed; None: undated
    listed: int | None
    fetched: int
    extracted: int
    tagged: int
    missing: int | None


@dataclass(frozen=True)
class ReportData:
    summary: Summary
    goals: list[Goal]
    members: list[Member]
    activity: list[GoalQuarter]
    totals: list[MemberGoalTotal]
    evidence: list[Evidence]
    coverage: list[CoverageWeek]


def missing_relations(conn: duckdb.DuckDBPyConnection) -> list[str]:
    present = {name for (name,) in conn.execute(
        "SELECT table_name FROM duckdb_tables() UNION SELECT view_name FROM duckdb_views()").fetchall()}
    return [name for name in REQUIRED_RELATIONS if name not in present]


def read_report_data(conn: duckdb.DuckDBPyConnection) -> ReportData:
    (summary,) = _records(conn, "report_summary", Summary)
    goals = _records(conn, "report_goals", Goal)
    activity = _records(conn, "report_goal_activity", GoalQuarter)
    totals = _records(conn, "report_member_goal_totals", MemberGoalTotal)
    # a goal tagged but missing from the goals table is still shown, under its code
    tagged = {a.goal for a in activity} | {t.goal for t in totals}
    goals += [Goal(code, code) for code in sorted(tagged - {g.code for g in goals})]
    return ReportData(
        summary=summary,
        goals=goals,
        members=_records(conn, "report_members", Member),
        activity=activity,
        totals=totals,
        evidence=_records(conn, "report_member_evidence", Evidence),
        coverage=_records(conn, "report_coverage", CoverageWeek),
    )


def _records(conn: duckdb.DuckDBPyConnection, name: str, record: type) -> list:
    return [record(*row) for row in conn.execute(query(name)).fetchall()]
