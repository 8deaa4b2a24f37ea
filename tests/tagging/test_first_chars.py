"""The first-character guard changes how fast a pattern is searched, never what it finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from gold_texts import gold_texts

from pipelines.tagging import first_chars
from pipelines.tagging.first_chars import alternation, finditer, guarded, may_match, required_words

REFERENCE = Path(__file__).resolve().parents[2] / "pipelines" / "reference"


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _reference_alternations() -> list[list[str]]:
    """Every list of regexes the reference files hold (an `any` rule, a group of an `all` rule...)."""
    found = []

    def walk(node):
        if isinstance(node, list) and node and all(isinstance(v, str) and "\\" in v for v in node):
            found.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for name in ("codebook.yaml", "event_frames.yaml", "country_names.yaml", "agencies.yaml"):
        walk(yaml.safe_load((REFERENCE / name).read_text(encoding="utf-8")))
    return found


def _reference_patterns() -> list[str]:
    found = []
    for name in ("codebook.yaml", "event_frames.yaml", "country_names.yaml", "agencies.yaml"):
        for text in _strings(yaml.safe_load((REFERENCE / name).read_text(encoding="utf-8"))):
            if "\\" not in text:  # names and notes; the reference regexes use \b, \s...
                continue
            found.append(text)
    return sorted(set(found))


def _texts() -> list[str]:
    texts = gold_texts()
    # Cases a guard could get wrong: other letter cases, a match at the very start or end,
    # characters whose case folds to an ASCII letter (Kelvin sign, long s).
    texts += ["CHILD VICTIMS", "child victims", "wEpRoTeCt WePROTECT", "\u212aids \u017fexual abuse",
              "Child pornography.", "", "1-year-old 17-year-old"]
    return texts


PATTERNS = _reference_patterns()
TEXTS = _texts()


def _matches(pattern: re.Pattern[str]) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in pattern.finditer(text)] for text in TEXTS]


def test_the_reference_files_hold_patterns_to_check():
    assert len(PATTERNS) > 100 and len(TEXTS) > 50


@pytest.mark.parametrize("flags", [re.IGNORECASE, 0], ids=["ignorecase", "case-sensitive"])
def test_every_reference_pattern_finds_the_same_matches_guarded(flags):
    differing = [text for text in PATTERNS
                 if _matches(guarded(re.compile(text, flags))) != _matches(re.compile(text, flags))]
    assert differing == []


def test_most_reference_patterns_get_a_guard():
    guards = sum(1 for text in PATTERNS
                 if guarded(re.compile(text, re.IGNORECASE)).pattern != text)
    assert guards > len(PATTERNS) // 2


def test_a_word_pattern_is_guarded_by_its_first_letters():
    words = r"\bchild\s+victims?\b|(?<!x)\bvictims?\s+identification"
    pattern = guarded(re.compile(words, re.IGNORECASE))
    assert pattern.pattern.startswith("(?=[cv])")
    assert [m.group() for m in pattern.finditer("Child victims and VICTIM identification")] == [
        "Child victims", "VICTIM identification"]


def test_a_case_sensitive_part_keeps_its_case():
    pattern = guarded(re.compile(r"\b(?-i:WePROTECT)\b", re.IGNORECASE))
    assert [m.start() for m in pattern.finditer("weprotect WePROTECT")] == [10]


@pytest.mark.parametrize("text", [r"a*b?", r"(?:x|)y?", r"[^a]b", r".ab", r"(?i:abc)"])
def test_what_cannot_be_bounded_safely_is_left_as_it_was(text):
    pattern = re.compile(text)
    assert guarded(pattern) is pattern


def test_a_text_lacking_every_required_word_holds_no_match():
    missed = [(text, sample[:60]) for text in PATTERNS
              for pattern in [guarded(re.compile(text, re.IGNORECASE))]
              for sample in TEXTS if not may_match(pattern, sample) and pattern.search(sample)]
    assert missed == []


def test_most_reference_patterns_name_words_a_match_needs():
    named = sum(1 for text in PATTERNS if required_words(re.compile(text, re.IGNORECASE)))
    assert named > len(PATTERNS) // 2


@pytest.mark.parametrize(("text", "words"), [
    (r"\bchild\s+victims?\b|\bvictims?\s+identification\b", {"victim", "identification"}),
    (r"\b(?-i:WePROTECT)\b", {"weprotect"}),
    (r"(?:sexual\s+)?abuse", {"abuse"}),
    (r"\bsex(?:ual)?\s+abuse", {"abuse"}),
])
def test_required_words_are_those_every_match_holds(text, words):
    assert required_words(re.compile(text, re.IGNORECASE)) == frozenset(words)


@pytest.mark.parametrize("text", [r"(?:sexual)?\s*x", r"ab|cdef", r"[a-z]+", r"(?!child)\w+"])
def test_no_words_are_claimed_where_a_match_may_lack_them(text):
    assert required_words(re.compile(text, re.IGNORECASE)) is None


def test_casefolding_keeps_what_ignorecase_matches():
    pattern = re.compile(r"sexual", re.IGNORECASE)
    assert pattern.search("\u017fEXUAL") and may_match(pattern, "\u017fEXUAL")


ALTERNATIONS = _reference_alternations()


def test_the_reference_files_hold_alternations_to_check():
    assert len(ALTERNATIONS) > 20 and max(map(len, ALTERNATIONS)) > 10


@pytest.mark.parametrize("flags", [re.IGNORECASE, 0], ids=["ignorecase", "case-sensitive"])
def test_an_alternation_searched_with_the_alternatives_a_text_can_match_finds_the_same_spans(flags):
    differing = []
    for sources in ALTERNATIONS:
        whole = re.compile("|".join(f"(?:{source})" for source in sources), flags)
        pattern = alternation(sources, flags)
        for text in TEXTS:
            if [m.span() for m in finditer(pattern, text)] != [m.span() for m in whole.finditer(text)]:
                differing.append((sources[0][:40], text[:40]))
    assert differing == []


def test_alternatives_whose_words_a_text_lacks_are_left_out_of_its_search():
    pattern = alternation([r"\bchild\s+victims?\b", r"\bpaedophil\w*", r"\b(?:a|b)\w*x"], re.IGNORECASE)
    before = first_chars._narrowed.cache_info().misses
    assert [m.group() for m in finditer(pattern, "Two child victims, an annex")] == ["child victims", "annex"]
    assert first_chars._narrowed.cache_info().misses == before + 1   # searched without "paedophil"
    assert list(finditer(pattern, "nothing to see")) == []
    assert [m.group() for m in finditer(pattern, "a paedophile")] == ["paedophile"]


def test_an_earlier_alternative_still_wins_where_two_match_at_one_place():
    pattern = alternation([r"child\s+abuse", r"child\s+abuse\s+material"], re.IGNORECASE)
    assert [m.group() for m in finditer(pattern, "child abuse material")] == ["child abuse"]


def test_words_are_found_inside_other_words_and_overlapping_them():
    # "child" only inside "children"; "ren" and "dren" overlap it; "ÆRE" folds to "ære"
    pattern = alternation([r"\bchild\w*", r"\w*dren\b", r"\w+ren\b", r"\bære\b"], re.IGNORECASE)
    assert [m.group() for m in finditer(pattern, "Grandchildren ÆRE")] == ["Grandchildren", "ÆRE"]
    assert [m.group() for m in finditer(pattern, "the children")] == ["children"]


def test_an_alternation_built_later_is_searched_with_its_own_words():
    first = alternation([r"\bgrooming\b", r"\bsextortion\b"], re.IGNORECASE)
    assert [m.group() for m in finditer(first, "online grooming")] == ["grooming"]
    later = alternation([r"\bhotline\w*", r"\bgrooming\b"], re.IGNORECASE)   # the word index grows
    assert [m.group() for m in finditer(later, "online grooming, hotlines")] == ["grooming", "hotlines"]
    assert [m.group() for m in finditer(first, "online grooming, hotlines")] == ["grooming"]
