"""Each data-quality check passes on good rows and names the offenders on bad ones."""

import pytest

from warehouse.checks import check_names, run_check

TEXT = "The defendant was sentenced today for producing child sexual abuse material online."


@pytest.fixture
def conn(tmp_path, new_warehouse):
    connection = new_warehouse(tmp_path / "w.duckdb")
    connection.execute("INSERT INTO members VALUES ('US', 'United States', DATE '2012-12-05', NULL, 's', 'high', NULL)")
    connection.execute("INSERT INTO pipeline_state VALUES ('codebook_version', 'cb1')")
    add_document(connection, "doj:a", text=TEXT)
    yield connection
    connection.close()


def add_document(conn, doc_id, version=1, text=TEXT, published="2013-05-16", api_published="2013-05-16", sha=None):
    conn.execute(
        "INSERT INTO raw_documents (doc_id, version, source, source_id, title, published, html, content_sha256, crawl_file)"
        " VALUES (?, ?, 'doj', ?, 'Title', ?, '<p>x</p>', ?, 'f.jsonl')",
        [doc_id, version, doc_id.split(":")[1], api_published, sha or f"{doc_id}-{version}"])
    conn.execute("INSERT INTO extracted_texts (doc_id, version, text, published, date_source, extractor_version, extracted_at) VALUES (?, ?, ?, ?, 'api', 'x', now())", [doc_id, version, text, published])


def outcome(conn, name):
    return run_check(conn, name)


def test_every_check_passes_on_good_rows(conn):
    conn.execute("INSERT INTO document_goals VALUES ('doj:a', 1, 'cb1', 'prosecution', 'action', 0.9, 'text', 0, ?, ?)",
                 [len(TEXT), TEXT])
    assert {name: outcome(conn, name).offending for name in check_names()} == dict.fromkeys(check_names(), 0)


def test_empty_text_is_named(conn):
    add_document(conn, "doj:b", text="")
    assert outcome(conn, "no_empty_text").sample == ["doj:b"]


def test_future_date_and_date_unlike_the_api_are_named(conn):
    add_document(conn, "doj:c", published="2099-01-01", api_published=None)
    add_document(conn, "doj:d", published="2013-01-01", api_published="2013-02-02")
    assert outcome(conn, "dates_plausible").sample == ["doj:c#1", "doj:d#1"]


def test_version_identical_to_the_previous_is_named(conn):
    add_document(conn, "doj:e", version=1, sha="same")
    add_document(conn, "doj:e", version=2, sha="same")
    assert outcome(conn, "no_duplicate_keys").sample == ["doj:e"]


def test_goal_without_matching_evidence_is_named(conn):
    conn.execute("INSERT INTO document_goals VALUES ('doj:a', 1, 'cb1', 'victims', 'action', 0.9, 'text', 0, 10, 'not this')")
    assert outcome(conn, "every_tag_has_evidence").sample == ["doj:a#1:victims"]


def test_member_code_off_the_roster_is_named(conn):
    conn.execute("INSERT INTO document_members VALUES ('doj:a', 1, 'cb1', 'ZZ', 'mentioned', NULL, 'text', 0, 3, 'The')")
    assert outcome(conn, "member_codes_on_roster").sample == ["doj:a:ZZ"]


def test_week_with_fewer_documents_than_listed_is_named(conn):
    conn.execute("INSERT INTO crawl_listing_counts VALUES ('f.jsonl', 'doj', DATE '2013-05-13', 3)")
    assert outcome(conn, "coverage_against_listings").sample == ["doj 2013-05-13: listed 3, held 1"]
