"""Sentence spans of a field, aware of the abbreviations press releases are full of.

A period ends a sentence unless the word before it is an abbreviation. Titles and initials
("Sen.", "No.", "John A. Smith") never end one; abbreviations that may ("U.S.", "Dec.", "Ga.",
"Inc.") end one only when the next word is one that usually opens a sentence ("in the U.S. The
defendant" splits, "U.S. Attorney" does not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.tagging.models import Evidence

Span = tuple[int, int]


@dataclass(frozen=True)
class FieldText:
    """One field of a document (title or text) with its sentence spans."""

    name: str
    text: str
    spans: list[Span]

    @classmethod
    def of(cls, name: str, text: str) -> FieldText:
        return cls(name, text, split_sentences(text, line_breaks=name != "title"))

    def evidence(self, index: int) -> Evidence:
        start, end = self.spans[index]
        return Evidence(self.name, start, end, self.text[start:end])  # type: ignore[arg-type]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NEVER_FINAL = _words(
    """mr mrs ms messrs dr prof sen sens rep reps gov lt gen sgt col capt cmdr adm maj cpl pvt
    hon rev fr st ste mt no nos vol art arts para paras sec secs fig ch op pp v vs cf viz approx
    dept div ct cir supp atty asst det insp supt ofc cmsr e.g i.e"""
)
_MAYBE_FINAL = _words(
    """jr sr inc co corp ltd llc plc bros esq etc al
    jan feb mar apr jun jul aug sep sept oct nov dec
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex va vt wash wis wyo"""
)
_STARTERS = _words(
    """the a an he she it they we i you his her its their our this that these those there
    in on at as after before during according if when while under since although though but
    and also however for with each both all some many most one two three four five six seven
    eight nine ten today yesterday earlier later additionally further furthermore moreover
    meanwhile following prior then thus so yet no not"""
)
_CANDIDATE = re.compile(r"""[.!?]+["'”’»)\]]*(?=\s)|[.!?]+["'”’»)\]]*$|\n""")
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(\[\"'“‘]))([A-Za-z][A-Za-z.]*)$")
_NEXT_WORD = re.compile(r"\s*[\"'“‘(\[]*([A-Za-z]+)")
# The first character after the whitespace at a position, read in place: copying the rest of the
# text for every full stop made splitting grow with the square of a text's length.
_NEXT_CHARACTER = re.compile(r"\s*(\S)")
_OPENERS = "\"'“‘([•–—-*"
_DOTTED_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")


def split_sentences(text: str, *, line_breaks: bool = True) -> list[Span]:
    """Spans (start, end) of the sentences of `text`, each stripped of surrounding whitespace.

    With `line_breaks`, a new line ends a sentence unless the next line goes on in lower case
    (a wrapped line); titles pass False since they are often wrapped mid-phrase.
    """
    spans: list[Span] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        if m.group() == "\n":
            if not line_breaks or _continues_in_lower_case(text, m.end()):
                continue
            cut = m.start()
        elif _ends_sentence(text, m.start(), m.end()):
            cut = m.end()
        else:
            continue
        _append(spans, text, start, cut)
        start = cut
    _append(spans, text, start, len(text))
    return spans


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if any(ch.isalnum() for ch in text[start:end]):
        spans.append((start, end))


def _continues_in_lower_case(text: str, pos: int) -> bool:
    following = _NEXT_CHARACTER.match(text, pos)
    return following is not None and following.group(1).islower()


def _ends_sentence(text: str, mark_start: int, mark_end: int) -> bool:
    following = _NEXT_CHARACTER.match(text, mark_end)
    if following is None:
        return True
    first = following.group(1)
    if not (first.isupper() or first.isdigit() or first in _OPENERS):
        return False
    if "." not in text[mark_start:mark_end]:
        return True  # "!" or "?"
    word = _WORD_BEFORE.search(text, max(0, mark_start - 30), mark_start)
    if word is None:
        return True
    token = word.group(1)
    lower = token.lower()
    if len(token) == 1 and token.isupper():
        return False  # an initial
    if lower in _NEVER_FINAL:
        return False
    if lower in _MAYBE_FINAL or _DOTTED_INITIALS.fullmatch(lower):
        nxt = _NEXT_WORD.match(text, mark_end)
        return bool(nxt) and nxt.group(1).lower() in _STARTERS
    return True


def sentence_index(spans: list[Span], pos: int) -> int | None:
    """Index of the span holding character `pos`, or None when it falls between sentences."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= pos:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(spans) and spans[lo][0] <= pos < spans[lo][1]:
        return lo
    return None
