"""A warehouse in memory, with every migration applied."""

import duckdb
import pytest

from warehouse.schema import migrate


@pytest.fixture
def conn():
    connection = duckdb.connect()
    migrate(connection)
    yield connection
    connection.close()
