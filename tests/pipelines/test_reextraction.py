"""Re-extraction runs offline over the stored HTML and re-tags only versions whose text changed."""

import json

import duckdb

from pipelines.extraction import EXTRACTOR_VERSION
from pipelines.processing import extract_pending, tag_pending
from pipelines.reextraction import reextract
from warehouse.raw import load_crawl_file
from warehouse.schema import migrate

RELEVANT = ("<p>WASHINGTON – A man was sentenced today to 20 years in prison for producing child sexual abuse "
            "material and enticing a minor online, the Justice Department announced.</p>"
            "<p>Investigators identified and rescued two child victims in the Philippines.</p>")
UNRELATED = "<p>WASHINGTON – The Antitrust Division today cleared the merger of two regional grocery chains.</p>"


def item(source_id, html):
    return {"source": "doj", "source_id": source_id, "url": f"https://www.justice.gov/opa/pr/{source_id}",
            "title": "Release " + source_id, "published": "2014-05-15", "language": "en", "html": html,
            "fetched_at": "2026-11-28T10:00:00Z", "api": {}}


def test_reextract_redoes_outdated_versions_and_retags_changed_text(tmp_path):
    crawl = tmp_path / "doj.jsonl"
    crawl.write_text("\n".join(json.dumps(i) for i in [item("a", RELEVANT), item("b", UNRELATED)]) + "\n")
    with duckdb.connect(str(tmp_path / "w.duckdb")) as conn:
        migrate(conn)
        load_crawl_file(conn, crawl, source="doj")
        extract_pending(conn, workers=1)
        tag_pending(conn, workers=1)
        goals_before = conn.execute("SELECT goal FROM document_goals ORDER BY goal").fetchall()
        assert goals_before  # the relevant release carries goals
        # an older extractor had produced a truncated text for 'a'
        conn.execute("UPDATE extracted_texts SET text = 'WASHINGTON', extractor_version = 'old' WHERE doc_id = 'doj:a'")

        result = reextract(conn, workers=1)

        assert (result.versions, result.text_changed, result.retagged) == (1, 1, 1)
        text, version = conn.execute("SELECT text, extractor_version FROM extracted_texts WHERE doc_id = 'doj:a'").fetchone()
        assert "rescued two child victims" in text and version == EXTRACTOR_VERSION
        assert conn.execute("SELECT goal FROM document_goals ORDER BY goal").fetchall() == goals_before
        assert reextract(conn, workers=1).versions == 0            # nothing outdated any more
        assert reextract(conn, outdated_only=False, workers=1) .text_changed == 0


def test_a_text_that_changes_loses_the_events_of_its_old_text(tmp_path):
    """Every tag of a changed text goes, events too: none may cite a sentence the text no longer has."""
    crawl = tmp_path / "doj.jsonl"
    crawl.write_text(json.dumps(item("a", RELEVANT)) + "\n")
    with duckdb.connect(str(tmp_path / "w.duckdb")) as conn:
        migrate(conn)
        load_crawl_file(conn, crawl, source="doj")
        extract_pending(conn, workers=1)
        tag_pending(conn, workers=1)
        assert conn.execute("SELECT count(*) FROM document_events").fetchone()[0] > 0
        # the stored page now reads differently (as if the archive held another capture)
        conn.execute("UPDATE raw_documents SET html = ? WHERE doc_id = 'doj:a'", [UNRELATED])

        result = reextract(conn, outdated_only=False, workers=1)

        assert (result.text_changed, result.retagged) == (1, 1)
        assert conn.execute("SELECT count(*) FROM document_events").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM document_goals").fetchone()[0] == 0
