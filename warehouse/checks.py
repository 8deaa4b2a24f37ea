"""Data-quality checks as SQL files (warehouse/checks/*.sql); each returns the offending ids."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from warehouse.sql import ordered_files

SAMPLE_SIZE = 20


@dataclass(frozen=True)
class CheckOutcome:
    name: str
    offending: int
    sample: list[str]

    @property
    def passed(self) -> bool:
        return self.offending == 0


def check_names() -> list[str]:
    return [name.removesuffix(".sql") for name, _ in ordered_files("checks")]


def run_check(conn: duckdb.DuckDBPyConnection, name: str) -> CheckOutcome:
    sql = dict(ordered_files("checks"))[f"{name}.sql"]
    rows = conn.execute(sql).fetchall()
    return CheckOutcome(name, len(rows), [str(row[0]) for row in rows[:SAMPLE_SIZE]])
