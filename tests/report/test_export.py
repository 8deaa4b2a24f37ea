"""export_views writes each researcher view as Parquet that reads back to the same rows."""

import re

import duckdb
import pytest
from click.testing import CliRunner

from pipelines.cli import main
from pipelines.export import RESEARCHER_VIEWS, ExportError, export_views
from warehouse.publish import published_path


def rows_and_columns(conn, relation):
    cursor = conn.execute(f"SELECT * FROM {relation} ORDER BY ALL")
    return [d[0] for d in cursor.description], cursor.fetchall()


def test_every_view_becomes_a_parquet_file_with_the_same_rows(shared_warehouse, tmp_path):
    written = export_views(shared_warehouse, tmp_path / "parquet")
    assert [p.name for p in written] == [f"{view}.parquet" for view in RESEARCHER_VIEWS]
    assert {"member_goal_quarterly", "member_timeline", "goal_activity_quarterly", "coverage"} <= set(RESEARCHER_VIEWS)
    with duckdb.connect(str(shared_warehouse), read_only=True) as conn:
        for view, path in zip(RESEARCHER_VIEWS, written):
            expected = rows_and_columns(conn, view)
            assert expected[1], f"{view} is empty in the fixture: the comparison would prove nothing"
            assert rows_and_columns(conn, f"read_parquet('{path}')") == expected, view
    assert not list((tmp_path / "parquet").glob(".*")), "staging files left behind"


def test_export_replaces_files_of_an_earlier_export(shared_warehouse, tmp_path):
    out = tmp_path / "parquet"
    out.mkdir()
    (out / "coverage.parquet").write_bytes(b"not parquet")
    export_views(shared_warehouse, out)
    with duckdb.connect() as conn:
        assert conn.execute(f"SELECT count(*) > 0 FROM read_parquet('{out / 'coverage.parquet'}')").fetchall() == [(True,)]


def test_export_refuses_a_missing_warehouse(tmp_path):
    missing = tmp_path / "nowhere.duckdb"
    with pytest.raises(ExportError, match=re.escape(f"no warehouse at {missing}")):
        export_views(missing, tmp_path / "out")


def test_export_refuses_a_file_as_its_directory(shared_warehouse, tmp_path):
    target = tmp_path / "taken"
    target.write_text("a file")
    with pytest.raises(ExportError, match="taken exists but is not a directory"):
        export_views(shared_warehouse, target)


def test_export_names_the_views_an_old_warehouse_lacks(tmp_path):
    old = tmp_path / "old.duckdb"
    with duckdb.connect(str(old)) as conn:
        conn.execute("CREATE TABLE raw_documents (doc_id VARCHAR)")
    with pytest.raises(ExportError, match=r"old\.duckdb lacks the views documents, .*coverage"):
        export_views(old, tmp_path / "out")
    assert not list((tmp_path / "out").glob("*.parquet"))


def test_cli_export_reads_the_published_copy(warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("ALLIANCE_WAREHOUSE", str(warehouse))
    with duckdb.connect(str(warehouse)) as conn:  # only the working file changes: the export must not see it
        conn.execute("DELETE FROM raw_documents")
    result = CliRunner().invoke(main, ["export", "--parquet", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.output.split() == [str(tmp_path / "out" / f"{v}.parquet") for v in RESEARCHER_VIEWS]
    with duckdb.connect(str(published_path(warehouse)), read_only=True) as conn:
        published = conn.execute("SELECT count(*) FROM documents").fetchall()
        exported = conn.execute(f"SELECT count(*) FROM read_parquet('{tmp_path / 'out' / 'documents.parquet'}')").fetchall()
    assert exported == published != [(0,)]


def test_cli_export_requires_a_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("ALLIANCE_WAREHOUSE", str(tmp_path / "alliance.duckdb"))
    result = CliRunner().invoke(main, ["export"])
    assert result.exit_code == 2
    assert "--parquet" in result.output
