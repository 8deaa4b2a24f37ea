"""DuckDB's memory limit lowered for a pass that would otherwise fill it (a linking pass's sort)."""

import duckdb
import pytest

from warehouse.connection import memory_at_most, memory_limit_mib


@pytest.fixture
def conn():
    with duckdb.connect(config={"memory_limit": "512MB"}) as connection:
        yield connection


def test_the_limit_is_read_in_mib(conn):
    assert memory_limit_mib(conn) == pytest.approx(512e6 / 2**20, abs=0.5)   # DuckDB says 488.2 MiB
    conn.execute("SET memory_limit = '2GiB'")
    assert memory_limit_mib(conn) == 2048


def test_the_limit_is_lowered_for_the_block_and_put_back(conn):
    before = memory_limit_mib(conn)
    with memory_at_most(conn, 200):
        assert memory_limit_mib(conn) == 200
    assert memory_limit_mib(conn) == pytest.approx(before, abs=0.5)   # put back as DuckDB printed it


def test_a_lower_limit_is_left_as_it_is(conn):
    conn.execute("SET memory_limit = '100MiB'")
    with memory_at_most(conn, 200):
        assert memory_limit_mib(conn) == 100
    assert memory_limit_mib(conn) == 100


def test_linking_runs_under_the_lowered_limit_and_puts_it_back(conn, monkeypatch):
    from pipelines import processing
    from warehouse.schema import migrate

    migrate(conn)
    seen = []
    real = processing.start_duplicate_pass
    monkeypatch.setattr(processing, "start_duplicate_pass",
                        lambda c: seen.append(memory_limit_mib(c)) or real(c))
    assert processing.link_near_duplicates(conn) == 0
    assert seen == [processing.LINKING_DUCKDB_MEMORY_MIB]
    assert memory_limit_mib(conn) == pytest.approx(512e6 / 2**20, abs=0.5)
