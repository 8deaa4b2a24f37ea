"""The dated roster: membership by day, unknown dates kept unknown, malformed files refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipelines.reference_files import REFERENCE_DIR
from pipelines.tagging import CodebookError, TagInput
from pipelines.tagging.roster import Roster

HEADER = "code,name,joined_on,left_on,source,confidence,note\n"


def write(tmp_path: Path, rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(header + rows, encoding="utf-8")
    return path


def test_reference_roster_holds_the_launch_members_and_the_later_joiners(tagger):
    roster = tagger.roster
    launch = date(2012, 12, 5)
    at_launch = [c for c in roster.codes() if roster.is_member(c, launch)]
    assert len(at_launch) == 48
    assert "US" in at_launch and "CA" not in at_launch
    later = {"AM", "BA", "CA", "CR", "IL", "XK", "MX"}
    assert later <= set(roster.codes())
    assert not later & set(at_launch)


def test_canada_joined_on_its_day(tagger):
    assert tagger.roster.is_member("CA", date(2013, 6, 16)) is False
    assert tagger.roster.is_member("CA", date(2013, 6, 17)) is True


@pytest.mark.parametrize("code", ["AM", "BA", "CR", "IL", "XK", "MX"])
def test_unknown_join_dates_give_unknown_membership_inside_the_window(tagger, code):
    roster = tagger.roster
    assert roster.is_member(code, date(2012, 12, 5)) is False
    assert roster.is_member(code, date(2014, 3, 1)) is None
    assert roster.is_member(code, date(2014, 10, 1)) is True
    entry = roster.entry(code)
    assert entry.confidence != "high" and entry.note


def test_vietnam_is_a_member_at_launch_and_unknown_later(tagger):
    assert tagger.roster.is_member("VN", date(2013, 1, 1)) is True
    assert tagger.roster.is_member("VN", date(2016, 1, 1)) is None


def test_undated_or_unlisted(tagger):
    assert tagger.roster.is_member("FR", None) is None
    assert tagger.roster.is_member("IN", date(2014, 1, 1)) is False  # India: never a member
    assert tagger.roster.is_member("FR", date(2012, 1, 1)) is False  # before the launch


def test_member_tags_carry_membership_on_the_publication_day(tagger):
    def member_on_date(published):
        doc = TagInput(
            id="x", source="eu", title="", text="Canada and France met.", published=published
        )
        return {m.code: m.member_on_date for m in tagger.tag(doc).members}

    assert member_on_date(date(2013, 1, 10)) == {"CA": False, "FR": True}
    assert member_on_date(date(2013, 7, 1)) == {"CA": True, "FR": True}
    assert member_on_date(None) == {"CA": None, "FR": None}


def test_a_left_member_stops_being_one(tmp_path):
    roster = Roster.from_csv(write(tmp_path, "FR,France,2012-12-05,2015-01-01,x,high,\n"))
    assert roster.is_member("FR", date(2014, 12, 31)) is True
    assert roster.is_member("FR", date(2015, 1, 1)) is False


def test_reference_roster_file_has_the_documented_columns():
    first = (REFERENCE_DIR / "roster.csv").read_text(encoding="utf-8").splitlines()[0]
    assert first == HEADER.strip()


@pytest.mark.parametrize(
    ("rows", "header", "expected"),
    [
        ("FR,France,2012-12-05,,x,high,\n", "code,name,joined\n", "header must be"),
        ("FRA,France,2012-12-05,,x,high,\n", HEADER, "line 2: code 'FRA'"),
        ("FR,France,2012-13-05,,x,high,\n", HEADER, "line 2: joined_on '2012-13-05'"),
        ("FR,France,,,x,high,\n", HEADER, "line 2: joined_on is empty"),
        (
            "FR,France,2012-12-05,2011-01-01,x,high,\n",
            HEADER,
            "line 2: left_on is before joined_on",
        ),
        ("FR,France,2012-12-05,,x,sure,\n", HEADER, "line 2: confidence"),
        (
            "FR,France,2012-12-05,,x,high,\nFR,France,2012-12-05,,x,high,\n",
            HEADER,
            "line 3: code FR appears twice",
        ),
        ("FR,France,2012-12-05\n", HEADER, "line 2: expected 7 columns"),
        ("FR,France,2014-01-01/2013-01-01,,x,high,\n", HEADER, "ends before it starts"),
        ("", HEADER, "no rows"),
    ],
)
def test_malformed_roster_is_refused_with_file_and_place(tmp_path, rows, header, expected):
    path = write(tmp_path, rows, header)
    with pytest.raises(CodebookError) as err:
        Roster.from_csv(path)
    message = str(err.value)
    assert str(path) in message and expected in message
    assert "\n" not in message


def test_missing_roster_is_refused(tmp_path):
    with pytest.raises(CodebookError, match="roster.csv: cannot read"):
        Roster.from_csv(tmp_path / "roster.csv")
