"""The codebook diff over a small warehouse whose tags are written here and counted by hand.

Codebook cb-1 tagged everything first; cb-2 re-tagged it:
- doj:a  relevant in both; goals {prosecution} -> {prosecution, victims}; members {US} -> {US, PH}
- doj:b  relevant -> not relevant; goals {awareness} -> {}; members {US} in both
- eu:c   not relevant -> relevant; goals {} -> {availability}; members {FR} in both
- doj:d  version 1 tagged by both, but its current version 2 only by cb-1: not compared
- eu:e   tagged only by cb-2: not compared
"""

from datetime import date

import duckdb
import pytest
from click.testing import CliRunner

from pipelines.cli import main as cli
from pipelines.codebook_diff import CodebookDiffError, codebook_diff, render_markdown
from warehouse.schema import migrate

OLD, NEW = "cb-1", "cb-2"


def write_story(conn):
    def document(doc_id, version=1):
        source, source_id = doc_id.split(":", 1)
        conn.execute("INSERT INTO raw_documents (doc_id, version, source, source_id, title, published, "
                     "content_sha256, crawl_file) VALUES (?, ?, ?, ?, ?, ?, ?, 'c.jsonl')",
                     [doc_id, version, source, source_id, f"Title | of {doc_id}", date(2014, 5, 1), f"{doc_id}{version}"])

    def relevance(doc_id, codebook, relevant, sentence=None, version=1):
        conn.execute("INSERT INTO document_relevance VALUES (?, ?, ?, ?, 'text', 0, 1, ?, now(), NULL)",
                     [doc_id, version, codebook, relevant, sentence])

    def goal(doc_id, codebook, code, sentence, version=1):
        conn.execute("INSERT INTO document_goals VALUES (?, ?, ?, ?, 'action', 0.9, 'text', 0, 1, ?)",
                     [doc_id, version, codebook, code, sentence])

    def member(doc_id, codebook, code, sentence=None, how="mentioned"):
        conn.execute("INSERT INTO document_members VALUES (?, 1, ?, ?, ?, true, 'text', 0, 1, ?)",
                     [doc_id, codebook, code, how, sentence])

    for doc_id in ("doj:a", "doj:b", "eu:c", "doj:d", "eu:e"):
        document(doc_id)
    document("doj:d", version=2)
    relevance("doj:a", OLD, True, "a was charged.")
    relevance("doj:a", NEW, True, "a was charged.")
    goal("doj:a", OLD, "prosecution", "a was charged.")
    goal("doj:a", NEW, "prosecution", "a was charged.")
    goal("doj:a", NEW, "victims", "Two victims were identified in the Philippines.")
    for codebook in (OLD, NEW):
        member("doj:a", codebook, "US", how="issuer")
        member("doj:b", codebook, "US", how="issuer")
        member("eu:c", codebook, "FR", "France joined.")
    member("doj:a", NEW, "PH", "Two victims were identified in the Philippines.")
    relevance("doj:b", OLD, True, "A school safety week.")
    relevance("doj:b", NEW, False)
    goal("doj:b", OLD, "awareness", "A school safety week.")
    relevance("eu:c", OLD, False)
    relevance("eu:c", NEW, True, "Hotlines removed the material.")
    goal("eu:c", NEW, "availability", "Hotlines removed the material.")
    for codebook in (OLD, NEW):
        relevance("doj:d", codebook, True, "d was sentenced.")
        goal("doj:d", codebook, "prosecution", "d was sentenced.")
    relevance("doj:d", OLD, True, "d was sentenced.", version=2)
    goal("doj:d", OLD, "prosecution", "d was sentenced.", version=2)
    relevance("eu:e", NEW, True, "e.")
    goal("eu:e", NEW, "victims", "e.")


@pytest.fixture
def conn(new_warehouse):
    with new_warehouse() as connection:
        write_story(connection)
        yield connection


def counts(changes):
    return {c.label: (c.old_documents, c.new_documents, c.gained, c.lost) for c in changes}


def test_counts_cover_current_versions_tagged_by_both(conn):
    diff = codebook_diff(conn, OLD, NEW)
    assert (diff.compared, diff.only_old, diff.only_new) == (3, 1, 1)
    assert counts(diff.of_kind("relevance")) == {"relevant": (2, 2, 1, 1)}
    assert counts(diff.of_kind("goal")) == {"availability": (0, 1, 1, 0), "awareness": (1, 0, 0, 1),
                                            "prosecution": (1, 1, 0, 0), "victims": (0, 1, 1, 0)}
    assert counts(diff.of_kind("member")) == {"FR": (1, 1, 0, 0), "PH": (0, 1, 1, 0), "US": (2, 2, 0, 0)}


def test_samples_show_the_sentence_of_the_codebook_that_has_the_label(conn):
    samples = {(s.kind, s.label, s.change): (s.doc_id, s.evidence) for s in codebook_diff(conn, OLD, NEW).samples}
    assert samples == {
        ("goal", "availability", "gained"): ("eu:c", "Hotlines removed the material."),
        ("goal", "awareness", "lost"): ("doj:b", "A school safety week."),
        ("goal", "victims", "gained"): ("doj:a", "Two victims were identified in the Philippines."),
        ("member", "PH", "gained"): ("doj:a", "Two victims were identified in the Philippines."),
        ("relevance", "relevant", "gained"): ("eu:c", "Hotlines removed the material."),
        ("relevance", "relevant", "lost"): ("doj:b", "A school safety week."),
    }


def test_the_reverse_diff_swaps_gains_and_losses(conn):
    forward, backward = codebook_diff(conn, OLD, NEW), codebook_diff(conn, NEW, OLD)
    assert {(c.kind, c.label): (c.gained, c.lost) for c in backward.changes} == {
        (c.kind, c.label): (c.lost, c.gained) for c in forward.changes}


def test_samples_are_capped_per_label_and_direction(conn):
    for n in range(3):  # three more documents that gain victims
        conn.execute("INSERT INTO raw_documents (doc_id, version, source, source_id, content_sha256, crawl_file) "
                     "VALUES (?, 1, 'doj', ?, ?, 'c.jsonl')", [f"doj:v{n}", f"v{n}", f"v{n}"])
        for codebook, relevant in ((OLD, False), (NEW, True)):
            conn.execute("INSERT INTO document_relevance VALUES (?, 1, ?, ?, NULL, NULL, NULL, NULL, now(), NULL)",
                         [f"doj:v{n}", codebook, relevant])
        conn.execute("INSERT INTO document_goals VALUES (?, 1, ?, 'victims', 'action', 0.9, 'text', 0, 1, 'v.')",
                     [f"doj:v{n}", NEW])
    diff = codebook_diff(conn, OLD, NEW, samples=2)
    victims = [s.doc_id for s in diff.samples if s.label == "victims"]
    assert victims == ["doj:a", "doj:v0"]
    assert counts(diff.of_kind("goal"))["victims"] == (0, 4, 4, 0)
    assert codebook_diff(conn, OLD, NEW, samples=0).samples == ()


def test_markdown_report(conn):
    text = render_markdown(codebook_diff(conn, OLD, NEW))
    assert text.startswith("# Codebook diff: cb-1 → cb-2\n")
    assert "3 documents compared" in text and "1 tagged only under cb-1, 1 only under cb-2" in text
    assert "| victims | 0 | 1 | +1 | -0 |" in text and "| awareness | 1 | 0 | +0 | -1 |" in text
    assert "| PH | 0 | 1 | +1 | -0 |" in text and "| US |" not in text    # unchanged members are summed up
    assert "2 of 3 members tagged unchanged." in text
    assert "- goal `victims` gained: `doj:a` Title \\| of doj:a — “Two victims were identified" in text


def test_a_codebook_that_changes_nothing_moves_nothing(conn):
    for table in ("document_relevance", "document_goals", "document_members"):
        columns = [c for (c,) in conn.execute(f"SELECT column_name FROM duckdb_columns() WHERE table_name = '{table}'"
                                                " ORDER BY column_index").fetchall()]
        copy = ", ".join("'cb-3'" if c == "codebook_version" else c for c in columns)
        conn.execute(f"INSERT INTO {table} SELECT {copy} FROM {table} WHERE codebook_version = '{NEW}'")
    diff = codebook_diff(conn, NEW, "cb-3")
    assert diff.compared == 4 and not any(c.moved for c in diff.changes) and diff.samples == ()
    assert "No document moved." in render_markdown(diff)


@pytest.mark.parametrize("old, new, message", [
    ("cb-9", NEW, "codebook version 'cb-9' has tagged no document in this warehouse (versions present: cb-1, cb-2)"),
    (OLD, "cb-9", "'cb-9' has tagged no document"),
    (OLD, OLD, "--old and --new are the same codebook version 'cb-1'"),
])
def test_unknown_or_equal_versions_are_refused(conn, old, new, message):
    with pytest.raises(CodebookDiffError) as error:
        codebook_diff(conn, old, new)
    assert message in str(error.value)


def test_command_prints_the_report_from_a_warehouse_file(tmp_path):
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as connection:
        migrate(connection)
        write_story(connection)
    result = CliRunner().invoke(cli, ["codebook-diff", "--old", OLD, "--new", NEW, "--warehouse", str(path)])
    assert result.exit_code == 0, result.output
    assert "| availability | 0 | 1 | +1 | -0 |" in result.output

    bad = CliRunner().invoke(cli, ["codebook-diff", "--old", "cb-0", "--new", NEW, "--warehouse", str(path)])
    assert bad.exit_code == 2 and f"{path}: codebook version 'cb-0' has tagged no document" in bad.output
    missing = CliRunner().invoke(cli, ["codebook-diff", "--old", OLD, "--new", NEW,
                                       "--warehouse", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no warehouse at" in missing.output
