"""export_views writes each researcher view, the roster, the goals and the evidence as Parquet (or CSV)
that reads back to the same rows, typed, with its provenance in each file and in manifest.json."""

import json
import re

import duckdb
import pytest
from click.testing import CliRunner

from pipelines.cli import main
from pipelines.export import EXPORTED, RESEARCHER_VIEWS, ExportError, export_views
from warehouse.publish import published_path

CODEBOOK = "cb-test"  # the fixture warehouse's codebook (conftest.py)


def rows_and_columns(conn, relation):
    cursor = conn.execute(f"SELECT * FROM {relation} ORDER BY ALL")
    return [d[0] for d in cursor.description], cursor.fetchall()


def column_types(conn, path):
    return {name: kind for name, kind, *_ in conn.execute(f"DESCRIBE FROM read_parquet('{path}')").fetchall()}


def kv_metadata(conn, path):
    return {key.decode(): value.decode() for key, value in conn.execute(
        f"SELECT key, value FROM parquet_kv_metadata('{path}')").fetchall()}


@pytest.fixture(scope="module")
def exported(shared_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "parquet"
    return out, export_views(shared_warehouse, out)


def test_every_view_becomes_a_parquet_file_with_the_same_rows(shared_warehouse, exported):
    out, written = exported
    assert [p.name for p in written] == [f"{name}.parquet" for name in EXPORTED] + ["manifest.json"]
    assert {"member_goal_quarterly", "member_timeline", "goal_activity_quarterly", "coverage",
            "goal_activity_quarterly_by_source", "member_goal_quarterly_by_source"} <= set(RESEARCHER_VIEWS)
    with duckdb.connect(str(shared_warehouse), read_only=True) as conn:
        for view, path in zip(RESEARCHER_VIEWS + ("members", "goals"), written):
            expected = rows_and_columns(conn, view)
            assert expected[1], f"{view} is empty in the fixture: the comparison would prove nothing"
            assert rows_and_columns(conn, f"read_parquet('{path}')") == expected, view
    assert not list(out.glob(".*")), "staging files left behind"


def test_dates_and_times_are_typed_columns(exported):
    out, _ = exported
    expected = {"documents": {"published": "DATE", "fetched_at": "TIMESTAMP"},
                "member_goal_quarterly": {"quarter": "DATE"},
                "member_timeline": {"first_date": "DATE", "joined_on": "DATE"},
                "coverage": {"week": "DATE", "last_crawled_at": "TIMESTAMP"},
                "members": {"joined_on": "DATE", "left_on": "DATE"},
                "evidence_tags": {"published": "DATE", "fetched_at": "TIMESTAMP", "evidence_start": "INTEGER"},
                "evidence_events": {"published": "DATE", "fetched_at": "TIMESTAMP", "evidence_start": "INTEGER"}}
    with duckdb.connect() as conn:
        for name, columns in expected.items():
            types = column_types(conn, out / f"{name}.parquet")
            assert {column: types[column] for column in columns} == columns, name


def test_the_evidence_holds_every_tag_and_event_with_its_sentence_and_document(shared_warehouse, exported):
    out, _ = exported
    with duckdb.connect(str(shared_warehouse), read_only=True) as conn:
        tables = {kind: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for kind, table in
                  [("relevance", "document_relevance"), ("member", "document_members"), ("goal", "document_goals")]}
        events = conn.execute("SELECT doc_id, member_code, goal, mode, role, evidence_sentence, evidence_start, "
                              "evidence_end FROM document_events ORDER BY ALL").fetchall()
        tags = dict(conn.execute(f"SELECT kind, count(*) FROM read_parquet('{out / 'evidence_tags.parquet'}') "
                                 "GROUP BY kind").fetchall())
        exported_events = conn.execute(
            "SELECT doc_id, member_code, goal, mode, role, evidence_sentence, evidence_start, evidence_end "
            f"FROM read_parquet('{out / 'evidence_events.parquet'}') ORDER BY ALL").fetchall()
        documents = conn.execute(
            f"SELECT DISTINCT e.url = d.url AND e.title = d.title AND e.published IS NOT DISTINCT FROM d.published "
            f"AND e.codebook_version = '{CODEBOOK}' AND e.current "
            f"FROM read_parquet('{out / 'evidence_events.parquet'}') AS e JOIN documents AS d USING (doc_id)").fetchall()
        goal_sentences = conn.execute(
            f"SELECT count(*) FROM read_parquet('{out / 'evidence_tags.parquet'}') "
            "WHERE kind = 'goal' AND evidence_sentence LIKE 'Something about %' AND url LIKE 'https://%'").fetchone()
    assert tags == tables and all(tables.values())
    assert exported_events == events and events
    assert documents == [(True,)]
    assert goal_sentences == (tables["goal"],)


def test_each_file_and_the_manifest_carry_the_provenance(shared_warehouse, exported):
    out, written = exported
    document = json.loads((out / "manifest.json").read_text())
    assert document["codebook_version"] == CODEBOOK
    assert document["extractor_versions"] == [{"version": "x", "documents": 17}]
    assert document["warehouse"]["path"] == str(shared_warehouse)
    assert document["warehouse"]["snapshot_time"]
    assert re.fullmatch(r"[0-9a-f]{40}", document["git"]["commit"] or ""), document["git"]
    assert "checkout running the export" in document["git"]["of"]
    # The shipped figures measure the shipped codebook, not this fixture's: the manifest says so.
    assert document["accuracy"]["matches_warehouse_codebook"] is False
    assert f"warehouse is tagged with codebook {CODEBOOK}" in document["accuracy"]["note"]
    with duckdb.connect() as conn:
        for entry, path in zip(document["files"], written):
            assert entry["name"] == path.name
            rows = conn.execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchone()[0]
            assert entry["rows"] == rows, path.name
            metadata = kv_metadata(conn, path)
            assert (metadata["file"], metadata["rows"], metadata["codebook_version"]) == (path.name, str(rows), CODEBOOK)
            assert metadata["git_commit"] == document["git"]["commit"]
            assert metadata["snapshot_time"] == document["warehouse"]["snapshot_time"]
            assert json.loads(metadata["manifest"]) == document
            assert json.loads(metadata["accuracy"]) == document["accuracy"]


def test_accuracy_figures_of_the_warehouse_codebook_are_carried_as_measured(shared_warehouse, tmp_path):
    figures = {"events": {"f1": 0.5, "f1_95": [0.4, 0.6]}}
    accuracy = tmp_path / "accuracy.json"
    accuracy.write_text(json.dumps({"codebook_version": CODEBOOK, "figures": figures}))
    export_views(shared_warehouse, tmp_path / "out", accuracy_path=accuracy)
    section = json.loads((tmp_path / "out" / "manifest.json").read_text())["accuracy"]
    assert (section["matches_warehouse_codebook"], section["figures"]) == (True, figures)


def test_csv_writes_the_same_files_with_a_manifest(shared_warehouse, exported, tmp_path):
    parquet_out, _ = exported
    written = export_views(shared_warehouse, tmp_path / "csv", "csv")
    assert [p.name for p in written] == [f"{name}.csv" for name in EXPORTED] + ["manifest.json"]
    document = json.loads((tmp_path / "csv" / "manifest.json").read_text())
    assert document["format"] == "csv"
    with duckdb.connect() as conn:
        for name in EXPORTED:
            csv_rows = conn.execute(f"SELECT count(*) FROM read_csv('{tmp_path / 'csv' / name}.csv')").fetchone()[0]
            parquet_rows = conn.execute(f"SELECT count(*) FROM read_parquet('{parquet_out / name}.parquet')").fetchone()[0]
            assert csv_rows == parquet_rows, name
        published = conn.execute(f"SELECT published FROM read_csv('{tmp_path / 'csv' / 'documents.csv'}') "
                                 "WHERE doc_id = 'doj:r0'").fetchall()
    assert str(published[0][0]) == "2013-01-07"


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
    assert result.output.split() == [str(tmp_path / "out" / f"{v}.parquet") for v in EXPORTED] + [
        str(tmp_path / "out" / "manifest.json")]
    with duckdb.connect(str(published_path(warehouse)), read_only=True) as conn:
        published = conn.execute("SELECT count(*) FROM documents").fetchall()
        exported = conn.execute(f"SELECT count(*) FROM read_parquet('{tmp_path / 'out' / 'documents.parquet'}')").fetchall()
    assert exported == published != [(0,)]


def test_cli_export_writes_csv_beside_parquet(warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("ALLIANCE_WAREHOUSE", str(warehouse))
    result = CliRunner().invoke(main, ["export", "--parquet", str(tmp_path / "p"), "--csv", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "p" / "manifest.json").is_file() and (tmp_path / "c" / "manifest.json").is_file()
    assert (tmp_path / "c" / "evidence_events.csv").is_file()


def test_cli_export_requires_a_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("ALLIANCE_WAREHOUSE", str(tmp_path / "alliance.duckdb"))
    result = CliRunner().invoke(main, ["export"])
    assert result.exit_code == 2
    assert "--parquet" in result.output and "--csv" in result.output
