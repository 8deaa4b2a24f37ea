"""The one transaction helper: a block that raises leaves nothing written, a block that ends commits."""

import duckdb
import pytest

from warehouse.transaction import transaction


@pytest.fixture
def conn(tmp_path):
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    connection.execute("CREATE TABLE notes (n INTEGER)")
    yield connection
    connection.close()


def notes(conn):
    return [n for (n,) in conn.execute("SELECT n FROM notes ORDER BY n").fetchall()]


def test_an_exception_inside_leaves_nothing_written_and_goes_on(conn):
    with pytest.raises(RuntimeError, match="half way"), transaction(conn):
        conn.execute("INSERT INTO notes VALUES (1)")
        conn.execute("CREATE TABLE written_inside (n INTEGER)")
        raise RuntimeError("half way")
    assert notes(conn) == []
    assert conn.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'written_inside'").fetchone()[0] == 0
    conn.execute("INSERT INTO notes VALUES (2)")  # no transaction left open: autocommit again
    assert notes(conn) == [2]


def test_an_interrupt_inside_rolls_back_too(conn):
    with pytest.raises(KeyboardInterrupt), transaction(conn):
        conn.execute("INSERT INTO notes VALUES (1)")
        raise KeyboardInterrupt
    assert notes(conn) == []


def test_a_block_that_ends_commits_for_every_other_connection(conn, tmp_path):
    with transaction(conn):
        conn.execute("INSERT INTO notes VALUES (1), (2)")
    other = conn.cursor()  # another connection to the same database
    assert [n for (n,) in other.execute("SELECT n FROM notes ORDER BY n").fetchall()] == [1, 2]


def test_a_database_error_inside_is_raised_as_it_was_and_rolled_back(conn):
    conn.execute("CREATE TABLE keyed (k INTEGER PRIMARY KEY)")
    with pytest.raises(duckdb.ConstraintException), transaction(conn):
        conn.execute("INSERT INTO notes VALUES (1)")
        conn.execute("INSERT INTO keyed VALUES (1), (1)")
    assert notes(conn) == []
