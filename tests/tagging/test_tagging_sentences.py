"""Sentence splitting: abbreviations, initials, line breaks, and exact offsets."""

from __future__ import annotations

import pytest

from pipelines.tagging.sentences import FieldText, sentence_index, split_sentences


def sentences(text: str, **kw) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, **kw)]


def test_plain_sentences_split_on_end_marks():
    assert sentences("One is here. Two is there! Is three?  Four.") == [
        "One is here.",
        "Two is there!",
        "Is three?",
        "Four.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Attorney's Office in Boston filed the case.",
        "He was charged on Dec. 5, 2012, in Atlanta.",
        "Sen. Smith and Rep. Jones met with Gov. Brown.",
        "The indictment, No. 12-345, was unsealed.",
        "John A. Smith and J. R. Doe pleaded guilty.",
        "He lives in Springfield, Mass., and works in Hartford, Conn., as a clerk.",
        "The law, 18 U.S.C. § 2252, forbids it.",
        "Dr. Ng, e.g. the expert, spoke at 10 a.m. in court.",
    ],
)
def test_abbreviations_do_not_end_a_sentence(text):
    assert sentences(text) == [text]


def test_abbreviation_at_the_end_of_a_sentence_still_splits_before_an_opener():
    text = "He was extradited to the U.S. The trial starts in May. He works for Acme Inc. They hired him."
    assert sentences(text) == [
        "He was extradited to the U.S.",
        "The trial starts in May.",
        "He works for Acme Inc.",
        "They hired him.",
    ]


def test_what_follows_a_mark_is_read_past_any_white_space_unicode_included():
    # no-break and ideographic spaces, a tab and blank lines between a mark and the next word
    text = "He was extradited to the U.S.\u00a0\u00a0The trial starts.\u3000It ends in Dec.\t\n\n the next day. Last!"
    assert sentences(text) == [
        "He was extradited to the U.S.",
        "The trial starts.",
        "It ends in Dec.\t\n\n the next day.",   # a line going on in lower case is one wrapped
        "Last!",
    ]
    assert sentences("Wrapped line.\n\u00a0  and on it goes.") == ["Wrapped line.\n\u00a0  and on it goes."]
    assert sentences("Trailing white space only.  \u3000\n") == ["Trailing white space only."]


def test_quotes_and_brackets_stay_with_their_sentence():
    text = '"We will act," he said. (The case is open.) Next one.'
    assert sentences(text) == ['"We will act," he said.', "(The case is open.)", "Next one."]


def test_new_lines_split_paragraphs_but_not_wrapped_lines():
    text = "WASHINGTON\nA man was\ncharged today.\n\nSecond paragraph"
    assert sentences(text) == ["WASHINGTON", "A man was\ncharged today.", "Second paragraph"]


def test_titles_ignore_line_breaks():
    title = "Former Executive at Valve Company\nPleads Guilty"
    assert sentences(title, line_breaks=False) == [title]
    assert [title[s:e] for s, e in FieldText.of("title", title).spans] == [title]


def test_spans_slice_the_text_exactly_and_strip_white_space():
    text = "  First one.   Second one.\n\n  Third  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one.", "Third"]
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)


def test_empty_and_punctuation_only_text_has_no_sentences():
    assert split_sentences("") == []
    assert split_sentences(" \n -- \n ") == []


def test_sentence_index_finds_the_sentence_holding_a_position():
    text = "Alpha beta. Gamma delta."
    spans = split_sentences(text)
    assert sentence_index(spans, text.index("beta")) == 0
    assert sentence_index(spans, text.index("delta")) == 1
    assert sentence_index(spans, text.index(" Gamma")) is None  # the space between them


def test_evidence_of_a_field_slices_its_sentence():
    field = FieldText.of("text", "First one. Second one.")
    ev = field.evidence(1)
    assert (ev.field, ev.sentence) == ("text", "Second one.")
    assert field.text[ev.start : ev.end] == ev.sentence
