"""Which member's authorities a text names: agency names matched to roster countries.

matcher = AgencyMatcher.from_reference()
matcher.find("HSI agents and the Australian Federal Police ...", source="doj")

The data is `reference/agencies.yaml`; its format is described in the reference README. Forms match
case-sensitively on whole words ("ICE" is an agency, "ice" is not), the longest match wins, and a
form beats a generic pattern of the same length.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pipelines.known_sources import NO_ISSUER, issuer_key
from pipelines.reference_files import REFERENCE_DIR, ROSTER_CSV
from pipelines.tagging.countries import trie_pattern
from pipelines.tagging.reference_yaml import (
    Where,
    compile_regex,
    load_yaml,
    mapping,
    required,
    string_list,
)
from pipelines.tagging.roster import Roster
from pipelines.tagging.word_forms import WordForms

AGENCIES_YAML = REFERENCE_DIR / "agencies.yaml"
KINDS = (
    "police",
    "prosecution",
    "ministry",
    "government",
    "court",
    "regulator",
    "hotline",
    "agency",
)
_ISSUER_KEY = re.compile(r"[A-Z]{2}|" + NO_ISSUER)  # a member's code, or no member (known_sources.py)
_KEYS = {  # per section, besides name, kind, source, forms and note
    "members": {"patterns", "from", "until"},
    "ambiguous": {"candidates", "default_by_issuer", "bare"},
    "not_members": {"patterns", "based_in"},
}
_TOP_KEYS = {"version", "words", "qualifiers", *_KEYS}
_DAY = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_REACH = 100  # characters a generic pattern may extend beyond its anchor, on either side
_ENDS = re.compile(r"(?!\w)")


@dataclass(frozen=True)
class Agency:
    """A body as the file describes it; an ambiguous name has code None and several candidates."""

    name: str
    kind: str
    member: bool
    code: str | None
    candidates: tuple[str, ...]
    source: str
    since: str | None = None
    until: str | None = None
    by_issuer: tuple[tuple[str, str], ...] = ()  # (issuer key, member code)
    bare: bool = True  # False: reported only when a qualifier or the source settles it


@dataclass(frozen=True)
class AgencyMention:
    code: str | None  # None: not a member, or ambiguous and not settled
    candidates: tuple[str, ...]
    name: str
    kind: str
    member: bool
    start: int
    end: int


@dataclass(frozen=True)
class AgencyTable:
    version: str
    agencies: tuple[Agency, ...]
    forms: dict[str, Agency]  # by text: single spaces, straight apostrophes
    # (regex, anchor, agency): a generic family, tried only around its anchor, a literal that
    # every match contains and that is cheap to search for
    patterns: tuple[tuple[re.Pattern[str], re.Pattern[str], Agency], ...]
    before: dict[str, str]  # qualifier → code: "Spanish" National Police
    of: dict[str, str]  # National Police of "Spain"

    @classmethod
    def from_yaml(cls, path: str | Path, roster_codes: Iterable[str]) -> AgencyTable:
        return _Reader(Path(path), roster_codes).read()


class AgencyMatcher:
    def __init__(self, table: AgencyTable):
        self.table = table
        self._forms = WordForms(table.forms)
        self._before_re = re.compile(rf"(?<!\w)({trie_pattern(table.before)})\s+$")
        self._of_re = re.compile(rf"\s+of\s+({trie_pattern(table.of)})(?!\w)")

    @classmethod
    def from_reference(cls) -> AgencyMatcher:
        return cls(AgencyTable.from_yaml(AGENCIES_YAML, Roster.from_csv(ROSTER_CSV).codes()))

    def find(self, text: str, source: str | None = None) -> list[AgencyMention]:
        """Non-overlapping mentions in text order; `source` settles names like "NCA"."""
        text = text.replace("’", "'")  # same length: offsets stay those of the caller's text
        found = [
            (start, end, 0, self.table.forms[_normal(text[start:end])])
            for start, end in self._forms.finditer(text)
        ]
        spans = set()  # a match that holds its anchor twice is found twice
        for regex, anchor, agency in self.table.patterns:
            for a in anchor.finditer(text):
                for m in regex.finditer(text, max(0, a.start() - _REACH), a.end() + _REACH):
                    if m.start() <= a.start() and a.end() <= m.end() and _ENDS.match(text, m.end()):
                        spans.add((m.start(), m.end(), 1, agency))
        resolved = [r for r in (self._resolve(text, *f, source) for f in found + [*spans]) if r]
        taken: list[AgencyMention] = []  # in text order, never overlapping
        # Longest first, a form before a pattern of the same length, then text order.
        for m, _ in sorted(resolved, key=lambda r: (r[0].start - r[0].end, r[1], r[0].start)):
            i = bisect.bisect_right(taken, m.start, key=lambda t: t.start)
            if (not i or taken[i - 1].end <= m.start) and (
                i == len(taken) or m.end <= taken[i].start
            ):
                taken.insert(i, m)
        return taken

    def _resolve(self, text: str, start: int, end: int, rank: int, agency: Agency, source):
        code, candidates = agency.code, agency.candidates
        if agency.member and code is None:  # a qualifier first, then the source's default
            before = self._before_re.search(text, max(0, start - 40), start)
            after = self._of_re.match(text, end)
            if before and self.table.before[_normal(before.group(1))] in candidates:
                code, start = self.table.before[_normal(before.group(1))], before.start()
            elif after and self.table.of[_normal(after.group(1))] in candidates:
                code, end = self.table.of[_normal(after.group(1))], after.end()
            if code is not None:
                candidates = (code,)
            else:
                code = dict(agency.by_issuer).get(issuer_key(source) or "")
        if code is None and not agency.bare:
            return None
        a = agency
        return AgencyMention(code, candidates, a.name, a.kind, a.member, start, end), rank


class _Reader:
    def __init__(self, path: Path, roster_codes: Iterable[str]):
        self.data, self.where = load_yaml(path)
        self.codes = frozenset(roster_codes)
        self.forms: dict[str, tuple[Agency, int]] = {}  # text → (agency, 1 if from a template)
        self.pending: list[tuple[int, str, Agency, Where]] = []
        self.patterns: list[tuple[re.Pattern[str], re.Pattern[str], Agency]] = []
        self.agencies: list[Agency] = []

    def read(self) -> AgencyTable:
        w = self.where
        _known_keys(self.data, _TOP_KEYS, w)
        version = _text(self.data, "version", w)
        self.words = self._words(w / "words")
        for code, entries in mapping(required(self.data, "members", w), w / "members").items():
            self._code(code, w / "members" / code)
            for i, raw in enumerate(_entries(entries, w / "members" / code)):
                self._entry(raw, w / "members" / code / i, "members", code)
        for section in ("ambiguous", "not_members"):
            for i, raw in enumerate(_entries(self.data.get(section), w / section)):
                self._entry(raw, w / section / i, section)
        for rank, text, agency, at in sorted(self.pending, key=lambda p: p[0]):
            self._add(rank, text, agency, at)
        before, of = (self._qualifiers(key, w / "qualifiers") for key in ("before", "of"))
        forms = {text: agency for text, (agency, _) in self.forms.items()}
        return AgencyTable(version, tuple(self.agencies), forms, tuple(self.patterns), before, of)

    def _entry(self, raw: Any, at: Where, section: str, code: str | None = None) -> None:
        raw = mapping(raw, at)
        _known_keys(raw, _KEYS[section] | {"name", "kind", "source", "forms", "note"}, at)
        name, kind, source = (_text(raw, key, at) for key in ("name", "kind", "source"))
        if kind not in KINDS:
            raise (at / "kind").error(f"expected one of {', '.join(KINDS)}, got {kind!r}")
        forms, patterns = _optional_list(raw, "forms", at), _optional_list(raw, "patterns", at)
        if not forms and not patterns:
            raise at.error("needs `forms` or `patterns`")
        if section == "members":
            since, until = _day(raw, "from", at), _day(raw, "until", at)
            if since and until and until < since:
                raise (at / "until").error(f"{until} is before `from` {since}")
            agency = Agency(name, kind, True, code, (code,), source, since, until)
        elif section == "ambiguous":
            candidates = self._candidates(raw, at)
            if not isinstance(bare := raw.get("bare", True), bool):
                raise (at / "bare").error("expected true or false")
            by_issuer = _by_issuer(raw, at / "default_by_issuer", candidates)
            agency = Agency(name, kind, True, None, candidates, source, None, None, by_issuer, bare)
        else:
            agency = Agency(name, kind, False, None, (), source)
        for i, form in enumerate(forms):
            for text in self._expand(form, at / "forms" / i):
                self.pending.append((int(text != form), text, agency, at / "forms" / i))
        self.patterns += [
            self._pattern(p, agency, at / "patterns" / i) for i, p in enumerate(patterns)
        ]
        self.agencies.append(agency)

    def _add(self, rank: int, form: str, agency: Agency, at: Where) -> None:
        text = _normal(form).replace("’", "'")
        if not text[0].isalnum():
            raise at.error(f"{text!r} must start with a letter or digit")
        held = self.forms.setdefault(text, (agency, rank))
        if held[0] is not agency and held[1] == rank:  # a written form outranks a template's
            other = held[0].code or ("ambiguous" if held[0].member else "not a member")
            raise at.error(f"{text!r} is already a form of {held[0].name!r} ({other})")

    def _expand(self, form: str, at: Where) -> list[str]:
        """'{us_state} State Police' → one form per word of the list `us_state`."""
        names = _PLACEHOLDER.findall(form)
        for name in names:
            if not isinstance(self.words.get(name), list):
                raise at.error(f"{{{name}}} is not a word list of `words`")
        parts = _PLACEHOLDER.split(form)[::2]  # the text around the placeholders
        return [
            "".join(p + w for p, w in zip(parts, (*choice, ""), strict=True))
            for choice in itertools.product(*(self.words[n] for n in names))
        ]

    def _pattern(self, template: str, agency: Agency, at: Where):
        def fill(m: re.Match[str]) -> str:
            if (value := self.words.get(m.group(1))) is None:
                raise at.error(f"unknown placeholder {m.group()} (not in `words`)")
            return value if isinstance(value, str) else f"(?:{'|'.join(map(_literal, value))})"

        regex = compile_regex(_PLACEHOLDER.sub(fill, _spaced(template)), at, 0).pattern
        return re.compile(rf"(?<!\w)(?:{regex})(?!\w)"), re.compile(_anchor(template, at)), agency

    def _words(self, at: Where) -> dict[str, list[str] | str]:
        words: dict[str, list[str] | str] = {}
        for key, value in mapping(self.data.get("words") or {}, at).items():
            if isinstance(value, str):  # a regex, for patterns only
                words[key] = compile_regex(f"(?:{_spaced(value)})", at / key, 0).pattern
            else:  # longest first, so that "West Virginia" is tried before "Virginia"
                words[key] = sorted(string_list(value, at / key), key=len, reverse=True)
        return words

    def _qualifiers(self, key: str, at: Where) -> dict[str, str]:
        """The words of one side ('before' or 'of'), each naming one member only."""
        words: dict[str, str] = {}
        for code, raw in mapping(self.data.get("qualifiers") or {}, at).items():
            self._code(code, at / code)
            _known_keys(raw := mapping(raw, at / code), {"before", "of"}, at / code)
            for word in (w.replace("’", "'") for w in _optional_list(raw, key, at / code)):
                if words.setdefault(word, code) != code:
                    raise (at / code / key).error(f"{word!r} already qualifies {words[word]}")
        return words

    def _candidates(self, raw: dict[str, Any], at: Where) -> tuple[str, ...]:
        if (value := required(raw, "candidates", at)) == "all":
            return tuple(sorted(self.codes))
        codes = string_list(value, at / "candidates")
        for i, code in enumerate(codes):
            self._code(code, at / "candidates" / i)
        if len(set(codes)) < 2:
            raise (at / "candidates").error("an ambiguous name needs two or more candidates")
        return tuple(codes)

    def _code(self, code: Any, at: Where) -> None:
        if code not in self.codes:
            hint = " (quote NO: YAML reads it as false)" if isinstance(code, bool) else ""
            raise at.error(f"{code!r} is not a member code of the roster{hint}")


def _anchor(template: str, at: Where) -> str:
    """The longest literal run outside groups, classes and placeholders, as a regex."""
    bare = re.sub(r"\\.", "\0", template)
    while re.search(r"\([^()]*\)", bare):
        bare = re.sub(r"\([^()]*\)", "\0", bare)
    if "|" in bare:
        raise at.error("alternatives must be inside a group: (?:a|b)")
    bare = re.sub(r"\[[^\]]*\]|\{[^}]*\}|[.*+?^$]", "\0", bare)
    best = max((run.strip() for run in bare.split("\0")), key=len)
    if len(best) < 4:
        raise at.error("needs a literal of four or more characters outside (), [] and {}")
    return _literal(best)


def _by_issuer(raw: dict[str, Any], at: Where, candidates: tuple[str, ...]):
    pairs = mapping(raw.get("default_by_issuer") or {}, at).items()
    for issuer, code in pairs:
        if not isinstance(issuer, str) or not _ISSUER_KEY.fullmatch(issuer):
            raise at.error(f"{issuer!r} is neither a member code nor {NO_ISSUER!r}")
        if code not in candidates:
            raise (at / issuer).error(f"{code!r} is not one of the candidates")
    return tuple(sorted(pairs))


def _day(raw: dict[str, Any], key: str, at: Where) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD: a month or a year is as precise as most sources get."""
    value = raw.get(key)
    if value is None or isinstance(value, date):  # YAML reads unquoted 2013-10-07 as a date
        return value.isoformat() if value else None
    value = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    try:
        valid = bool(_DAY.fullmatch(value)) and bool(date.fromisoformat((value + "-01-01")[:10]))
    except (TypeError, ValueError):  # not a string; a month 13
        valid = False
    if not valid:
        raise (at / key).error(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def _known_keys(raw: dict[Any, Any], keys: set[str], at: Where) -> None:
    if unknown := set(raw) - keys:
        raise at.error(f"unknown keys {sorted(map(str, unknown))}")


def _text(raw: dict[str, Any], key: str, at: Where) -> str:
    value = required(raw, key, at)
    if not isinstance(value, str) or not value.strip():
        raise (at / key).error("expected a non-empty string")
    return value.strip()


def _entries(value: Any, at: Where) -> list[Any]:
    if value is not None and not isinstance(value, list):
        raise at.error("expected a list of entries")
    return value or []


def _optional_list(raw: dict[str, Any], key: str, at: Where) -> list[str]:
    return string_list(raw.get(key), at / key, allow_empty=True)


def _spaced(regex: str) -> str:
    return re.sub(r" +", r"\\s+", regex)


def _literal(text: str) -> str:
    return r"\s+".join(re.escape(word) for word in text.replace("’", "'").split())


def _normal(text: str) -> str:
    return " ".join(text.split())
