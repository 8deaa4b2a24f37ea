"""Is one warehouse the same as another? Same documents, versions, texts and tags, compared by
content: times, and paths that name a particular crawl, are left out."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb

# Bookkeeping of how the data arrived, which differs between a run killed and resumed and an
# uninterrupted one by design: a killed crawl is recorded as failed, its responses archived.
BOOKKEEPING_TABLES = {"crawl_runs", "crawl_files", "crawl_listing_counts", "warc_records",
                      "warc_file_scans", "warc_verifications", "duplicate_scans", "schema_migrations"}
# Columns naming the crawl file a row came from: the crawl's directory is named by its start time.
CRAWL_PATH_COLUMNS = {"crawl_file", "first_seen_in"}

Fingerprint = dict[str, Counter]


def _content_columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = conn.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position", [table]).fetchall()
    return [name for name, kind in rows
            if not kind.upper().startswith(("TIMESTAMP", "TIME ")) and kind.upper() != "TIME"
            and name not in CRAWL_PATH_COLUMNS]


def fingerprint(conn: duckdb.DuckDBPyConnection) -> Fingerprint:
    """Every content row of every data table, as a multiset per table."""
    tables = [name for (name,) in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()]
    result: Fingerprint = {}
    for table in tables:
        if table in BOOKKEEPING_TABLES:
            continue
        columns = ", ".join(f'"{column}"' for column in _content_columns(conn, table))
        rows = conn.execute(f'SELECT {columns} FROM "{table}"').fetchall() if columns else []
        result[table] = Counter(tuple(str(value) for value in row) for row in rows)
    return result


def fingerprint_file(path: Path) -> Fingerprint:
    if not Path(path).is_file():
        raise FileNotFoundError(f"no warehouse at {path}")
    with duckdb.connect(str(path), read_only=True) as conn:
        return fingerprint(conn)


def differences(expected: Fingerprint, actual: Fingerprint, limit: int = 2) -> list[str]:
    """One line per table that differs: rows missing, rows extra, and a sample of each."""
    found = []
    for table in sorted(set(expected) | set(actual)):
        if table not in actual:
            found.append(f"{table}: table missing")
            continue
        if table not in expected:
            found.append(f"{table}: unexpected table")
            continue
        missing = expected[table] - actual[table]
        extra = actual[table] - expected[table]
        if missing or extra:
            sample = [f"missing {row[:4]}" for row in list(missing)[:limit]]
            sample += [f"extra {row[:4]}" for row in list(extra)[:limit]]
            found.append(f"{table}: {sum(missing.values())} rows missing, {sum(extra.values())} extra "
                         f"({'; '.join(sample)})")
    return found


def table_rows(path: Path, table: str) -> int:
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
