"""Finding the roster countries a document refers to, avoiding the traps of country names."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipelines.known_sources import issuer_key
from pipelines.tagging.country_names import Form, NameTable
from pipelines.tagging.sentences import FieldText

_CONTEXT = 80  # characters of context the deny rules see on each side
_HONORIFIC = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Judge|Justice|Officer|Agent|Detective|Sgt|Sen|Rep|Gov|Lt|Capt|Chief)\.?\s+$"
)
_WORD_BEFORE = re.compile(r"([A-Z][a-z'’-]+) $")
_WORD_AFTER = re.compile(r" ([A-Z](?:\.|[a-z'’-]+))")
# What may stand between two items of a list of countries, other capitalised items included.
_LIST_SEPARATOR = re.compile(r"\s*(?:,|;|/|&|\band\b|\bor\b)\s*")
_THE_BEFORE_NEXT = re.compile(r"(?<=[\s,;])the\s+$")
_LIST_ITEM = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


@dataclass(frozen=True)
class Mention:
    code: str
    field: str
    sentence: int  # index into the field's sentence spans
    start: int  # offsets of the matched words in the field
    end: int
    form: Form


class CountryMatcher:
    def __init__(self, table: NameTable):
        self._table = table
        self._exact = {_normal(f): form for f, form in table.forms.items()}
        caseless = {f: form for f, form in table.forms.items() if form.kind != "short"}
        self._caseless = {_normal(f).casefold(): form for f, form in caseless.items()}
        self._forms_re = _bounded(trie_pattern(table.forms), 0)
        self._caps_re = _bounded(trie_pattern(caseless), re.IGNORECASE)
        self._blockers_re = (
            _bounded(trie_pattern(table.not_countries), re.IGNORECASE)
            if table.not_countries
            else None
        )
        self._first_words = {f.split()[0] for f in table.forms}

    def mentions(self, fields: Sequence[FieldText], source: str) -> list[Mention]:
        """Every accepted mention, in field then text order."""
        by_sentence = [
            list(self._sentence_mentions(f, i)) for f in fields for i in range(len(f.spans))
        ]
        if not any(m.form.kind == "ambiguous" for ms in by_sentence for m in ms):
            return [m for ms in by_sentence for m in ms]
        texts = {f.name: f.text for f in fields}
        named = {m.code for ms in by_sentence for m in ms if m.form.kind != "ambiguous"}
        confirmed: dict[str, bool] = {}  # per country: does the document confirm it otherwise?
        accepted = []
        for ms in by_sentence:
            for i, m in enumerate(ms):
                if m.form.kind == "ambiguous" and not _in_a_list(texts[m.field], ms, i):
                    if m.code not in confirmed:
                        confirmed[m.code] = m.code in named or self._confirmed(
                            m.code, texts, source
                        )
                    if not confirmed[m.code]:
                        continue
                accepted.append(m)
        return accepted

    def _sentence_mentions(self, field: FieldText, index: int) -> Iterable[Mention]:
        start, end = field.spans[index]
        sentence = field.text[start:end]
        caps = _is_all_caps(sentence)
        blocked = (
            [b.span() for b in self._blockers_re.finditer(sentence)] if self._blockers_re else []
        )
        pattern, lookup = (self._caps_re, self._caseless) if caps else (self._forms_re, self._exact)
        title_case: bool | None = None  # worked out when first needed
        for m in pattern.finditer(sentence):
            key = _normal(m.group()).casefold() if caps else _normal(m.group())
            form = lookup.get(key)
            if form is None or any(b0 < m.end() and m.start() < b1 for b0, b1 in blocked):
                continue
            before = sentence[max(0, m.start() - _CONTEXT) : m.start()]
            after = sentence[m.end() : m.end() + _CONTEXT]
            if self._denied(form, before, after):
                continue
            if form.person_name and not caps:
                if title_case is None:
                    title_case = _is_title_case(sentence)
                if self._names_a_person(before, after, title_case):
                    continue
            yield Mention(form.code, field.name, index, start + m.start(), start + m.end(), form)

    def _denied(self, form: Form, before: str, after: str) -> bool:
        shared = self._table.demonym_rules if form.kind == "demonym" else self._table.name_rules
        rules = self._table.country_rules.get(form.code, [])
        return any(r.applies(form.text, before, after) for r in (*rules, *shared))

    def _names_a_person(self, before: str, after: str, title_case: bool) -> bool:
        if _HONORIFIC.search(before):
            return True
        if title_case:  # every word is capitalised: capitals tell nothing
            return False
        given = _WORD_BEFORE.search(before)
        if (
            given
            and before[: given.start()].strip()  # not the first word of the sentence
            and given.group(1) not in self._table.preceders
            and given.group(1) not in self._first_words
        ):
            return True
        surname = _WORD_AFTER.match(after)
        if surname:
            word = surname.group(1)
            if word.endswith("."):
                return True  # an initial: "Israel A. Gomez"
            return word not in self._table.followers and word not in self._first_words
        return False

    def _confirmed(self, code: str, texts: dict[str, str], source: str) -> bool:
        rule = self._table.ambiguity.get(code)
        if rule is None:
            return False
        if rule.confirm is not None and any(rule.confirm.search(t) for t in texts.values()):
            return True
        return rule.prior.get(issuer_key(source) or "", False)


def _in_a_list(text: str, sentence_mentions: list[Mention], index: int) -> bool:
    """Whether the mention at `index` stands in a list with the one before or after it."""
    m = sentence_mentions[index]
    if index > 0 and is_list_gap(text[sentence_mentions[index - 1].end : m.start]):
        return True
    after = sentence_mentions[index + 1] if index + 1 < len(sentence_mentions) else None
    return after is not None and is_list_gap(text[m.end : after.start])


def is_list_gap(gap: str) -> bool:
    """True when `gap` joins two list items: "Armenia, Georgia", "Armenia, Azerbaijan and Georgia"."""
    if len(gap) > 60:
        return False
    gap = _THE_BEFORE_NEXT.sub("", gap)  # "Latvia, the Czech Republic and the United Kingdom"
    parts = _LIST_SEPARATOR.split(gap)
    if len(parts) < 2 or parts[0] or parts[-1]:
        return False  # no separator, or words before the first or after the last
    return all(not p or _LIST_ITEM.fullmatch(p) for p in parts[1:-1])


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of `words`, shared prefixes factored out (fast on long lists).

    Runs of spaces in a word match any run of white space.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for unit in _units(word):
            node = node.setdefault(unit, {})
        node[""] = {}
    return _node_pattern(trie) or "(?!)"


def _units(word: str) -> list[str]:
    return [" " if ch.isspace() else ch for ch in re.sub(r"\s+", " ", word.strip())]


def _node_pattern(node: dict[str, dict]) -> str:
    branches = [
        (r"\s+" if u == " " else re.escape(u)) + _node_pattern(child)
        for u, child in node.items()
        if u
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


def _bounded(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", flags)


def _normal(text: str) -> str:
    return " ".join(text.split())


_ASCII_LOWER = "abcdefghijklmnopqrstuvwxyz"


def _is_all_caps(sentence: str) -> bool:
    # Most sentences are plain prose: enough lowercase letters settle it without a pass in Python.
    if sum(map(sentence.count, _ASCII_LOWER)) > 0.15 * len(sentence):
        return False
    letters = [ch for ch in sentence if ch.isalpha()]
    return len(letters) >= 8 and sum(ch.isupper() for ch in letters) >= 0.85 * len(letters)


def _is_title_case(sentence: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", sentence) if len(w) >= 4]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
