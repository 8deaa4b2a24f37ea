"""Re-tagging with a new codebook version keeps the old rows, and the diff reports what moved."""

import json

import duckdb
import pytest
import yaml

from pipelines import processing
from pipelines.codebook_diff import codebook_diff, render_markdown
from pipelines.reference_files import REFERENCE_DIR
from pipelines.reference_tagger import forget_reference_tagger
from warehouse.schema import migrate

RELEASES = {
    "doj:one": "<p>ATLANTA – A man was sentenced today to 15 years in prison for producing child sexual abuse "
               "material, the Justice Department announced. Agents identified and rescued two child victims.</p>",
    "doj:two": "<p>BOSTON – A woman was indicted today for enticing a minor online and sending child sexual "
               "abuse material to an undercover officer.</p>",
    "doj:three": "<p>DENVER – The Antitrust Division today cleared the merger of two regional grocery chains.</p>",
}


def tag_counts(conn, codebook):
    return conn.execute(
        "SELECT (SELECT count(*) FROM document_relevance WHERE codebook_version = $v), "
        "(SELECT count(*) FROM document_goals WHERE codebook_version = $v), "
        "(SELECT count(*) FROM document_members WHERE codebook_version = $v)", {"v": codebook}).fetchone()


@pytest.fixture
def reset_tagger():
    forget_reference_tagger()
    yield
    forget_reference_tagger()


def test_a_codebook_that_drops_a_goal_loses_it_everywhere_and_keeps_the_old_rows(tmp_path, monkeypatch, reset_tagger):
    with duckdb.connect() as conn:
        migrate(conn)
        for doc_id, html in RELEASES.items():
            conn.execute("INSERT INTO raw_documents (doc_id, version, source, source_id, title, published, html, "
                         "content_sha256, crawl_file) VALUES (?, 1, 'doj', ?, 'Release', DATE '2014-05-15', ?, ?, "
                         "'c.jsonl')", [doc_id, doc_id[4:], html, doc_id])
        processing.extract_pending(conn, workers=1)
        old = processing.tag_pending(conn, workers=1).codebook_version
        before = tag_counts(conn, old)
        goals_before = dict(conn.execute(
            "SELECT goal, count(DISTINCT doc_id) FROM document_goals GROUP BY goal").fetchall())
        assert goals_before.get("victims") == 1 and before[0] == 3   # doj:one rescued victims

        # the draft: the same rules under a new version, except that victims can no longer be found
        draft = yaml.safe_load((REFERENCE_DIR / "codebook.yaml").read_text(encoding="utf-8"))
        draft["version"] = "draft-no-victims"
        draft["goals"]["victims"] = [{"id": "never", "weight": 0.9, "any": [r"\bzzqqx\b"]}]
        draft_file = tmp_path / "codebook.yaml"
        draft_file.write_text(json.dumps(draft), encoding="utf-8")
        monkeypatch.setenv("ALLIANCE_CODEBOOK", str(draft_file))
        forget_reference_tagger()
        assert processing.tag_pending(conn, workers=1).tagged == 3

        assert tag_counts(conn, old) == before                 # the old codebook's rows are all kept
        diff = codebook_diff(conn, old, "draft-no-victims")
        assert (diff.compared, diff.only_old, diff.only_new) == (3, 0, 0)
        assert {c.label: (c.old_documents, c.new_documents, c.gained, c.lost) for c in diff.of_kind("goal")} == {
            goal: (n, 0, 0, n) if goal == "victims" else (n, n, 0, 0) for goal, n in goals_before.items()}
        assert not any(c.moved for c in diff.of_kind("relevance") + diff.of_kind("member"))
        assert "- goal `victims` lost: `doj:one`" in render_markdown(diff)
