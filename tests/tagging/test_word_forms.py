"""WordForms finds what one regex of all the forms finds, without compiling that regex."""

from __future__ import annotations

import re

import pytest
from gold_texts import gold_texts

from pipelines.reference_files import ROSTER_CSV
from pipelines.tagging.agencies import AGENCIES_YAML, AgencyTable
from pipelines.tagging.countries import trie_pattern
from pipelines.tagging.roster import Roster
from pipelines.tagging.word_forms import WordForms


def one_regex(forms):
    return re.compile(rf"\b(?:{trie_pattern(forms)})(?!\w)")


def spans_of_one_regex(forms, text):
    return [m.span() for m in one_regex(forms).finditer(text)]


@pytest.mark.parametrize(("forms", "text", "expected"), [
    # the longest form at a word start, then on after it
    (["State Police", "State Police of Albania"], "the State Police of Albania said",
     ["State Police of Albania"]),
    # a longer form that ends inside a word gives way to a shorter one
    (["State Police", "State Police of Alb"], "State Police of Albania", ["State Police"]),
    # runs of white space match any white space; a word running on is no match
    (["Europol", "National Crime Agency"], "Europols and National\n  Crime Agency", ["National\n  Crime Agency"]),
    # a form's first word must be the text's whole word
    (["AKEP"], "XAKEP AKEP AKEP-x", ["AKEP", "AKEP"]),
    # a first word shared by forms that fail here, then a form at the next word
    (["Police of Albania", "Police Scotland"], "Police of Armenia Police Scotland", ["Police Scotland"]),
])
def test_finds_what_one_regex_finds(forms, text, expected):
    found = list(WordForms(forms).finditer(text))
    assert [text[start:end] for start, end in found] == expected
    assert found == spans_of_one_regex(forms, text)


def test_a_form_must_start_with_a_word_character():
    with pytest.raises(ValueError, match="word character"):
        WordForms(["(ICE)"])


def _reference_forms() -> list[str]:
    return list(AgencyTable.from_yaml(AGENCIES_YAML, Roster.from_csv(ROSTER_CSV).codes()).forms)


def _texts(forms: list[str]) -> list[str]:
    texts = gold_texts()
    # every form in every setting a match depends on: alone, run into a word on either side, its
    # spaces widened to other white space, upper-cased, cut short by one character
    texts.append(" ".join(f"{form}." for form in forms))
    texts.append(" ".join(f"x{form} {form}s" for form in forms))
    texts.append("\n".join(form.replace(" ", " \t\n ") for form in forms))
    texts.append(" ".join(form.upper() for form in forms))
    texts.append(", ".join(form[:-1] for form in forms))
    return texts


def test_the_reference_agency_forms_are_found_as_one_regex_finds_them():
    forms = _reference_forms()
    scanner, regex = WordForms(forms), one_regex(forms)
    differing = [text[:80] for text in _texts(forms)
                 if list(scanner.finditer(text)) != [m.span() for m in regex.finditer(text)]]
    assert differing == []
    assert sum(1 for _ in scanner.finditer(" ".join(f"{form}." for form in forms))) > len(forms) // 2
