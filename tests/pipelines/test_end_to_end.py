"""One real run of every asset through Dagster: replica over HTTP -> Scrapy -> trafilatura -> tags -> DuckDB."""

import json
import urllib.request
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import duckdb
import pytest
from dagster import materialize

from pipelines.assets import ALL_ASSETS
from pipelines.checks import ALL_CHECKS
from pipelines.partitions import first_publication_week
from replica.server import ReplicaServer
from spiders.registry import NAMES
from spiders.registry import source as registered_source

FIRST_DAY = datetime(2012, 6, 4, tzinfo=UTC)  # the first publication week's Monday


def doj_listed(replica) -> int:
    doj, page = 0, 0
    while True:
        url = f"{replica.source_url('doj')}/api/v1/press_releases.json?page={page}&pagesize=50"
        with urllib.request.urlopen(url) as r:
            results = json.load(r)["results"]
        if not results:
            break
        doj += sum(1 for item in results if int(item["date"]) >= FIRST_DAY.timestamp())
        page += 1
    return doj


def eu_listed(replica) -> int:
    search = f"{replica.source_url('eu')}/api/search?language=en&pagesize=1&pagenumber=1&datefrom=04062012&dateto=31122030"
    with urllib.request.urlopen(search) as r:
        return int(json.load(r)["totalNumber"])


def govuk_listed(replica) -> int:
    """The Search API's total for the registry's default organisations and types."""
    scope = registered_source("govuk").scope
    query = urlencode([*(("filter_organisations", slug) for slug in scope["organisations"].split(",")),
                       *(("filter_content_store_document_type", kind) for kind in scope["types"].split(",")),
                       ("filter_public_timestamp", f"from:{FIRST_DAY.date()}"), ("count", 1)])
    with urllib.request.urlopen(f"{replica.source_url('govuk')}/api/search.json?{query}") as r:
        return int(json.load(r)["total"])


def europol_listed(replica) -> int:
    """The newsroom has no filters: it lists every article the replica serves."""
    return sum(1 for day in replica.catalogue["europol"].days() if day >= FIRST_DAY.date())


# What each registry source's replica lists from the first publication week on (in its default
# scope), read straight from its APIs: a source added to the registry needs its line here.
LISTED = {"doj": doj_listed, "eu": eu_listed, "govuk": govuk_listed, "europol": europol_listed}


def listed_counts(replica) -> dict[str, int]:
    missing = sorted(set(NAMES) - set(LISTED))
    assert not missing, f"no reader of what the replica lists for {', '.join(missing)}"
    return {name: LISTED[name](replica) for name in NAMES}


@pytest.fixture(scope="module")
def run_twice(tmp_path_factory, resources_for, replica_weeks):
    """Two runs over the replica's weeks (2012 to its newest document): every week after those holds
    nothing and would only cost Dagster an event per asset and week."""
    warehouse_file = tmp_path_factory.mktemp("warehouse") / "alliance.duckdb"
    with ReplicaServer() as replica:
        resources = resources_for(warehouse_file, replica)
        first = materialize([*ALL_ASSETS, *ALL_CHECKS], resources=resources, tags=replica_weeks)
        with duckdb.connect(str(warehouse_file), read_only=True) as conn:
            after_first = conn.execute(
                "SELECT (SELECT count(*) FROM raw_documents), (SELECT count(*) FROM document_goals),"
                " (SELECT count(*) FROM document_members)").fetchone()
        second = materialize([*ALL_ASSETS, *ALL_CHECKS], resources=resources, tags=replica_weeks)
        listed = listed_counts(replica)
    return first, second, after_first, warehouse_file, listed


@pytest.fixture
def conn(run_twice):
    with duckdb.connect(str(run_twice[3]), read_only=True) as connection:
        yield connection


def test_both_runs_succeed_with_every_check_passing(run_twice):
    for result in run_twice[:2]:
        assert result.success
        checks = result.get_asset_check_evaluations()
        assert len(checks) == len(ALL_CHECKS)
        assert [c.check_name for c in checks if not c.passed] == []


def test_every_listed_document_arrives_once(run_twice, conn):
    counts = dict(conn.execute("SELECT source, count(*) FROM documents GROUP BY source").fetchall())
    assert counts == run_twice[4]
    assert conn.execute("SELECT count(*) - count(DISTINCT doc_id) FROM documents").fetchone()[0] == 0


def test_second_run_adds_no_rows(run_twice, conn):
    again = conn.execute(
        "SELECT (SELECT count(*) FROM raw_documents), (SELECT count(*) FROM document_goals),"
        " (SELECT count(*) FROM document_members)").fetchone()
    assert again == run_twice[2]


def test_every_document_has_text_and_a_date(conn):
    missing = conn.execute("SELECT doc_id FROM documents WHERE text IS NULL OR length(text) < 40 OR published IS NULL").fetchall()
    assert missing == []


def test_relevant_documents_are_tagged_with_members_and_goals(conn):
    relevant = conn.execute("SELECT count(*) FROM documents WHERE relevant").fetchone()[0]
    assert relevant >= 40
    untagged = conn.execute(
        "SELECT doc_id FROM documents d WHERE relevant AND NOT EXISTS "
        "(SELECT 1 FROM current_document_goals g WHERE g.doc_id = d.doc_id)").fetchall()
    assert len(untagged) <= relevant * 0.1, untagged
    goals = {g for (g,) in conn.execute("SELECT DISTINCT goal FROM current_document_goals").fetchall()}
    assert goals == {"victims", "prosecution", "awareness", "availability"}
    assert conn.execute("SELECT count(DISTINCT member_code) FROM current_document_members WHERE how = 'mentioned'").fetchone()[0] >= 5


def test_goal_evidence_is_the_sentence_at_its_offsets(conn):
    rows = conn.execute(
        "SELECT g.evidence_field, g.evidence_start, g.evidence_end, g.evidence_sentence, d.title, d.text, g.codebook_version"
        " FROM current_document_goals g JOIN documents d USING (doc_id)").fetchall()
    assert rows
    for field, start, end, sentence, title, text, codebook in rows:
        source = title if field == "title" else text
        assert source[start:end] == sentence
        assert codebook


def test_doj_releases_carry_the_united_states_as_issuer(conn):
    without = conn.execute(
        "SELECT doc_id FROM documents d WHERE source = 'doj' AND relevant AND NOT EXISTS (SELECT 1 FROM "
        "current_document_members m WHERE m.doc_id = d.doc_id AND m.member_code = 'US' AND m.how = 'issuer')").fetchall()
    assert without == []


def test_events_fill_the_warehouse_each_with_its_sentence_at_its_offsets(conn):
    rows = conn.execute(
        "SELECT e.member_code, e.role, e.evidence_field, e.evidence_start, e.evidence_end, e.evidence_sentence,"
        " d.title, d.text FROM current_document_events e JOIN documents d USING (doc_id)").fetchall()
    assert len(rows) >= 100
    assert len({r[0] for r in rows}) >= 10 and {r[1] for r in rows} == {"actor", "partner", "signatory"}
    for *_, field, start, end, sentence, title, text in rows:
        assert (title if field == "title" else text)[start:end] == sentence


def test_the_launch_week_shows_what_its_members_pledged_not_every_member_acting_on_every_goal(conn):
    launch = "published BETWEEN DATE '2012-12-03' AND DATE '2012-12-09'"
    acting_on_every_goal = conn.execute(
        f"SELECT member_code FROM member_goal_documents WHERE {launch} AND action AND member_code <> 'US' "
        "GROUP BY member_code HAVING count(DISTINCT goal) = 4").fetchall()
    assert acting_on_every_goal == []
    signatories = conn.execute(
        f"SELECT count(DISTINCT member_code) FROM member_goal_documents WHERE {launch} AND role = 'signatory'"
        " AND commitment").fetchone()[0]
    assert signatories >= 10  # the declaration's named signatories pledge its targets
    named_only = conn.execute(
        f"SELECT count(DISTINCT m.member_code) FROM current_document_members m JOIN documents d USING (doc_id)"
        f" WHERE d.{launch} AND d.relevant AND m.how = 'mentioned' AND NOT EXISTS (SELECT 1 FROM"
        " member_goal_documents e WHERE e.doc_id = m.doc_id AND e.member_code = m.member_code AND e.action)"
    ).fetchone()[0]
    assert named_only >= 10  # named in the launch documents without any act of theirs reported


def test_goal_activity_shows_change_over_years(conn):
    years = conn.execute("SELECT DISTINCT year(quarter) FROM goal_activity_quarterly WHERE documents > 0"
                         " ORDER BY 1").fetchall()
    assert [y for (y,) in years] == [2012, 2013, 2014, 2015, 2016]
    totals = conn.execute("SELECT sum(documents) FROM goal_activity_quarterly").fetchone()[0]
    assert totals >= 40


def test_the_ledger_marks_every_week_of_a_complete_crawl_and_every_other_week_never_crawled(conn):
    windows = conn.execute(
        "SELECT spider, TRY_CAST(json_extract_string(arguments, '$.since') AS DATE),"
        " TRY_CAST(json_extract_string(arguments, '$.until') AS DATE), outcome FROM crawl_runs").fetchall()
    assert windows and {outcome for *_, outcome in windows} == {"complete"}
    ledger = conn.execute("SELECT source, week, status, listed FROM coverage WHERE week IS NOT NULL").fetchall()
    assert ledger[0][1] == first_publication_week()
    for source, week, status, listed in ledger:
        inside = any(s == source and since <= week and until >= week + timedelta(days=6)
                     for s, since, until, _ in windows)
        assert (status, listed is not None and listed >= 0) == (
            ("crawled_complete", True) if inside else ("never_crawled", False)), (source, week)


def test_quarterly_series_are_dense_over_the_covered_range(conn):
    quarters = conn.execute("SELECT count(DISTINCT date_trunc('quarter', week)) FROM coverage "
                            "WHERE week IS NOT NULL").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM goal_activity_quarterly").fetchone()[0] == 4 * quarters
    members = conn.execute("SELECT count(*) FROM members").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM member_goal_quarterly").fetchone()[0] == members * 4 * 3 * quarters
    # the demo crawled every week completely: every quarter is covered, zeros included
    assert conn.execute("SELECT bool_and(covered) FROM goal_activity_quarterly").fetchone()[0] is True
    assert conn.execute("SELECT count(*) FROM goal_activity_quarterly WHERE documents = 0").fetchone()[0] > 0


def test_alliance_framed_documents_are_counted_apart(conn):
    framed, total = conn.execute("SELECT count(*) FILTER (WHERE alliance_framed), count(*) FROM documents "
                                 "WHERE relevant").fetchone()
    assert 0 < framed < total  # Alliance work and ordinary enforcement news both occur
    assert conn.execute("SELECT sum(framed_documents) <= sum(documents) AND sum(framed_documents) > 0 "
                        "FROM goal_activity_quarterly").fetchone()[0] is True


def test_report_is_written_and_its_charts_show_in_the_run_metadata(run_twice):
    report_dir = run_twice[3].parent / "report"
    assert (report_dir / "index.html").is_file()
    for result in run_twice[:2]:
        # the report covers the whole warehouse: one materialization a run, not one per week
        [materialization] = result.asset_materializations_for_node("research_report")
        assert materialization.partition is None
        assert materialization.metadata["charts"].value == len(list(report_dir.glob("*.png"))) >= 3
        assert materialization.metadata["goal_activity"].value.startswith("![goal_activity](data:image/png;base64,")
    [views] = run_twice[0].asset_materializations_for_node("researcher_views")
    weekly = run_twice[0].asset_materializations_for_node("document_tags")
    assert views.partition is None and len(weekly) == len({m.partition for m in weekly}) > 200


def test_text_language_is_recorded_and_duplicates_were_looked_for(run_twice, conn):
    languages = dict(conn.execute("SELECT text_language, count(*) FROM extracted_texts GROUP BY ALL").fetchall())
    assert set(languages) == {"en"}   # the replica serves English versions only
    assert run_twice[0].asset_materializations_for_node("near_duplicate_links")
    copies = conn.execute("SELECT sum(copies) FROM canonical_documents").fetchone()[0]
    assert copies == conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def test_speeches_are_judged_by_their_occasion_as_well_as_their_title(conn):
    judged = dict(conn.execute("SELECT doc_id, relevant FROM documents WHERE doc_id IN "
                               "('eu:SPEECH/12/911', 'eu:SPEECH/13/838')").fetchall())
    assert judged == {"eu:SPEECH/12/911": True, "eu:SPEECH/13/838": True}
    assert conn.execute("SELECT subtitle FROM raw_documents WHERE doc_id = 'eu:SPEECH/12/911'").fetchone()[0].endswith(
        "Launch of the Global Alliance against Child Sexual Abuse Online")


def test_aliases_record_when_they_were_first_seen(conn):
    kinds, missing = conn.execute("SELECT list(DISTINCT typeof(first_seen)), count(*) - count(first_seen) "
                                  "FROM document_aliases").fetchone()
    assert (kinds, missing) == (["TIMESTAMP"], 0)


def test_a_document_of_the_run_is_cited_with_its_archive_record(run_twice):
    from click.testing import CliRunner

    from pipelines.cli import main

    result = CliRunner().invoke(main, ["cite", "IP/12/1308", "--warehouse", str(run_twice[3])])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("European Commission. \u201c")
    assert "IP/12/1308, " in result.output and "archive record <urn:uuid:" in result.output
    assert " in raw/warc/eu-" in result.output
