"""The drill's warehouse comparison: equal by content, blind to times and crawl paths, and it
finds a changed tag, a lost document and a duplicated version."""

from datetime import datetime

import duckdb
import pytest

from bench.compare import differences, fingerprint_file
from warehouse.schema import migrate


def make_warehouse(path, *, tagged_at, crawl_file="raw/crawls/one/doj.jsonl", goal="victims",
                   versions=(1,), documents=("doj:a", "doj:b")):
    with duckdb.connect(str(path)) as conn:
        migrate(conn)
        for doc_id in documents:
            for version in versions:
                conn.execute(
                    "INSERT INTO raw_documents (doc_id, version, source, source_id, title, html, "
                    "content_sha256, fetched_at, crawl_file) VALUES (?, ?, 'doj', ?, 'T', '<p>x</p>', ?, ?, ?)",
                    [doc_id, version, doc_id[4:], f"{doc_id}{version}", tagged_at, crawl_file])
            conn.execute("INSERT INTO document_goals (doc_id, version, codebook_version, goal, mode, "
                         "confidence, evidence_field, evidence_start, evidence_end, evidence_sentence) "
                         "VALUES (?, 1, 'c1', ?, 'action', 0.9, 'text', 0, 5, 'Done.')", [doc_id, goal])
            conn.execute("INSERT INTO document_relevance (doc_id, version, codebook_version, relevant, "
                         "tagged_at) VALUES (?, 1, 'c1', TRUE, ?)", [doc_id, tagged_at])
        conn.execute("INSERT INTO crawl_files VALUES (?, 'doj', ?, 2, 2, 0)", [crawl_file, tagged_at])
    return path


@pytest.fixture
def expected(tmp_path):
    return fingerprint_file(make_warehouse(tmp_path / "expected.duckdb", tagged_at=datetime(2026, 1, 1)))


def test_other_times_and_crawl_paths_are_the_same_warehouse(tmp_path, expected):
    again = make_warehouse(tmp_path / "again.duckdb", tagged_at=datetime(2026, 3, 4, 5, 6),
                           crawl_file="raw/crawls/two/doj.jsonl")
    assert differences(expected, fingerprint_file(again)) == []


def test_a_changed_tag_is_found_in_its_table(tmp_path, expected):
    changed = make_warehouse(tmp_path / "changed.duckdb", tagged_at=datetime(2026, 1, 1), goal="awareness")
    found = differences(expected, fingerprint_file(changed))
    assert len(found) == 1 and found[0].startswith("document_goals: 2 rows missing, 2 extra")


def test_a_lost_document_and_a_duplicated_version_are_found(tmp_path, expected):
    lost = make_warehouse(tmp_path / "lost.duckdb", tagged_at=datetime(2026, 1, 1), documents=("doj:a",))
    doubled = make_warehouse(tmp_path / "doubled.duckdb", tagged_at=datetime(2026, 1, 1), versions=(1, 2))
    assert any(line.startswith("raw_documents: 1 rows missing, 0 extra")
               for line in differences(expected, fingerprint_file(lost)))
    assert any(line.startswith("raw_documents: 0 rows missing, 2 extra")
               for line in differences(expected, fingerprint_file(doubled)))


def test_a_missing_warehouse_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.duckdb"):
        fingerprint_file(tmp_path / "nowhere.duckdb")
