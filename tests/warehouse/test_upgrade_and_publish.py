"""Upgrading a warehouse built by the oldest schema keeps its data; readers of the published copy are never disturbed."""

import subprocess
import sys

import duckdb

from warehouse.publish import publish, published_path
from warehouse.schema import migrate
from warehouse.sql import ordered_files


def test_upgrade_from_the_oldest_schema_keeps_every_row(tmp_path):
    path = str(tmp_path / "old.duckdb")
    oldest_name, oldest_sql = ordered_files("migrations")[0]
    with duckdb.connect(path) as conn:  # a warehouse as the first release built it
        conn.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)")
        conn.execute(oldest_sql)
        conn.execute("INSERT INTO schema_migrations (name) VALUES (?)", [oldest_name])
        conn.execute("INSERT INTO raw_documents (doc_id, version, source, source_id, title, content_sha256, crawl_file)"
                     " VALUES ('eu:IP/12/1308', 1, 'eu', 'IP/12/1308', 'Launch', 'h', 'f')")
        conn.execute("INSERT INTO document_goals VALUES ('eu:IP/12/1308', 1, 'cb0', 'victims', 'commitment', 0.7, 'title', 0, 6, 'Launch')")
    with duckdb.connect(path) as conn:
        applied = migrate(conn)
        assert applied == [name for name, _ in ordered_files("migrations")[1:]]
        assert conn.execute("SELECT doc_id, title FROM raw_documents").fetchall() == [("eu:IP/12/1308", "Launch")]
        assert conn.execute("SELECT goal, codebook_version FROM document_goals").fetchall() == [("victims", "cb0")]


READER = """
import sys, time, duckdb
conn = duckdb.connect(sys.argv[1], read_only=True)
print(conn.execute("SELECT count(*) FROM pipeline_state").fetchone()[0], flush=True)
sys.stdin.readline()                       # hold the copy open while the pipeline publishes again
print(conn.execute("SELECT count(*) FROM pipeline_state").fetchone()[0], flush=True)
"""


def count_in_new_reader(path):
    code = "import sys, duckdb; print(duckdb.connect(sys.argv[1], read_only=True).execute('SELECT count(*) FROM pipeline_state').fetchone()[0])"
    return subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True).stdout.strip()


def test_reader_holding_the_published_copy_is_not_disturbed_by_a_new_publication(tmp_path):
    warehouse = tmp_path / "alliance.duckdb"
    with duckdb.connect(str(warehouse)) as conn:
        migrate(conn)
        conn.execute("INSERT INTO pipeline_state VALUES ('a', '1')")
        target = publish(conn, warehouse)
        reader = subprocess.Popen([sys.executable, "-c", READER, str(target)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        assert reader.stdout.readline().strip() == "1"
        conn.execute("INSERT INTO pipeline_state VALUES ('b', '2')")   # the pipeline writes on, unblocked
        assert publish(conn, warehouse) == target == published_path(warehouse)
        out, _ = reader.communicate("go\n", timeout=30)
    assert out.strip() == "1"                      # the old reader kept its consistent copy
    assert count_in_new_reader(target) == "2"      # a new reader sees the new publication


VIEW_READER = """
import sys, duckdb
conn = duckdb.connect(sys.argv[1], read_only=True)
ask = "SELECT count(*), count(*) FILTER (WHERE relevant) FROM documents"
print(conn.execute(ask).fetchone(), flush=True)
sys.stdin.readline()                       # hold the copy open while the pipeline publishes again
print(conn.execute(ask).fetchone(), flush=True)
"""


def add_document(conn, doc_id, relevant):
    conn.execute("INSERT INTO raw_documents (doc_id, version, source, source_id, title, content_sha256, crawl_file) "
                 "VALUES (?, 1, 'eu', ?, 'A release', ?, 'f')", [doc_id, doc_id[3:], doc_id])
    conn.execute("INSERT INTO document_relevance (doc_id, version, codebook_version, relevant, tagged_at) "
                 "VALUES (?, 1, 'cb1', ?, now())", [doc_id, relevant])


def test_a_reader_of_the_stored_views_keeps_its_rows_while_a_new_publication_replaces_them(tmp_path):
    warehouse = tmp_path / "alliance.duckdb"
    with duckdb.connect(str(warehouse)) as conn:
        migrate(conn)
        conn.execute("INSERT INTO pipeline_state VALUES ('codebook_version', 'cb1')")
        add_document(conn, "eu:IP/13/1", True)
        target = publish(conn, warehouse)
        reader = subprocess.Popen([sys.executable, "-c", VIEW_READER, str(target)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        assert reader.stdout.readline().strip() == "(1, 1)"
        add_document(conn, "eu:IP/13/2", True)
        add_document(conn, "eu:IP/13/3", False)
        publish(conn, warehouse)
        out, _ = reader.communicate("go\n", timeout=30)
    assert out.strip() == "(1, 1)"                 # the old reader kept the views as first published
    with duckdb.connect(str(target), read_only=True) as fresh:
        assert fresh.execute("SELECT count(*), count(*) FILTER (WHERE relevant) FROM documents").fetchone() == (3, 2)
