"""tag_jsonl: a JSON Lines file in, one tag line per good input line out, bad lines reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.tagging.batch import BatchReport, tag_jsonl


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def doc(**fields) -> str:
    base = {
        "id": "a",
        "source": "doj",
        "title": "T",
        "text": "Some text.",
        "published": "2013-05-01",
    }
    base.update(fields)
    return json.dumps({k: v for k, v in base.items() if v is not ...})


def read_output(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_good_lines_are_tagged_in_input_order(tmp_path, tagger):
    source = write_lines(
        tmp_path / "items.jsonl",
        [
            doc(
                id="one",
                title="Man Sentenced for Child Pornography",
                text="He was sentenced in Italy for child pornography.",
            ),
            doc(id="two", source="eu", text="The Commission met Canada.", published=None),
            doc(
                id="three", text="A Georgia man paid a tax fine.", published="2014-02-03T10:00:00Z"
            ),
        ],
    )
    report = tag_jsonl(source, tmp_path / "tags.jsonl", tagger)
    assert report == BatchReport(tagged=3, bad_lines=[])
    out = read_output(tmp_path / "tags.jsonl")
    assert [o["id"] for o in out] == ["one", "two", "three"]
    assert (
        out[0]["relevant"] is True
        and out[0]["members"] == ["IT"]
        and "prosecution" in out[0]["goals"]
    )
    assert out[1]["relevant"] is False and out[1]["members"] == ["CA"] and out[1]["goals"] == []
    assert out[2]["members"] == []  # the issuer is not a mention; Georgia here is the US state
    assert {o["codebook_version"] for o in out} == {tagger.codebook_version}
    issuer = [e for e in out[2]["evidence"] if e["kind"] == "member"]
    assert issuer == [
        {
            "kind": "member",
            "code": "US",
            "how": "issuer",
            "field": None,
            "start": None,
            "end": None,
            "sentence": None,
        }
    ]


def test_bad_lines_are_reported_with_their_number_and_skipped(tmp_path, tagger):
    source = write_lines(
        tmp_path / "items.jsonl",
        [
            doc(id="good1"),
            "{not json",
            doc(id="no-text", text=...),
            doc(id="", text="Empty id."),
            doc(id="blank-text", text="   "),
            doc(id="bad-source", source="un"),
            doc(id="bad-date", published="5 May 2013"),
            "[1, 2, 3]",
            "",
            doc(id="bad-title", title=5),
            doc(id="good2", title=None),
        ],
    )
    report = tag_jsonl(source, tmp_path / "tags.jsonl", tagger)
    assert report.tagged == 2
    numbers = [n for n, _ in report.bad_lines]
    assert numbers == [2, 3, 4, 5, 6, 7, 8, 10]  # line 9 is blank: not a document, not an error
    reasons = dict(report.bad_lines)
    assert "invalid JSON" in reasons[2]
    assert "text is missing" in reasons[3]
    assert "id must be a non-empty string" in reasons[4]
    assert "text must be a non-empty string" in reasons[5]
    assert "source must be one of" in reasons[6] and "'un'" in reasons[6]
    assert "published must be an ISO date" in reasons[7]
    assert "expected a JSON object" in reasons[8]
    assert "title must be a string" in reasons[10]
    assert [o["id"] for o in read_output(tmp_path / "tags.jsonl")] == ["good1", "good2"]


def test_an_empty_input_gives_an_empty_output(tmp_path, tagger):
    source = write_lines(tmp_path / "items.jsonl", [])
    assert tag_jsonl(source, tmp_path / "tags.jsonl", tagger) == BatchReport(0, [])
    assert (tmp_path / "tags.jsonl").read_text(encoding="utf-8") == ""


def test_output_keeps_non_ascii_text_readable(tmp_path, tagger):
    source = write_lines(
        tmp_path / "items.jsonl", [doc(id="ü", source="eu", text="Türkiye signed.")]
    )
    tag_jsonl(source, tmp_path / "tags.jsonl", tagger)
    raw = (tmp_path / "tags.jsonl").read_text(encoding="utf-8")
    assert '"ü"' in raw and json.loads(raw)["members"] == ["TR"]


def test_a_failed_run_leaves_no_partial_output(tmp_path, tagger):
    with pytest.raises(FileNotFoundError):
        tag_jsonl(tmp_path / "absent.jsonl", tmp_path / "tags.jsonl", tagger)
    assert list(tmp_path.iterdir()) == []
