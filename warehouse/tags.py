"""Store tagging results (relevance, members, goals), each row with its evidence and codebook version."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import duckdb

from warehouse.bulk import insert_rows
from warehouse.sql import query
from warehouse.transaction import transaction


@dataclass(frozen=True)
class TaggableDocument:
    doc_id: str
    version: int
    source: str
    title: str | None
    text: str | None
    published: date | None
    subtitle: str | None = None


def pending_tagging(
    conn: duckdb.DuckDBPyConnection, codebook_version: str, start: date = date.min, end: date = date.max,
    batch_size: int = 500,
) -> Iterator[list[TaggableDocument]]:
    """Batches of extracted versions not yet tagged with this codebook (published in [start, end) or undated)."""
    # A cursor of its own: the caller writes on `conn` while this read is still open.
    cursor = conn.cursor().execute(
        query("pending_tagging"), {"codebook_version": codebook_version, "start": start, "end": end}
    )
    while rows := cursor.fetchmany(batch_size):
        yield [TaggableDocument(*row) for row in rows]


def count_pending_tagging(conn: duckdb.DuckDBPyConnection, codebook_version: str) -> int:
    """Extracted versions of any date not yet tagged with this codebook."""
    pending = query("pending_tagging").strip().rstrip(";")
    params = {"codebook_version": codebook_version, "start": date.min, "end": date.max}
    return conn.execute(f"SELECT count(*) FROM ({pending})", params).fetchone()[0]


def _evidence(ev) -> tuple:
    if ev is None:
        return (None, None, None, None)
    return (ev.field, ev.start, ev.end, ev.sentence)


def save_tag_results(
    conn: duckdb.DuckDBPyConnection, tagged: Sequence[tuple[TaggableDocument, object]]
) -> tuple[int, int, int, int]:
    """Store (document, TagResult) pairs in one transaction; returns rows of relevance, members,
    goals and events. The documents are pending (they hold no tags of the codebook: a changed text
    loses all four kinds, forget_changed_tags.sql), so a row stored twice is a fault and raises."""
    now = datetime.now(UTC)
    relevance, members, goals, events = [], [], [], []
    for doc, result in tagged:
        key = (doc.doc_id, doc.version, result.codebook_version)
        first = result.relevance_evidence[0] if result.relevance_evidence else None
        relevance.append((*key, result.relevant, *_evidence(first), now, result.alliance_framed))
        members += [(*key, m.code, m.how, m.member_on_date, *_evidence(m.evidence)) for m in result.members]
        goals += [(*key, g.goal, g.mode, g.confidence, *_evidence(g.evidence)) for g in result.goals]
        events += [(*key, e.member, e.goal, e.mode, e.role, e.confidence, e.member_on_date,
                    *_evidence(e.evidence), *(e.member_words or (None, None)), *(e.goal_words or (None, None)))
                   for e in result.events]
    with transaction(conn):
        insert_rows(conn, "INSERT INTO document_relevance (doc_id, version, codebook_version, "
                          "relevant, evidence_field, evidence_start, evidence_end, evidence_sentence, tagged_at, "
                          "alliance_framed) VALUES", relevance)
        insert_rows(conn, "INSERT INTO document_members (doc_id, version, codebook_version, "
                          "member_code, how, member_on_date, evidence_field, evidence_start, evidence_end, evidence_sentence) VALUES", members)
        insert_rows(conn, "INSERT INTO document_goals (doc_id, version, codebook_version, goal, "
                          "mode, confidence, evidence_field, evidence_start, evidence_end, evidence_sentence) VALUES", goals)
        insert_rows(conn, "INSERT INTO document_events (doc_id, version, codebook_version, "
                          "member_code, goal, mode, role, confidence, member_on_date, evidence_field, evidence_start, "
                          "evidence_end, evidence_sentence, member_start, member_end, goal_start, goal_end) VALUES",
                    events)
    return len(relevance), len(members), len(goals), len(events)


def set_current_codebook(conn: duckdb.DuckDBPyConnection, version: str) -> None:
    conn.execute("INSERT OR REPLACE INTO pipeline_state (key, value) VALUES ('codebook_version', ?)", [version])


def load_reference(conn: duckdb.DuckDBPyConnection, roster_csv: str, goals_csv: str,
                   first_week: date | None = None) -> tuple[int, int]:
    """The roster and the goals; and the first publication week of the partitions, where the
    coverage ledger starts."""
    with transaction(conn):
        conn.execute(query("load_members"), {"path": roster_csv})
        conn.execute(query("load_goals"), {"path": goals_csv})
        if first_week is not None:
            conn.execute("INSERT OR REPLACE INTO pipeline_state (key, value) VALUES "
                         "('first_publication_week', ?)", [first_week.isoformat()])
    counts = conn.execute("SELECT (SELECT count(*) FROM members), (SELECT count(*) FROM goals)").fetchone()
    return counts[0], counts[1]
