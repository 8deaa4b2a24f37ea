"""The synthetic warehouse for the view timings: built by SQL, shaped like the tagger's output,
and every researcher view answers on it."""

import duckdb
import pytest

from bench.views import QUERIES, build_view_warehouse, time_views


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("views") / "views.duckdb"
    build_view_warehouse(path, 4000)
    return path


def test_shape_follows_the_tagger(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        current = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        relevant = conn.execute("SELECT count(*) FROM documents WHERE relevant").fetchone()[0]
        versions = conn.execute("SELECT count(*) FROM raw_documents").fetchone()[0]
        issuer_not_us = conn.execute("SELECT count(*) FROM document_members WHERE how = 'issuer' "
                                     "AND member_code <> 'US'").fetchone()[0]
        unknown = conn.execute("SELECT count(*) FROM document_members WHERE member_code NOT IN "
                               "(SELECT code FROM members)").fetchone()[0]
    assert current == 4000
    assert versions > current  # some documents have a second version
    assert 0.02 < relevant / current < 0.10
    assert (issuer_not_us, unknown) == (0, 0)


def test_every_view_query_answers_and_is_timed(warehouse):
    timings = time_views(warehouse, repeats=2)
    assert set(timings.per_view_ms) == set(QUERIES)
    assert all(len(runs) == 2 for runs in timings.per_view_ms.values())
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        for view, sql in QUERIES.items():
            assert conn.execute(sql).fetchall(), view


def test_its_texts_are_compared_already_and_no_two_are_near_duplicates(warehouse, tmp_path):
    """A run into it compares only what the run adds, as in a warehouse kept up to date; and when a
    run compares everything, the synthetic texts do not all repeat each other."""
    import shutil

    from pipelines.processing import link_near_duplicates

    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(warehouse, copy)
    scans = "SELECT count(*), max(scanned_at) FROM duplicate_scans"
    with duckdb.connect(str(copy)) as conn:
        built = conn.execute(scans).fetchone()
        assert link_near_duplicates(conn, workers=1) == 0
        assert conn.execute(scans).fetchone() == built == (4000, built[1])   # nothing compared again
        conn.execute("DELETE FROM duplicate_scans")   # compare every text anew
        assert link_near_duplicates(conn, workers=1) == 0
        assert conn.execute(scans).fetchone()[0] == 4000


def test_rebuilding_replaces_the_old_warehouse(tmp_path):
    path = tmp_path / "v.duckdb"
    build_view_warehouse(path, 50)
    build_view_warehouse(path, 30)
    with duckdb.connect(str(path), read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 30


def test_an_empty_warehouse_is_refused(tmp_path):
    with pytest.raises(ValueError, match="at least one document"):
        build_view_warehouse(tmp_path / "v.duckdb", 0)
