"""Malformed codebook and country-name files are refused in one clear line."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from pipelines.reference_files import REFERENCE_DIR
from pipelines.tagging import GOALS, CodebookError, Tagger

CODEBOOK = REFERENCE_DIR / "codebook.yaml"
ROSTER = REFERENCE_DIR / "roster.csv"
NAMES = REFERENCE_DIR / "country_names.yaml"


def reference(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def refused(tmp_path: Path, data, *, names: bool = False) -> str:
    path = tmp_path / ("country_names.yaml" if names else "codebook.yaml")
    path.write_text(
        data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True),
        encoding="utf-8",
    )
    with pytest.raises(CodebookError) as err:
        if names:
            Tagger.from_files(CODEBOOK, ROSTER, path)
        else:
            Tagger.from_files(path, ROSTER)
    message = str(err.value)
    assert message.startswith(str(path)) and "\n" not in message
    return message


def test_reference_files_load_and_carry_a_version():
    tagger = Tagger.from_reference()
    assert tagger.codebook_version == reference(CODEBOOK)["version"]
    assert tagger.codebook_version


def test_goals_csv_names_the_same_four_goals_as_the_codebook():
    with (REFERENCE_DIR / "goals.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["code"] for r in rows] == list(GOALS)
    assert set(reference(CODEBOOK)["goals"]) == set(GOALS)
    assert sorted(int(r["target"]) for r in rows) == [1, 2, 3, 4]


def test_invalid_yaml(tmp_path):
    assert "invalid YAML at line" in refused(tmp_path, "version: [unclosed\n")


def test_not_a_mapping(tmp_path):
    assert "expected a mapping" in refused(tmp_path, "- just\n- a list\n")


def test_missing_version(tmp_path):
    data = reference(CODEBOOK)
    del data["version"]
    assert "version: is missing" in refused(tmp_path, data)


def test_bad_regex_is_named_by_its_place(tmp_path):
    data = reference(CODEBOOK)
    data["goals"]["victims"][1]["any"][0] = "rescu(e"
    message = refused(tmp_path, data)
    assert "goals.victims[1].any[0]" in message and "invalid regex" in message


def test_unknown_or_missing_goal(tmp_path):
    data = reference(CODEBOOK)
    data["goals"]["victim"] = data["goals"].pop("victims")
    assert "expected exactly the goals" in refused(tmp_path, data)


def test_weight_out_of_range(tmp_path):
    data = reference(CODEBOOK)
    data["relevance"]["rules"][0]["weight"] = 1.5
    assert "relevance.rules[0].weight" in refused(tmp_path, data)


def test_rule_with_both_any_and_all(tmp_path):
    data = reference(CODEBOOK)
    data["goals"]["awareness"][0]["all"] = [["a"], ["b"]]
    assert "either `any`" in refused(tmp_path, data)


def test_duplicate_rule_id(tmp_path):
    data = reference(CODEBOOK)
    data["relevance"]["rules"][1]["id"] = data["relevance"]["rules"][0]["id"]
    assert "is used twice" in refused(tmp_path, data)


def test_bad_mode_default(tmp_path):
    data = reference(CODEBOOK)
    data["modes"]["default"] = "promise"
    assert "modes.default" in refused(tmp_path, data)


def test_missing_codebook_file(tmp_path):
    with pytest.raises(CodebookError, match="codebook.yaml: cannot read"):
        Tagger.from_files(tmp_path / "codebook.yaml", ROSTER)


def test_names_bad_deny_regex(tmp_path):
    data = reference(NAMES)
    data["countries"]["GE"]["deny"][0]["before"] = "(unclosed"
    message = refused(tmp_path, data, names=True)
    assert "countries.GE.deny[0].before" in message


def test_names_form_claimed_by_two_countries(tmp_path):
    data = reference(NAMES)
    data["countries"]["AT"]["names"].append("France")
    assert "already a form of" in refused(tmp_path, data, names=True)


def test_names_person_form_that_is_no_form(tmp_path):
    data = reference(NAMES)
    data["countries"]["IL"]["person_names"] = ["Jerusalem"]
    assert "is not one of its forms" in refused(tmp_path, data, names=True)


def test_names_unknown_key(tmp_path):
    data = reference(NAMES)
    data["countries"]["FR"]["nicknames"] = ["Hexagon"]
    assert "unknown keys" in refused(tmp_path, data, names=True)
