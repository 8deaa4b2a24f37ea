"""The country-name reference (`country_names.yaml`) read into plain, validated data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pycountry

from pipelines.known_sources import NO_ISSUER
from pipelines.tagging.reference_yaml import (
    Where,
    any_of,
    compile_regex,
    load_yaml,
    mapping,
    required,
    string_list,
)

Kind = Literal["name", "demonym", "short", "ambiguous"]
_KIND_KEYS: dict[str, Kind] = {
    "names": "name",
    "demonyms": "demonym",
    "short_forms": "short",
    "ambiguous": "ambiguous",
}
_COUNTRY_KEYS = set(_KIND_KEYS) | {"person_names", "deny"}


@dataclass(frozen=True)
class Form:
    text: str
    code: str
    kind: Kind
    person_name: bool = False


@dataclass(frozen=True)
class DenyRule:
    """Drops a mention when every given part matches: `before` the text up to it, `after` the rest."""

    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    forms: frozenset[str] | None = None  # None: every form the rule is attached to

    def applies(self, form: str, before: str, after: str) -> bool:
        if self.forms is not None and form not in self.forms:
            return False
        if self.before is not None and not self.before.search(before):
            return False
        return self.after is None or bool(self.after.search(after))


@dataclass(frozen=True)
class AmbiguityRule:
    confirm: re.Pattern[str] | None
    prior: dict[str, bool]


@dataclass
class NameTable:
    forms: dict[str, Form]  # by exact text
    not_countries: list[str]
    country_rules: dict[str, list[DenyRule]]
    name_rules: list[DenyRule]
    demonym_rules: list[DenyRule]
    preceders: frozenset[str]
    followers: frozenset[str]
    ambiguity: dict[str, AmbiguityRule] = field(default_factory=dict)


def load_name_table(path: str | Path, roster_codes: list[str]) -> NameTable:
    """Forms for the roster's countries: the file's, plus each country's official names from pycountry."""
    data, where = load_yaml(path)
    countries = mapping(required(data, "countries", where), where / "countries")
    state_forms = string_list(required(data, "us_states", where), where / "us_states")
    forms: dict[str, Form] = {}
    person_forms: dict[str, set[str]] = {}
    raw_rules: dict[str, list[Any]] = {}
    for code in roster_codes:
        entry = mapping(countries.get(code) or {}, where / "countries" / code)
        unknown = set(entry) - _COUNTRY_KEYS
        if unknown:
            raise (where / "countries" / code).error(f"unknown keys {sorted(unknown)}")
        for key, kind in _KIND_KEYS.items():
            for text in string_list(
                entry.get(key), where / "countries" / code / key, allow_empty=True
            ):
                _add(forms, Form(text, code, kind), where / "countries" / code / key)
        person_forms[code] = set(
            string_list(
                entry.get("person_names"),
                where / "countries" / code / "person_names",
                allow_empty=True,
            )
        )
        raw_rules[code] = entry.get("deny") or []
    for code in roster_codes:
        for text in _official_names(code):
            forms.setdefault(text, Form(text, code, "name"))
    for code in countries:
        if code not in roster_codes and not (len(str(code)) == 2 and str(code).isupper()):
            raise (where / "countries" / code).error("not an ISO 3166-1 alpha-2 code")
    for code, names in person_forms.items():
        for text in names:
            if text not in forms or forms[text].code != code:
                raise (where / "countries" / code / "person_names").error(
                    f"{text!r} is not one of its forms"
                )
            forms[text] = Form(text, code, forms[text].kind, person_name=True)

    # {us_state} never stands for a state that is also a country's form (Georgia): "Poland,
    # Georgia and Ukraine" is a list of countries.
    us_state = (
        "(?:"
        + "|".join(
            _literal(s) for s in sorted(state_forms, key=len, reverse=True) if s not in forms
        )
        + ")"
    )
    shared = mapping(data.get("shared_rules") or {}, where / "shared_rules")
    table = NameTable(
        forms=forms,
        not_countries=string_list(
            data.get("not_countries"), where / "not_countries", allow_empty=True
        ),
        country_rules={
            c: _rules(r, where / "countries" / c / "deny", us_state) for c, r in raw_rules.items()
        },
        name_rules=_rules(shared.get("names") or [], where / "shared_rules" / "names", us_state),
        demonym_rules=_rules(
            shared.get("demonyms") or [], where / "shared_rules" / "demonyms", us_state
        ),
        preceders=frozenset(
            string_list(
                data.get("country_preceders"), where / "country_preceders", allow_empty=True
            )
        ),
        followers=frozenset(
            string_list(
                data.get("country_followers"), where / "country_followers", allow_empty=True
            )
        ),
    )
    for code, rules in table.country_rules.items():
        for rule in rules:
            stray = sorted(f for f in rule.forms or () if f not in forms or forms[f].code != code)
            if stray:
                raise (where / "countries" / code / "deny").error(
                    f"forms {stray} are not forms of {code}"
                )
    ambiguity = mapping(data.get("ambiguous_rules") or {}, where / "ambiguous_rules")
    for code, rule in ambiguity.items():
        rule_where = where / "ambiguous_rules" / code
        rule = mapping(rule, rule_where)
        confirm = string_list(rule.get("confirm"), rule_where / "confirm", allow_empty=True)
        prior = mapping(rule.get("prior") or {}, rule_where / "prior")
        if any(not isinstance(v, bool) for v in prior.values()):
            raise (rule_where / "prior").error("expected issuer: true/false")
        unknown = sorted(k for k in prior if not isinstance(k, str)
                         or not (re.fullmatch(r"[A-Z]{2}", k) or k == NO_ISSUER))
        if unknown:  # a misspelt key would silently never apply
            raise (rule_where / "prior").error(
                f"{', '.join(map(repr, unknown))}: neither a member code nor {NO_ISSUER!r}")
        table.ambiguity[code] = AmbiguityRule(
            any_of(confirm, rule_where / "confirm") if confirm else None, prior
        )
    return table


def _add(forms: dict[str, Form], form: Form, where: Where) -> None:
    existing = forms.get(form.text)
    if existing is not None and existing.code != form.code:
        raise where.error(f"{form.text!r} is already a form of {existing.code}")
    forms[form.text] = form


def _official_names(code: str) -> list[str]:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return []
    names = {getattr(country, attr, None) for attr in ("name", "official_name", "common_name")}
    # Inverted forms ("Korea, Republic of") do not occur in running text.
    return sorted(n for n in names if n and "," not in n)


def _rules(raw: Any, where: Where, us_state: str) -> list[DenyRule]:
    if not isinstance(raw, list):
        raise where.error("expected a list of {before, after, forms} rules")
    rules = []
    for i, item in enumerate(raw):
        item = mapping(item, where / i)
        unknown = set(item) - {"before", "after", "forms"}
        if unknown or not ({"before", "after"} & set(item)):
            raise (where / i).error(
                "a rule has `before` and/or `after` (and optional `forms`) only"
            )
        parts = {}
        for part in ("before", "after"):
            text = item.get(part)
            if text is not None:
                if not isinstance(text, str):
                    raise (where / i / part).error("expected a regex string")
                parts[part] = compile_regex(text.replace("{us_state}", us_state), where / i / part)
        forms = item.get("forms")
        rules.append(
            DenyRule(
                parts.get("before"),
                parts.get("after"),
                frozenset(string_list(forms, where / i / "forms")) if forms is not None else None,
            )
        )
    return rules


def _literal(text: str) -> str:
    return r"\s+".join(re.escape(part) for part in text.split())
