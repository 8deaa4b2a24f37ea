"""Researcher views at scale: a warehouse of synthetic rows built with SQL (shaped like the tagger's
output: every DOJ release carries the US as issuer, a few percent are relevant with members, goals
and implementation events, some documents have a second version), published as the pipeline publishes it, then the
views queried on the published copy as a researcher would. Synthetic on purpose: the rows keep the
doj/eu shapes the benchmark's targets were measured on, whatever else the registry lists."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from bench.measure import percentile
from pipelines.reference_files import GOALS_CSV, ROSTER_CSV
from warehouse.publish import publish
from warehouse.schema import migrate
from warehouse.tags import load_reference

CODEBOOK = "bench"
# One query per view, each what a researcher would ask of it (README, docs/for-researchers.md).
QUERIES = {
    "documents": "SELECT doc_id, title, published, url FROM documents WHERE relevant AND published >= "
                 "DATE '2014-01-01' AND published < DATE '2014-04-01' ORDER BY published, doc_id LIMIT 100",
    "goal_activity_quarterly": "SELECT goal, quarter, documents, action_documents, commitment_documents "
                               "FROM goal_activity_quarterly WHERE year(quarter) = 2014 ORDER BY quarter, goal",
    "member_goal_quarterly": "SELECT * FROM member_goal_quarterly WHERE member_code = 'DE' ORDER BY goal, quarter",
    "member_timeline": "SELECT * FROM member_timeline ORDER BY member_code, goal",
    "coverage": "SELECT * FROM coverage WHERE source = 'doj' AND week >= DATE '2014-01-01' "
                "AND week < DATE '2015-01-01' ORDER BY week",
}

# $n documents; i-th document's attributes from cheap integer hashes, so the build is one pass.
_BUILD = [
    """CREATE TEMP TABLE seed AS
       SELECT i, CASE WHEN i % 4 = 0 THEN 'eu' ELSE 'doj' END AS source,
              CASE WHEN (i * 7) % 100 < 3 THEN 2 ELSE 1 END AS versions,
              CASE WHEN (i * 11) % 100 = 0 THEN NULL
                   ELSE DATE '2012-06-04' + CAST((i * 7919) % 1670 AS INTEGER) END AS published,
              (i * 31) % 100 < 5 AS relevant
       FROM range(CAST($n AS BIGINT)) AS r(i)""",
    """INSERT INTO raw_documents (doc_id, version, source, source_id, url, fetch_url, title, published,
           language, languages, html, content_sha256, fetched_at, api_metadata, crawl_file)
       SELECT source || ':' || i, v, source, CAST(i AS VARCHAR), 'https://example.org/' || i, NULL,
              'Release ' || i || ' version ' || v, published, 'en', ['en'], '<p>stub</p>',
              md5(i || ':' || v), TIMESTAMP '2026-01-05 09:00:00', NULL, 'bench'
       FROM seed, range(1, versions + 1) AS t(v)""",
    """INSERT INTO extracted_texts (doc_id, version, text, published, date_source, extractor_version, extracted_at)
       SELECT doc_id, version, 'Text of ' || title || '. ' || array_to_string(
                  list_transform(range(40), lambda w: 'word' || (hash(doc_id, version, w) % 5000)::VARCHAR), ' '),
              published, CASE WHEN published IS NULL THEN NULL ELSE 'api' END, 'bench', fetched_at
       FROM raw_documents""",
    # every current text compared for near-duplicates already: a run into this warehouse compares
    # what it adds (and the documents published within a week of those), as in a warehouse kept up to
    # date; the texts are forty words drawn from 5,000, so no two are near-duplicates
    """INSERT INTO duplicate_scans (doc_id, version, text_md5, scanned_at)
       SELECT e.doc_id, e.version, md5(COALESCE(e.text, '')), e.extracted_at
       FROM extracted_texts AS e
       JOIN (SELECT doc_id, max(version) AS version FROM raw_documents GROUP BY doc_id) USING (doc_id, version)""",
    """INSERT INTO document_relevance (doc_id, version, codebook_version, relevant, evidence_field,
           evidence_start, evidence_end, evidence_sentence, tagged_at)
       SELECT r.doc_id, r.version, $codebook, s.relevant, CASE WHEN s.relevant THEN 'text' END,
              CASE WHEN s.relevant THEN 0 END, CASE WHEN s.relevant THEN 20 END,
              CASE WHEN s.relevant THEN 'Evidence sentence.' END, r.fetched_at
       FROM raw_documents AS r JOIN seed AS s ON r.doc_id = s.source || ':' || s.i""",
    """CREATE TEMP TABLE codes AS SELECT row_number() OVER (ORDER BY code) - 1 AS k, code FROM members""",
    """INSERT INTO document_members (doc_id, version, codebook_version, member_code, how, member_on_date,
           evidence_field, evidence_start, evidence_end, evidence_sentence)
       SELECT DISTINCT ON (doc_id, version, member_code, how) * FROM (
           SELECT r.doc_id, r.version, $codebook AS codebook_version, 'US' AS member_code,
                  'issuer' AS how, TRUE, NULL, NULL, NULL, NULL
           FROM raw_documents AS r WHERE r.source = 'doj'
           UNION ALL
           SELECT r.doc_id, r.version, $codebook, c.code, 'mentioned', TRUE, 'text', 10, 20, 'Named here.'
           FROM raw_documents AS r JOIN seed AS s ON r.doc_id = s.source || ':' || s.i
           JOIN range(3) AS m(j) ON j < CASE WHEN s.relevant THEN 3 WHEN (s.i * 13) % 10 < 4 THEN 1 ELSE 0 END
           JOIN codes AS c ON c.k = (s.i * 17 + j * 5) % (SELECT count(*) FROM codes))""",
    """INSERT INTO document_goals (doc_id, version, codebook_version, goal, mode, confidence,
           evidence_field, evidence_start, evidence_end, evidence_sentence)
       SELECT DISTINCT ON (doc_id, version, goal, mode) * FROM (
           SELECT r.doc_id, r.version, $codebook,
                  (['victims', 'prosecution', 'awareness', 'availability'])[1 + (s.i + j) % 4] AS goal,
                  CASE WHEN (s.i + j) % 3 = 0 THEN 'commitment' ELSE 'action' END AS mode, 0.8,
                  'text', 30, 60, 'A sentence showing the goal.'
           FROM raw_documents AS r JOIN seed AS s ON r.doc_id = s.source || ':' || s.i
           JOIN range(3) AS g(j) ON j < CASE WHEN s.relevant THEN 1 + s.i % 3
                                         WHEN (s.i * 19) % 100 < 2 THEN 1 ELSE 0 END)""",
    # events: the US acts in its releases; a mentioned member acts, helps or signs in every other one
    """INSERT INTO document_events (doc_id, version, codebook_version, member_code, goal, mode, role,
           confidence, member_on_date, evidence_field, evidence_start, evidence_end, evidence_sentence)
       SELECT m.doc_id, m.version, m.codebook_version, m.member_code, g.goal, g.mode,
              CASE WHEN m.how = 'issuer' THEN 'actor'
                   ELSE (['actor', 'partner', 'signatory'])[CAST(1 + hash(m.doc_id, m.member_code) % 3 AS BIGINT)] END,
              0.8, TRUE, 'text', 30, 60, 'A sentence showing the event.'
       FROM document_members AS m JOIN document_goals AS g USING (doc_id, version, codebook_version)
       WHERE m.how = 'issuer' OR hash(m.doc_id, m.member_code, g.goal) % 2 = 0
       QUALIFY row_number() OVER (PARTITION BY m.doc_id, m.version, m.member_code, g.goal, g.mode) = 1""",
    """INSERT INTO crawl_listing_counts (crawl_file, source, week, listed)
       SELECT 'bench', source, date_trunc('week', published)::DATE, count(*)
       FROM seed WHERE published IS NOT NULL GROUP BY ALL""",
    "INSERT OR REPLACE INTO pipeline_state VALUES ('codebook_version', $codebook)",
]


def build_view_warehouse(path: Path, documents: int, codebook: str = CODEBOOK) -> None:
    """A warehouse of `documents` synthetic documents (and their tags under `codebook`) at `path`,
    made anew."""
    if documents < 1:
        raise ValueError(f"the view warehouse needs at least one document, got {documents}")
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    with duckdb.connect(str(path)) as conn:
        conn.execute("SET enable_progress_bar = false")
        migrate(conn)
        load_reference(conn, str(ROSTER_CSV), str(GOALS_CSV))
        for statement in _BUILD:
            params = {name: value for name, value in (("n", documents), ("codebook", codebook))
                      if f"${name}" in statement}
            conn.execute(statement, params or None)
        conn.execute("CHECKPOINT")


@dataclass(frozen=True)
class ViewTimings:
    per_view_ms: dict[str, list[float]]
    publish_s: float | None = None  # publishing the warehouse whose copy was queried

    def p95(self, view: str | None = None) -> float:
        values = self.per_view_ms[view] if view else [v for vs in self.per_view_ms.values() for v in vs]
        return percentile(values, 0.95)


def publish_view_warehouse(path: Path) -> tuple[Path, float]:
    """Publish the warehouse at `path` as the pipeline's published_warehouse asset does; returns the
    published copy and the seconds it took."""
    # The pipeline's connection settings (pipelines/resources.py): publishing runs in its budget.
    config = {"memory_limit": os.environ.get("ALLIANCE_DUCKDB_MEMORY", "1GB"),
              "preserve_insertion_order": False}
    with duckdb.connect(str(path), config=config) as conn:
        conn.execute("SET enable_progress_bar = false")
        started = time.perf_counter()
        published = publish(conn, path)
        return published, time.perf_counter() - started


def time_queries(path: Path, repeats: int = 7) -> dict[str, list[float]]:
    """Each query once to warm up, then `repeats` timed runs (ms), on a read-only connection to the
    file at `path`."""
    timings: dict[str, list[float]] = {}
    with duckdb.connect(str(path), read_only=True) as conn:
        conn.execute("SET enable_progress_bar = false")
        for view, sql in QUERIES.items():
            conn.execute(sql).fetchall()
            runs = []
            for _ in range(repeats):
                started = time.perf_counter()
                conn.execute(sql).fetchall()
                runs.append((time.perf_counter() - started) * 1000)
            timings[view] = runs
    return timings


def time_views(path: Path, repeats: int = 7) -> ViewTimings:
    """Publish the warehouse at `path`, then time the queries on the published copy: researchers
    read that copy, never the warehouse the pipeline writes."""
    published, publish_s = publish_view_warehouse(path)
    return ViewTimings(time_queries(published, repeats), publish_s)
