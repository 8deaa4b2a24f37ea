"""The researcher views over a small warehouse whose rows are written here, counted by hand.

The story: a few DOJ and Commission documents from 2013-2014 with implementation events of the
United States, Canada (joined 2013-06-17), Viet Nam (left 2014-01-01) and Mexico (join date
unknown), Ghana named but never acting; one irrelevant document, one undated, one with two versions,
one never extracted, and tags left over from an older codebook.
"""

from datetime import date, timedelta

import pytest

CURRENT, OLD = "cb-2", "cb-1"
Q1, Q2, Q3, Q4 = date(2013, 1, 1), date(2013, 4, 1), date(2013, 7, 1), date(2013, 10, 1)
Q1_2014 = date(2014, 1, 1)


class Rows:
    """Writes warehouse rows with the defaults a test does not care about."""

    def __init__(self, conn):
        self.conn = conn

    def document(self, doc_id, published, *, version=1, relevant=True, extracted=True, text="Text."):
        source, source_id = doc_id.split(":", 1)
        self.conn.execute(
            "INSERT INTO raw_documents (doc_id, version, source, source_id, title, published, "
            "content_sha256, crawl_file) VALUES (?, ?, ?, ?, ?, ?, ?, 'crawl.jsonl')",
            [doc_id, version, source, source_id, f"title of {doc_id}", published, f"{doc_id}#{version}"],
        )
        if extracted:
            self.conn.execute(
                "INSERT INTO extracted_texts (doc_id, version, text, published, date_source, extractor_version, extracted_at) VALUES (?, ?, ?, ?, 'api', 'x1', now())",
                [doc_id, version, text, published],
            )
        if relevant is not None:
            self.conn.execute(
                "INSERT INTO document_relevance (doc_id, version, codebook_version, relevant, tagged_at) "
                "VALUES (?, ?, ?, ?, now())",
                [doc_id, version, CURRENT, relevant],
            )

    def member(self, doc_id, code, how, on_date, sentence=None, *, version=1, codebook=CURRENT):
        start = None if sentence is None else 0
        self.conn.execute(
            "INSERT INTO document_members VALUES (?, ?, ?, ?, ?, ?, 'text', ?, ?, ?)",
            [doc_id, version, codebook, code, how, on_date, start, start, sentence],
        )

    def event(self, doc_id, code, goal, mode, role, on_date, sentence, start=0, *, version=1,
              codebook=CURRENT):
        self.conn.execute(
            "INSERT INTO document_events VALUES (?, ?, ?, ?, ?, ?, ?, 0.8, ?, 'text', ?, ?, ?, NULL, NULL, NULL, NULL)",
            [doc_id, version, codebook, code, goal, mode, role, on_date, start, start + len(sentence),
             sentence],
        )

    def listing(self, crawl, source, week, listed):
        self.conn.execute("INSERT INTO crawl_listing_counts VALUES (?, ?, ?, ?)",
                          [f"raw/crawls/{crawl}/{source}.jsonl", source, week, listed])

    def crawl(self, crawl, spider, outcome, since, until):
        self.conn.execute(
            "INSERT INTO crawl_runs (crawl_file, spider, arguments, started_at, finished_at, outcome) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [f"raw/crawls/{crawl}/{spider}.jsonl", spider, f'{{"since": "{since}", "until": "{until}"}}',
             f"{until + timedelta(days=1)} 06:00:00", f"{until + timedelta(days=1)} 06:10:00", outcome])


@pytest.fixture
def conn(tmp_path, new_warehouse):
    with new_warehouse(tmp_path / "w.duckdb") as conn:
        yield conn


@pytest.fixture
def story(conn):
    rows = Rows(conn)
    conn.execute("INSERT INTO pipeline_state VALUES ('codebook_version', ?)", [CURRENT])
    conn.executemany(
        "INSERT INTO members (code, name, joined_on, left_on) VALUES (?, ?, ?, ?)",
        [("US", "United States", date(2012, 12, 5), None),
         ("CA", "Canada", date(2013, 6, 17), None),
         ("VN", "Viet Nam", date(2012, 12, 5), date(2014, 1, 1)),
         ("MX", "Mexico", None, None),
         ("GH", "Ghana", date(2012, 12, 5), None)],
    )
    conn.executemany("INSERT INTO goals VALUES (?, ?, ?, ?)",
                     [("victims", 1, "Victims", "."), ("prosecution", 2, "Prosecution", "."),
                      ("awareness", 3, "Awareness", "."), ("availability", 4, "Availability", ".")])
    rows.document("doj:d1", date(2013, 2, 10))
    rows.member("doj:d1", "US", "issuer", True)
    rows.event("doj:d1", "US", "victims", "commitment", "actor", True, "We will find more victims.", 10)
    rows.event("doj:d1", "US", "victims", "action", "actor", True, "Agents identified 12 victims.", 50)
    rows.event("doj:d1", "US", "prosecution", "action", "actor", True, "He was sentenced.", 80)

    rows.document("doj:d2", date(2013, 3, 1))
    rows.member("doj:d2", "US", "issuer", True)
    rows.member("doj:d2", "CA", "mentioned", False, "Canadian police helped.")
    rows.member("doj:d2", "GH", "mentioned", True, "He was born in Ghana.")
    rows.event("doj:d2", "US", "victims", "action", "actor", True, "Two children were rescued.")
    rows.event("doj:d2", "CA", "prosecution", "action", "partner", False, "Canadian police helped.")

    rows.document("eu:d3", date(2013, 7, 15))
    rows.member("eu:d3", "CA", "mentioned", True, "Canada signed the declaration.")
    rows.event("eu:d3", "CA", "victims", "commitment", "signatory", True, "Canada signed the declaration.")
    rows.event("eu:d3", "VN", "awareness", "action", "actor", True, "Viet Nam ran a campaign.", codebook=OLD)

    rows.document("eu:d4", date(2014, 2, 3))
    rows.event("eu:d4", "VN", "awareness", "action", "actor", False, "Viet Nam trained teachers.")

    rows.document("eu:d5", date(2013, 5, 5), relevant=False)
    rows.event("eu:d5", "CA", "victims", "action", "actor", True, "A goalie rescued the game.")

    rows.document("doj:d6", None)
    rows.member("doj:d6", "US", "issuer", None)
    rows.event("doj:d6", "US", "victims", "action", "actor", None, "A victim was found.")

    rows.document("doj:d7", date(2013, 1, 1), version=1)
    rows.event("doj:d7", "US", "victims", "action", "actor", True, "Old wording.", version=1)
    rows.document("doj:d7", date(2013, 4, 2), version=2)
    rows.event("doj:d7", "US", "prosecution", "commitment", "actor", True, "Prosecutors will act.",
               version=2)

    rows.document("eu:d8", date(2013, 5, 1))
    rows.event("eu:d8", "MX", "availability", "action", "actor", None, "Mexican police removed images.")

    rows.document("eu:d9", date(2013, 4, 10))
    rows.event("eu:d9", "CA", "awareness", "action", "actor", False, "Canada told parents.")

    rows.document("doj:d10", date(2013, 3, 20), relevant=None, extracted=False)

    rows.document("doj:d11", date(2013, 2, 12))
    rows.member("doj:d11", "US", "issuer", True)
    rows.member("doj:d11", "US", "mentioned", True, "The United States leads.")
    rows.event("doj:d11", "US", "victims", "action", "actor", True, "Victims were identified.")
    rows.event("doj:d11", "US", "victims", "commitment", "partner", True, "US agents will help.", 30)

    # DOJ crawls: c1 and c2 complete over February (c2 saw more listed in the first week), c3 cut
    # short over 25 Feb - 10 Mar, c4 failed over 11-17 Mar; nothing asked of the Commission's source
    rows.crawl("c1", "doj", "complete", date(2013, 1, 28), date(2013, 2, 24))
    rows.crawl("c2", "doj", "complete", date(2013, 2, 4), date(2013, 2, 10))
    rows.crawl("c3", "doj", "incomplete", date(2013, 2, 25), date(2013, 3, 10))
    rows.crawl("c4", "doj", "failed", date(2013, 3, 11), date(2013, 3, 17))
    rows.listing("c1", "doj", date(2013, 2, 4), 2)
    rows.listing("c2", "doj", date(2013, 2, 4), 3)
    rows.listing("c3", "doj", date(2013, 2, 25), 1)
    rows.listing("c4", "doj", date(2013, 3, 11), 2)
    rows.listing("c1", "doj", None, 4)
    return conn


def records(conn, sql, params=None):
    cursor = conn.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def test_member_goal_quarterly_counts_events_of_relevant_dated_current_documents(story):
    got = {
        (r["member_code"], r["goal"], r["role"], r["quarter"]): (
            r["documents"], r["actions"], r["commitments"], r["was_member"], r["documents_while_member"])
        for r in records(story, "SELECT * FROM member_goal_quarterly WHERE documents > 0")
    }
    assert got == {
        ("US", "victims", "actor", Q1): (3, 3, 1, True, 3),     # d1 (acts and promises), d2, d11
        ("US", "victims", "partner", Q1): (1, 0, 1, True, 1),   # d11 also pledges as a partner
        ("US", "prosecution", "actor", Q1): (1, 1, 0, True, 1),  # d1
        ("US", "prosecution", "actor", Q2): (1, 0, 1, True, 1),  # d7's current version only
        ("CA", "prosecution", "partner", Q1): (1, 1, 0, False, 0),  # d2, before Canada joined
        ("CA", "awareness", "actor", Q2): (1, 1, 0, True, 0),   # d9: joined later in that quarter
        ("CA", "victims", "signatory", Q3): (1, 0, 1, True, 1),  # d3; d5 is irrelevant
        ("VN", "awareness", "actor", Q1_2014): (1, 1, 0, False, 0),  # left on the quarter's first day
        ("MX", "availability", "actor", Q2): (1, 1, 0, None, 0),  # join date unknown
    }


def test_member_goal_quarterly_is_dense_every_member_goal_role_and_quarter(story):
    # 5 members x 4 goals x 3 roles x 5 quarters (Q1 2013 to Q1 2014): zeros included
    assert story.execute("SELECT count(*), count(DISTINCT quarter) FROM member_goal_quarterly").fetchone() == (
        5 * 4 * 3 * 5, 5)
    ghana = records(story, "FROM member_goal_quarterly WHERE member_code = 'GH'")
    assert ghana and all(r["documents"] == 0 for r in ghana)  # named in d2, never acting
    assert {r["member_name"] for r in ghana} == {"Ghana"}


def test_goal_activity_quarterly_counts_documents_with_an_event_zeros_included(story):
    got = {(r["goal"], r["quarter"]): (r["documents"], r["action_documents"], r["commitment_documents"])
           for r in records(story, "FROM goal_activity_quarterly")}
    assert len(got) == 4 * 5
    assert got["victims", Q1] == (3, 3, 2)       # d1, d2, d11 (d11's pledge as a partner)
    assert got["prosecution", Q1] == (2, 2, 0)   # d1, d2 (Canada as a partner)
    assert got["prosecution", Q2] == (1, 0, 1)   # d7
    assert got["awareness", Q3] == (0, 0, 0)     # Viet Nam's d3 event is of the old codebook
    assert got["availability", Q2] == (1, 1, 0)  # d8


def test_member_timeline_first_and_latest_evidence(story):
    timeline = {(r["member_code"], r["goal"], r["role"]): r for r in records(story, "FROM member_timeline")}
    assert set(timeline) == {("US", "victims", "actor"), ("US", "victims", "partner"),
                             ("US", "prosecution", "actor"), ("CA", "prosecution", "partner"),
                             ("CA", "victims", "signatory"), ("CA", "awareness", "actor"),
                             ("VN", "awareness", "actor"), ("MX", "availability", "actor")}

    us = timeline["US", "victims", "actor"]
    assert (us["documents"], us["actions"], us["commitments"], us["undated_documents"]) == (4, 4, 1, 1)
    assert us["joined_on"] == date(2012, 12, 5)
    assert (us["first_date"], us["first_doc_id"], us["first_mode"]) == (date(2013, 2, 10), "doj:d1", "action")
    assert us["first_sentence"] == "Agents identified 12 victims."  # the action, though the promise comes first
    assert (us["latest_date"], us["latest_doc_id"], us["latest_sentence"]) == (
        date(2013, 3, 1), "doj:d2", "Two children were rescued.")

    ca = timeline["CA", "victims", "signatory"]
    assert (ca["documents"], ca["actions"], ca["commitments"], ca["undated_documents"]) == (1, 0, 1, 0)
    assert (ca["latest_doc_id"], ca["latest_mode"], ca["latest_sentence"]) == (
        "eu:d3", "commitment", "Canada signed the declaration.")

    assert timeline["VN", "awareness", "actor"]["left_on"] == date(2014, 1, 1)
    assert timeline["MX", "availability", "actor"]["joined_on"] is None


def test_member_goal_documents_hold_events_not_mentions(story):
    rows = {(r["doc_id"], r["role"]): r for r in records(
        story, "FROM member_goal_documents WHERE member_code = 'US' AND goal = 'victims'")}
    assert set(rows) == {("doj:d1", "actor"), ("doj:d2", "actor"), ("doj:d6", "actor"),
                         ("doj:d11", "actor"), ("doj:d11", "partner")}
    assert (rows["doj:d1", "actor"]["issuer"], rows["doj:d1", "actor"]["mentioned"]) == (True, False)
    assert (rows["doj:d11", "actor"]["issuer"], rows["doj:d11", "actor"]["mentioned"]) == (True, True)
    assert (rows["doj:d1", "actor"]["action"], rows["doj:d1", "actor"]["commitment"]) == (True, True)
    assert rows["doj:d1", "actor"]["evidence_sentence"] == "Agents identified 12 victims."
    assert (rows["doj:d1", "actor"]["evidence_start"], rows["doj:d1", "actor"]["evidence_end"]) == (50, 79)
    # Ghana is named in d2 but no sentence shows its authorities acting
    assert story.execute("SELECT count(*) FROM member_goal_documents WHERE member_code = 'GH'").fetchone() == (0,)


def mondays(first, last):
    return [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]


def test_the_coverage_ledger_tells_crawled_and_empty_from_never_crawled(story):
    doj = {r["week"]: (r["status"], r["listed"], r["fetched"], r["missing"], r["crawl_ids"])
           for r in records(story, "FROM coverage WHERE source = 'doj'")}
    # every week from the first crawl's or document's (no first publication week recorded here) to
    # the last document's
    assert list(doj) == mondays(date(2013, 1, 28), date(2014, 2, 3)) + [None]
    assert doj[date(2013, 1, 28)] == ("crawled_complete", 0, 0, 0, ["c1"])      # crawled, nothing listed
    assert doj[date(2013, 2, 4)] == ("crawled_complete", 3, 1, 2, ["c1", "c2"])  # the larger count
    assert doj[date(2013, 2, 11)] == ("crawled_complete", 0, 1, 0, ["c1"])      # d11 arrived anyway
    assert doj[date(2013, 2, 18)] == ("crawled_complete", 0, 0, 0, ["c1"])      # the window's last week
    assert doj[date(2013, 2, 25)] == ("crawled_incomplete", 1, 1, 0, ["c3"])
    assert doj[date(2013, 3, 4)] == ("crawled_incomplete", None, 0, None, ["c3"])  # cut short: unknown
    assert doj[date(2013, 3, 11)] == ("failed", 2, 0, 2, ["c4"])
    assert doj[date(2013, 3, 18)] == ("never_crawled", None, 1, None, [])       # d10 fetched, never extracted
    assert doj[None] == (None, 4, 1, 3, [])                                      # undated: d6
    stages = {r["week"]: (r["extracted"], r["tagged"]) for r in records(story, "FROM coverage WHERE source = 'doj'")}
    assert stages[date(2013, 3, 18)] == (0, 0) and stages[date(2013, 4, 1)] == (1, 1)


def test_every_week_inside_a_complete_window_is_crawled_complete_and_outside_every_window_never(story):
    statuses = {r["week"]: r["status"] for r in records(story, "FROM coverage WHERE source = 'doj' AND week IS NOT NULL")}
    complete = {w for w in statuses if date(2013, 1, 28) <= w <= date(2013, 2, 18)}
    assert {statuses[w] for w in complete} == {"crawled_complete"}
    outside = {w for w in statuses if w < date(2013, 1, 28) or w > date(2013, 3, 17)}
    assert outside and {statuses[w] for w in outside} == {"never_crawled"}


def test_a_source_never_crawled_has_every_week_never_crawled(story):
    eu = records(story, "FROM coverage WHERE source = 'eu'")
    assert [r["week"] for r in eu] == mondays(date(2013, 1, 28), date(2014, 2, 3))
    assert {r["status"] for r in eu} == {"never_crawled"} and all(r["listed"] is None for r in eu)
    assert {r["week"]: r["fetched"] for r in eu if r["fetched"]} == {
        date(2013, 4, 8): 1, date(2013, 4, 29): 2, date(2013, 7, 15): 1, date(2014, 2, 3): 1}
    assert sum(r["tagged"] for r in eu) == 5  # the irrelevant d5 was tagged too


def test_the_ledger_starts_at_the_first_publication_week_of_the_partitions(story):
    story.execute("INSERT INTO pipeline_state VALUES ('first_publication_week', '2012-06-04')")
    weeks = [r["week"] for r in records(story, "FROM coverage WHERE source = 'doj' AND week IS NOT NULL")]
    assert weeks[0] == date(2012, 6, 4) and weeks[-1] == date(2014, 2, 3)


def test_quarterly_views_say_whether_a_quarter_was_covered(story):
    doj = {r["quarter"]: (r["covered"], r["weeks_not_covered"]) for r in records(
        story, "FROM goal_activity_quarterly_by_source WHERE source = 'doj' AND goal = 'victims'")}
    assert doj[Q1] == (False, 9 - 4)   # 9 Mondays of Q1 from 28 Jan; c1 and c2 cover 4 of them
    whole = {r["quarter"]: r["covered"] for r in records(story, "FROM goal_activity_quarterly WHERE goal = 'victims'")}
    assert set(whole) == {Q1, Q2, Q3, Q4, Q1_2014} and not any(whole.values())
    # split by source, the counts add up to the whole
    by_source = story.execute("SELECT quarter, goal, sum(documents) FROM goal_activity_quarterly_by_source "
                              "GROUP BY ALL ORDER BY ALL").fetchall()
    assert by_source == story.execute("SELECT quarter, goal, documents FROM goal_activity_quarterly "
                                      "ORDER BY ALL").fetchall()


@pytest.mark.parametrize("view", ["member_goal_documents", "member_goal_quarterly",
                                  "member_timeline", "coverage"])
def test_views_of_an_empty_warehouse_are_empty(conn, view):
    assert conn.execute(f"SELECT count(*) FROM {view}").fetchall() == [(0,)]


def test_views_without_a_current_codebook_show_no_tags(story):
    story.execute("DELETE FROM pipeline_state")
    assert story.execute("SELECT sum(documents) FROM member_goal_quarterly").fetchall() == [(0,)]
    # coverage does not depend on tags: the documents are still counted as fetched
    assert story.execute("SELECT sum(fetched), sum(tagged) FROM coverage").fetchall() == [(11, 0)]
