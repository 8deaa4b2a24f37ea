"""The facts a citation of a document needs, read from the warehouse by doc_id or alias."""

from __future__ import annotations

from typing import Any

import duckdb

from warehouse.sql import query


def citation_facts(conn: duckdb.DuckDBPyConnection, name: str) -> list[dict[str, Any]]:
    """One row (as a dict) per document that `name` names: its doc_id, or an alias of it."""
    cursor = conn.execute(query("cite_document"), {"name": name.strip()})
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]
