"""A small warehouse with made-up rows, laid out as the pipeline leaves it (file + published copy)."""

from datetime import date, timedelta

import pytest

from warehouse.publish import published_path

CODEBOOK = "cb-test"
GOALS = [("victims", 1, "Victims"), ("prosecution", 2, "Prosecution"),
         ("awareness", 3, "Awareness"), ("availability", 4, "Availability")]
MEMBERS = [("US", "United States", date(2012, 12, 5), None),
           ("GB", "United Kingdom", date(2012, 12, 5), None),
           ("CA", "Canada", date(2013, 6, 17), None),
           ("VN", "Viet Nam", date(2012, 12, 5), date(2014, 1, 1)),
           ("MX", "Mexico", None, None),
           ("FR", "France", date(2012, 12, 5), None)]  # never tagged: a silent member
MENTIONED = ["GB", "CA", "VN", "MX"]
DATED_DOCUMENTS = 16


def _document(conn, doc_id, published, relevant=True):
    source, source_id = doc_id.split(":", 1)
    conn.execute(
        "INSERT INTO raw_documents (doc_id, version, source, source_id, url, title, published, content_sha256, "
        "fetched_at, crawl_file) VALUES (?, 1, ?, ?, ?, ?, ?, ?, '2026-11-28 10:00:00', 'crawl.jsonl')",
        [doc_id, source, source_id, f"https://example.org/{source_id}", f"Release {source_id}", published, doc_id],
    )
    conn.execute("INSERT INTO extracted_texts (doc_id, version, text, published, date_source, extractor_version, extracted_at) VALUES (?, 1, 'Some text.', ?, 'api', 'x', now())",
                 [doc_id, published])
    conn.execute("INSERT INTO document_relevance (doc_id, version, codebook_version, relevant, tagged_at) "
                 "VALUES (?, 1, ?, ?, now())", [doc_id, CODEBOOK, relevant])


def _member(conn, doc_id, code, how, on_date):
    sentence = None if how == "issuer" else f"{code} took part."
    conn.execute("INSERT INTO document_members VALUES (?, 1, ?, ?, ?, ?, 'text', 0, 10, ?)",
                 [doc_id, CODEBOOK, code, how, on_date, sentence])


def _goal(conn, doc_id, goal, mode):
    conn.execute("INSERT INTO document_goals VALUES (?, 1, ?, ?, ?, 0.8, 'text', 0, 10, ?)",
                 [doc_id, CODEBOOK, goal, mode, f"Something about {goal}."])


def _event(conn, doc_id, code, goal, mode, on_date):
    role = "actor" if code == "US" else ("partner", "signatory", "actor")[len(doc_id) % 3]
    conn.execute("INSERT INTO document_events VALUES (?, 1, ?, ?, ?, ?, ?, 0.8, ?, 'text', 0, 10, ?, 0, 2, 3, 9)",
                 [doc_id, CODEBOOK, code, goal, mode, role, on_date, f"{code} acted on {goal}."])


def fill(conn):
    """Sixteen dated documents every 45 days from 2013-01-07, one undated; goals and members in turn."""
    conn.execute("INSERT INTO pipeline_state VALUES ('codebook_version', ?)", [CODEBOOK])
    conn.executemany("INSERT INTO goals VALUES (?, ?, ?, 'a goal')", GOALS)
    conn.executemany("INSERT INTO members (code, name, joined_on, left_on) VALUES (?, ?, ?, ?)", MEMBERS)
    for n in range(DATED_DOCUMENTS):
        published = date(2013, 1, 7) + timedelta(days=45 * n)
        doc_id = f"doj:r{n}" if n % 2 == 0 else f"eu:IP/13/{n}"
        _document(conn, doc_id, published)
        if doc_id.startswith("doj"):
            _member(conn, doc_id, "US", "issuer", True)
        _member(conn, doc_id, MENTIONED[n % len(MENTIONED)], "mentioned", None)
        _goal(conn, doc_id, GOALS[n % len(GOALS)][0], "action" if n % 3 else "commitment")
        _goal(conn, doc_id, GOALS[(n + 1) % len(GOALS)][0], "commitment")
        actors = (["US"] if doc_id.startswith("doj") else []) + [MENTIONED[n % len(MENTIONED)]]
        for code in actors:
            _event(conn, doc_id, code, GOALS[n % len(GOALS)][0], "action" if n % 3 else "commitment", None)
            _event(conn, doc_id, code, GOALS[(n + 1) % len(GOALS)][0], "commitment", None)
    _document(conn, "doj:undated", None)
    _member(conn, "doj:undated", "US", "issuer", None)
    _goal(conn, "doj:undated", "victims", "action")
    _event(conn, "doj:undated", "US", "victims", "action", None)


def build(directory, new_warehouse):
    path = directory / "alliance.duckdb"
    with new_warehouse(path) as conn:
        fill(conn)
        conn.execute("CHECKPOINT")
    copy = published_path(path)
    copy.write_bytes(path.read_bytes())
    return path


@pytest.fixture
def warehouse(tmp_path, new_warehouse):
    """The warehouse file and its published copy, both holding the rows above."""
    return build(tmp_path, new_warehouse)


@pytest.fixture(scope="module")
def shared_warehouse(tmp_path_factory, new_warehouse):
    """The same, built once for tests that only read it."""
    return build(tmp_path_factory.mktemp("warehouse"), new_warehouse)


@pytest.fixture
def empty_warehouse(tmp_path, new_warehouse):
    path = tmp_path / "empty.duckdb"
    new_warehouse(path).close()
    return path
