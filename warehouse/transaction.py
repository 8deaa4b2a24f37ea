"""One way to write atomically: `with transaction(conn):` commits what the block wrote, or, when
anything is raised inside (an interrupt too), rolls all of it back and lets the exception go on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[None]:
    conn.execute("BEGIN TRANSACTION")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException as error:
        try:
            conn.execute("ROLLBACK")
        except duckdb.Error as failed:
            # A failed COMMIT may have ended the transaction already; the first error is the one
            # that matters, this one only goes along with it.
            error.add_note(f"ROLLBACK then failed too: {failed}")
        raise
