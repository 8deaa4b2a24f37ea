"""A speech's subtitle (its occasion) goes from the crawl item through extraction to the tagger, whose
relevance reads it: a speech whose title is a phrase is judged by what it was given at."""

import json

import duckdb

from pipelines.processing import extract_pending, tag_pending
from warehouse.raw import load_crawl_file
from warehouse.schema import migrate

HTML = ("<p>Brussels, 5 December 2012</p><p>Thank you for travelling to Brussels. Every year police officers "
        "in our countries spend thousands of hours going through pictures, looking for anything that can tell "
        "them where a child might be. We commit to identifying more of them, and to measuring it.</p>")


def speech(reference, subtitle):
    return {"source": "eu", "source_id": reference, "url": f"https://example.org/{reference}", "fetch_url": None,
            "title": "Joining forces to protect children online", "published": "2012-12-05", "language": "en",
            "languages": ["en"], "html": HTML, "fetched_at": "2026-11-28T10:00:00+00:00", "api": {},
            "subtitle": subtitle}


def test_relevance_reads_the_subtitle_the_crawl_passed_on(tmp_path):
    crawl = tmp_path / "items.jsonl"
    crawl.write_text("".join(json.dumps(line) + "\n" for line in [
        speech("SPEECH/12/911", "Commissioner \u2013 Launch of the Global Alliance against Child Sexual Abuse Online"),
        speech("SPEECH/12/999", "Commissioner \u2013 Conference on road safety")]))
    with duckdb.connect(str(tmp_path / "w.duckdb")) as conn:
        migrate(conn)
        load_crawl_file(conn, crawl, source="eu")
        extract_pending(conn, workers=1)
        tag_pending(conn, workers=1)
        judged = conn.execute("SELECT doc_id, relevant, evidence_field FROM document_relevance ORDER BY doc_id").fetchall()
        subtitles = conn.execute("SELECT count(subtitle) FROM extracted_texts").fetchone()[0]
    assert subtitles == 2
    assert judged == [("eu:SPEECH/12/911", True, "subtitle"), ("eu:SPEECH/12/999", False, None)]
