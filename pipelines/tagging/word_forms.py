"""Finding many fixed forms (thousands of agency names) in a text without compiling one regex of
them all: every process that tags would otherwise spend a third of a second or more compiling it."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from pipelines.tagging.countries import trie_pattern

_FIRST_WORD = re.compile(r"\w+")


class WordForms:
    """The matches of `re.finditer(rf"\\b(?:{trie_pattern(forms)})(?!\\w)", text)`, as (start, end):
    left to right, never overlapping, at each word start the longest form followed by no word
    character. Every form starts with a word character.

    A form can match only where the text's word is the form's first word, whole: a regex of the
    first words finds those places, and the forms sharing a first word get a regex of their own the
    first time a text holds that word."""

    def __init__(self, forms: Iterable[str]):
        by_first_word: dict[str, list[str]] = defaultdict(list)
        for form in forms:
            first = _FIRST_WORD.match(form)
            if first is None:
                raise ValueError(f"a form must start with a word character: {form!r}")
            by_first_word[first.group()].append(form)
        self._by_first_word = dict(by_first_word)
        self._first_words = re.compile(rf"\b(?:{trie_pattern(self._by_first_word)})(?!\w)")
        self._sharing: dict[str, re.Pattern[str]] = {}

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        position = 0
        while (word := self._first_words.search(text, position)) is not None:
            found = self._forms_starting(word.group()).match(text, word.start())
            if found is None:   # none of its forms here: on to the next word
                position = word.end()
                continue
            yield found.span()
            position = found.end()

    def _forms_starting(self, first_word: str) -> re.Pattern[str]:
        pattern = self._sharing.get(first_word)
        if pattern is None:
            pattern = re.compile(rf"(?:{trie_pattern(self._by_first_word[first_word])})(?!\w)")
            self._sharing[first_word] = pattern
        return pattern
