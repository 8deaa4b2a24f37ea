"""Regexes that find the same matches faster: a lookahead of the characters a match can start with,
the words every match holds, looked for first, and an alternation searched with only those of its
alternatives whose words the text holds.

Python's `re` scans quickly to candidate positions only when a pattern starts with a literal or a
character set. The codebook's patterns start with `\\b`, a lookbehind or an alternation, so `re`
tries every position of every text with every pattern; tagging spends most of its time there.
Putting `(?=[cv...])` in front lets `re` skip to the positions where a match can begin. The
lookahead is zero-width and admits every first character the pattern can consume, so the matches
(positions and spans) are exactly those of the pattern alone.

`re` has no public parser; its private one (`re._parser`, Python 3.11+) is read here. Whatever it
cannot show safely (a pattern that may match the empty string, a negated set, `.`, a backreference,
a case-insensitive part inside a case-sensitive pattern, or a parser that changed) leaves the
pattern as it was: slower, never different.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from typing import Any

import ahocorasick

try:  # private since Python 3.11; only an optimisation depends on it
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - another interpreter
    sre = sre_parse = None  # type: ignore[assignment]


class _Unbounded(Exception):
    """The pattern's first character cannot be bounded (or not safely)."""


_CATEGORIES = {"CATEGORY_WORD": r"\w", "CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s"}
_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` with a lookahead of its possible first characters in front; the pattern itself when
    those cannot be bounded."""
    if sre_parse is None or not isinstance(pattern.pattern, str):
        return pattern
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
        first, nullable = _first(list(tree), bool(pattern.flags & re.IGNORECASE))
        if nullable or not first:
            return pattern
        return re.compile(f"(?=[{''.join(sorted(first))}])(?:{pattern.pattern})", pattern.flags)
    except (_Unbounded, re.error, TypeError, ValueError, AttributeError):
        return pattern


def _first(items: list[tuple[Any, Any]], ignore_case: bool) -> tuple[set[str], bool]:
    """(class items a match of this sequence can start with, whether it can match nothing)."""
    first: set[str] = set()
    for op, arg in items:
        found, nullable = _first_of(str(op), arg, ignore_case)
        first |= found
        if not nullable:
            return first, False
    return first, True


def _first_of(op: str, arg: Any, ignore_case: bool) -> tuple[set[str], bool]:
    if op == "LITERAL":
        return {_escape(chr(arg))}, False
    if op == "IN":
        return _set_items(arg), False
    if op in _ZERO_WIDTH:
        return set(), True
    if op == "SUBPATTERN":
        _group, add_flags, _del_flags, body = arg
        if add_flags & re.IGNORECASE and not ignore_case:
            raise _Unbounded("a case-insensitive part in a case-sensitive pattern")
        return _first(list(body), ignore_case)
    if op == "ATOMIC_GROUP":
        return _first(list(arg), ignore_case)
    if op == "BRANCH":
        first: set[str] = set()
        nullable = False
        for branch in arg[1]:
            found, empty = _first(list(branch), ignore_case)
            first |= found
            nullable = nullable or empty
        return first, nullable
    if op in _REPEATS:
        low, _high, body = arg
        found, empty = _first(list(body), ignore_case)
        return found, empty or low == 0
    raise _Unbounded(op)


def _set_items(items: list[tuple[Any, Any]]) -> set[str]:
    out: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            out.add(_escape(chr(arg)))
        elif name == "RANGE":
            out.add(f"{_escape(chr(arg[0]))}-{_escape(chr(arg[1]))}")
        elif name == "CATEGORY" and str(arg) in _CATEGORIES:
            out.add(_CATEGORIES[str(arg)])
        else:  # NEGATE, NOT_LITERAL, negated categories...
            raise _Unbounded(name)
    return out


def _escape(char: str) -> str:
    return re.escape(char)  # escapes every character that means something inside [...]


# A word shorter than this is in too many texts to be worth looking for first.
_MIN_WORD = 3


@cache
def required_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Words (casefolded) of which every match of `pattern` contains at least one, or None when the
    pattern shows none. A text that holds none of them (casefolded) cannot match: one substring
    search each, in C, instead of a regex scan of the text. Casefolding keeps it a superset under
    IGNORECASE (the long s and the Kelvin sign fold to the ASCII letters `re` matches them with)."""
    if sre_parse is None or not isinstance(pattern.pattern, str):
        return None
    try:
        return _required(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    except (re.error, TypeError, ValueError, AttributeError):
        return None


def _required(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The most selective requirement any item of this sequence sets (a match holds the sequence)."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in [*items, ("END", None)]:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(arg))
            continue
        if len(run) >= _MIN_WORD:
            candidates.append(frozenset({"".join(run).casefold()}))
        run = []
        found = None
        if name == "SUBPATTERN":
            found = _required(list(arg[3]))
        elif name == "ATOMIC_GROUP":
            found = _required(list(arg))
        elif name in _REPEATS and arg[0] >= 1:
            found = _required(list(arg[2]))
        elif name == "BRANCH":
            alternatives = [_required(list(branch)) for branch in arg[1]]
            if all(alternatives):
                found = frozenset().union(*alternatives)
        if found:
            candidates.append(found)
    return min(candidates, key=lambda words: (-min(map(len, words)), len(words)), default=None)


@lru_cache(maxsize=64)
def casefolded(text: str) -> str:
    """The text casefolded once for the many patterns looked for in it."""
    return text.casefold()


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False only when `pattern` cannot match anywhere in `text` (it lacks every required word)."""
    words = required_words(pattern)
    if words is None:
        return True
    folded = casefolded(text)
    return any(word in folded for word in words)


@dataclass(frozen=True)
class _Alternatives:
    sources: tuple[str, ...]
    flags: int
    words: tuple[frozenset[str] | None, ...]   # required_words of each alternative alone

    @cached_property
    def all_words(self) -> frozenset[str]:
        return frozenset(word for words in self.words if words for word in words)

    @cached_property
    def by_word(self) -> dict[str, tuple[int, ...]]:
        """The alternatives each word lets match."""
        found: dict[str, list[int]] = {}
        for i, words in enumerate(self.words):
            for word in words or ():
                found.setdefault(word, []).append(i)
        return {word: tuple(alternatives) for word, alternatives in found.items()}

    @cached_property
    def always(self) -> tuple[int, ...]:
        """The alternatives that show no required word: searched in every text."""
        return tuple(i for i, words in enumerate(self.words) if words is None)

    def kept(self, present: frozenset[str]) -> tuple[int, ...]:
        """The alternatives that can match in a text holding the words `present`, in order."""
        kept = set(self.always)
        for word in self.all_words & present:
            kept.update(self.by_word[word])
        return tuple(sorted(kept))


# The alternations built by `alternation`, by compiled pattern (they live as long as the codebook).
_ALTERNATIVES: dict[re.Pattern[str], _Alternatives] = {}


class _WordIndex:
    """Every required word of the alternations built so far, found in a text in one pass (an
    Aho-Corasick automaton): looking for each word with `in`, one scan of the text per word, took
    half of tagging's time."""

    def __init__(self, words: set[str]) -> None:
        self.automaton = ahocorasick.Automaton()
        for word in words:
            self.automaton.add_word(word, word)
        if words:
            self.automaton.make_automaton()
        self.empty = not words

    def present(self, folded: str) -> frozenset[str]:
        if self.empty:
            return frozenset()
        return frozenset(word for _, word in self.automaton.iter(folded))


_word_index: _WordIndex | None = None


def _index() -> _WordIndex:
    global _word_index
    if _word_index is None:
        _word_index = _WordIndex({word for alternatives in _ALTERNATIVES.values()
                                  for words in alternatives.words if words for word in words})
    return _word_index


@lru_cache(maxsize=64)
def _present_words(index: _WordIndex, text: str) -> frozenset[str]:
    """The words of `index` that `text` holds (casefolded, anywhere)."""
    return index.present(casefolded(text))


def alternation(sources: list[str], flags: int) -> re.Pattern[str]:
    """One guarded regex matching any of `sources` (each already checked to compile alone), whose
    alternatives `finditer` can leave out of a search where they cannot match."""
    global _word_index
    pattern = guarded(re.compile("|".join(f"(?:{source})" for source in sources), flags))
    _ALTERNATIVES[pattern] = _Alternatives(
        tuple(sources), flags, tuple(required_words(re.compile(source, flags)) for source in sources))
    _word_index = None   # rebuilt with this alternation's words when next needed
    return pattern


@lru_cache(maxsize=1024)
def _narrowed(pattern: re.Pattern[str], kept: tuple[int, ...]) -> re.Pattern[str]:
    alternatives = _ALTERNATIVES[pattern]
    return guarded(re.compile("|".join(f"(?:{alternatives.sources[i]})" for i in kept), alternatives.flags))


def finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches `pattern.finditer(text)` gives, with the same spans (group numbers may differ).

    An alternation is searched with only the alternatives that hold a required word of theirs in the
    text: one that cannot match anywhere in it changes no match, as at every position `re` takes the
    first alternative that matches there."""
    alternatives = _ALTERNATIVES.get(pattern)
    if alternatives is None:
        return pattern.finditer(text) if may_match(pattern, text) else iter(())
    kept = alternatives.kept(_present_words(_index(), text))
    if not kept:
        return iter(())
    if len(kept) == len(alternatives.sources):
        return pattern.finditer(text)
    return _narrowed(pattern, kept).finditer(text)
