"""write_report over a real small warehouse: the page, its charts, and what it says about coverage."""

import html
import re
from datetime import date

import duckdb
import pytest
from click.testing import CliRunner
from PIL import Image

from pipelines.cli import main
from pipelines.report import ReportError, write_report
from pipelines.report.data import Evidence, Goal, Member
from pipelines.report.timelines import PANELS_PER_PAGE, member_timelines
from warehouse.publish import published_path


@pytest.fixture(scope="module")
def report(shared_warehouse):
    """One report of the small warehouse (drawing charts takes seconds: share it)."""
    return write_report(shared_warehouse, shared_warehouse.parent / "out")


def image_sources(page: str) -> list[str]:
    return re.findall(r'<img src="([^"]+)"', page)


def test_report_writes_a_printable_page_that_shows_every_chart(report):
    page = report.printable.read_text(encoding="utf-8")
    assert report.index.name == "index.html" and report.printable.name == "print.html"
    assert image_sources(page) == [chart.name for chart in report.charts]
    assert {c.name for c in report.charts} >= {"goal_activity.png", "member_goal_heatmap.png",
                                                "member_timelines_01.png", "coverage.png"}
    assert all(chart.parent == report.index.parent for chart in report.charts)


def test_charts_are_real_images_with_something_drawn(report):
    for chart in report.charts:
        with Image.open(chart) as image:
            image.verify()
        with Image.open(chart) as image:
            assert image.format == "PNG"
            assert image.width >= 600 and image.height >= 300, chart.name
            colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
            assert len(colours) > 20, f"{chart.name} looks blank"
        assert chart.stat().st_size > 10_000, chart.name


def test_page_tells_coverage_before_the_charts(report):
    page = report.printable.read_text(encoding="utf-8")
    note_at = page.index(html.escape(report.coverage_note))
    assert note_at < page.index("<img")
    explorer = report.index.read_text(encoding="utf-8")
    assert explorer.index(html.escape(report.coverage_note)) < explorer.index('<div id="activity">')
    # no crawl recorded in this warehouse: the note must say gaps are not inactivity
    assert "no action" in report.coverage_note
    # the ledger runs from the first document's week (2013-01-07) to the last one's (2014-11-10): 97
    # weeks; DOJ published 8 dated releases in them, 1 undated; no week was crawled
    assert "doj: 9 documents fetched from the week of 2013-01-07 to that of 2014-11-10" in report.coverage_note
    assert ("89 of 97 weeks without any document; 0 weeks crawled completely (0 of them with nothing "
            "published), 97 not; 1 undated") in report.coverage_note


def test_page_names_members_without_evidence(report):
    page = report.index.read_text(encoding="utf-8")
    assert re.search(r"these 1 members[^<]*FR France", page)


def test_coverage_note_counts_listed_documents_that_were_not_fetched(warehouse, tmp_path):
    with duckdb.connect(str(warehouse)) as conn:
        conn.execute("INSERT INTO crawl_runs (crawl_file, spider, arguments, started_at, outcome) VALUES "
                     "('raw/crawls/c1/doj.jsonl', 'doj', '{\"since\": \"2013-01-07\", \"until\": \"2013-01-27\"}',"
                     " TIMESTAMP '2013-01-28 06:00:00', 'complete')")
        conn.execute("INSERT INTO crawl_listing_counts VALUES ('raw/crawls/c1/doj.jsonl', 'doj', DATE "
                     "'2013-01-07', 3), ('raw/crawls/c1/doj.jsonl', 'doj', DATE '2013-01-14', 2)")
    written = write_report(warehouse, tmp_path / "out")
    assert "5 listed, 4 of them not fetched (in 2 weeks)" in written.coverage_note
    # three weeks crawled completely, the third with nothing listed and nothing published
    assert "3 weeks crawled completely (2 of them with nothing published), 94 not" in written.coverage_note


def test_a_second_report_removes_timeline_pages_it_no_longer_draws(warehouse, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    stale = out / "member_timelines_07.png"
    stale.write_bytes(b"old page")
    written = write_report(warehouse, out)
    assert not stale.exists()
    assert sorted(out.glob("member_timelines_*.png")) == [c for c in written.charts if "timelines" in c.name]


def test_report_of_an_empty_warehouse_says_so(empty_warehouse, tmp_path):
    written = write_report(empty_warehouse, tmp_path / "out")
    assert "holds no documents yet" in written.coverage_note
    assert all(chart.stat().st_size > 0 for chart in written.charts)
    assert image_sources(written.printable.read_text(encoding="utf-8")) == [c.name for c in written.charts]
    assert '<div id="matrix">' in written.index.read_text(encoding="utf-8")


def test_timelines_split_into_pages(tmp_path):
    members = [Member(f"M{n:02d}", f"Member {n}", date(2013, 1, 1), None, "high")
               for n in range(PANELS_PER_PAGE + 3)]
    evidence = [Evidence(m.code, "victims", date(2014, 1, 1), True) for m in members]
    pages = member_timelines([Goal("victims", "Victims")], members, evidence,
                             (date(2013, 1, 1), date(2015, 1, 1)), tmp_path)
    assert [p.name for p in pages] == ["member_timelines_01.png", "member_timelines_02.png"]


def test_report_refuses_a_missing_warehouse(tmp_path):
    missing = tmp_path / "nowhere.duckdb"
    with pytest.raises(ReportError, match=re.escape(str(missing))):
        write_report(missing, tmp_path / "out")


def test_report_names_the_views_an_old_warehouse_lacks(tmp_path):
    old = tmp_path / "old.duckdb"
    with duckdb.connect(str(old)) as conn:
        conn.execute("CREATE TABLE documents (doc_id VARCHAR)")
    with pytest.raises(ReportError, match=r"old\.duckdb lacks goals, members, .*coverage"):
        write_report(old, tmp_path / "out")


def test_report_refuses_a_file_as_its_directory(warehouse, tmp_path):
    target = tmp_path / "taken"
    target.write_text("not a directory")
    with pytest.raises(ReportError, match="taken exists but is not a directory"):
        write_report(warehouse, target)


def test_cli_report_reads_the_published_copy_and_writes_beside_the_warehouse(warehouse, monkeypatch):
    monkeypatch.setenv("ALLIANCE_WAREHOUSE", str(warehouse))
    with duckdb.connect(str(warehouse)) as conn:  # only the working file changes: the report must not see it
        conn.execute("DELETE FROM members WHERE code = 'FR'")
    result = CliRunner().invoke(main, ["report"])
    assert result.exit_code == 0, result.output
    page = (warehouse.parent / "report" / "index.html").read_text(encoding="utf-8")
    assert "FR France" in page
    assert str(published_path(warehouse)) in page


def test_cli_report_without_a_published_copy_fails_clearly(tmp_path, monkeypatch):
    monkeypatch.setenv("ALLIANCE_WAREHOUSE", str(tmp_path / "alliance.duckdb"))
    result = CliRunner().invoke(main, ["report"])
    assert result.exit_code == 2
    assert "no warehouse at" in result.output and "published" in result.output
