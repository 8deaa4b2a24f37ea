"""A warehouse in memory, with every migration applied."""

import pytest


@pytest.fixture
def conn(new_warehouse):
    connection = new_warehouse()
    yield connection
    connection.close()
