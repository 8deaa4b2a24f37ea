"""Migrations apply once and are recorded; views exist afterwards."""

import duckdb

from warehouse.schema import migrate
from warehouse.sql import ordered_files


def test_migrations_apply_once_and_are_recorded(tmp_path):
    path = str(tmp_path / "w.duckdb")
    with duckdb.connect(path) as conn:
        first = migrate(conn)
        assert first == [name for name, _ in ordered_files("migrations")]
        assert migrate(conn) == []
        recorded = [r[0] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]
    assert recorded == first


def test_researcher_views_exist_after_migration(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as conn:
        migrate(conn)
        views = {r[0] for r in conn.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        tables = {r[0] for r in conn.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert {"documents", "goal_activity_quarterly"} <= views
    assert {"raw_documents", "document_members", "document_goals", "members", "goals"} <= tables


def test_uncertain_roster_dates_stay_unknown(tmp_path):
    from warehouse.tags import load_reference

    roster = tmp_path / "roster.csv"
    roster.write_text("code,name,joined_on,left_on,source,confidence,note\n"
                      "CA,Canada,2013-06-17,,s,high,\n"
                      "XK,Kosovo,2013-01-01/2014-09-30,,s,low,between 2013 and 2014-09\n"
                      "VN,Viet Nam,2012-12-05,2014-01-01/..,s,low,status unclear\n")
    goals = tmp_path / "goals.csv"
    goals.write_text("code,target,name,description\nvictims,1,Victims,Identify victims.\n")
    with duckdb.connect(str(tmp_path / "w.duckdb")) as conn:
        migrate(conn)
        load_reference(conn, str(roster), str(goals))
        rows = conn.execute("SELECT code, joined_on::VARCHAR, left_on::VARCHAR FROM members ORDER BY code").fetchall()
    assert rows == [("CA", "2013-06-17", None), ("VN", "2012-12-05", None), ("XK", None, None)]
