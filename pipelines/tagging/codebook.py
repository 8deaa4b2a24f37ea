"""The codebook (`codebook.yaml`) read into compiled, validated rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.tagging.models import GOALS, MODES
from pipelines.tagging.reference_yaml import (
    Where,
    any_of,
    load_yaml,
    mapping,
    required,
    string_list,
    weight,
)

_RULE_KEYS = {"id", "weight", "any", "all", "max_count"}


@dataclass(frozen=True)
class Rule:
    """Hits a sentence where every one of `patterns` matches (one pattern for an `any` rule)."""

    id: str
    weight: float
    patterns: tuple[re.Pattern[str], ...]
    max_count: int = 1


@dataclass(frozen=True)
class ModeCues:
    commitment: re.Pattern[str]
    action: re.Pattern[str]
    purpose: re.Pattern[str] | None  # a pledge only where the sentence reports nothing done
    neutral: re.Pattern[str] | None
    default: str
    default_certainty: float


@dataclass(frozen=True)
class Codebook:
    version: str
    relevance_rules: tuple[Rule, ...]
    relevance_threshold: float
    goal_rules: dict[str, tuple[Rule, ...]]
    goal_threshold: float
    modes: ModeCues
    framing: re.Pattern[str] | None = None  # names the Alliance, WePROTECT or its targets

    @classmethod
    def from_yaml(cls, path: str | Path) -> Codebook:
        data, where = load_yaml(path)
        version = required(data, "version", where)
        if not isinstance(version, str) or not version.strip():
            raise (where / "version").error('expected a non-empty string such as "2026.11.1"')
        relevance = mapping(required(data, "relevance", where), where / "relevance")
        goals = mapping(required(data, "goals", where), where / "goals")
        if set(goals) != set(GOALS):
            raise (where / "goals").error(
                f"expected exactly the goals {', '.join(GOALS)}, found {', '.join(map(str, goals))}"
            )
        return cls(
            version=version.strip(),
            relevance_rules=_rules(
                required(relevance, "rules", where / "relevance"), where / "relevance" / "rules"
            ),
            relevance_threshold=_positive(
                required(relevance, "threshold", where / "relevance"),
                where / "relevance" / "threshold",
            ),
            goal_rules={g: _rules(goals[g], where / "goals" / g) for g in GOALS},
            goal_threshold=weight(
                required(data, "goal_threshold", where), where / "goal_threshold"
            ),
            modes=_modes(mapping(required(data, "modes", where), where / "modes"), where / "modes"),
            framing=_framing(data.get("framing"), where / "framing"),
        )


def _rules(raw: Any, where: Where) -> tuple[Rule, ...]:
    if not isinstance(raw, list) or not raw:
        raise where.error("expected a non-empty list of rules")
    rules: list[Rule] = []
    for i, item in enumerate(raw):
        at = where / i
        item = mapping(item, at)
        unknown = set(item) - _RULE_KEYS
        if unknown:
            raise at.error(
                f"unknown keys {sorted(unknown)} (a rule has {', '.join(sorted(_RULE_KEYS))})"
            )
        rule_id = required(item, "id", at)
        if not isinstance(rule_id, str) or not rule_id.strip():
            raise (at / "id").error("expected a non-empty string")
        if any(r.id == rule_id for r in rules):
            raise (at / "id").error(f"{rule_id!r} is used twice")
        if ("any" in item) == ("all" in item):
            raise at.error("a rule has either `any` (a list of regexes) or `all` (a list of lists)")
        if "any" in item:
            patterns = (any_of(string_list(item["any"], at / "any"), at / "any"),)
        else:
            groups = item["all"]
            if not isinstance(groups, list) or len(groups) < 2:
                raise (at / "all").error("expected a list of at least two lists of regexes")
            patterns = tuple(
                any_of(string_list(g, at / "all" / j), at / "all" / j) for j, g in enumerate(groups)
            )
        max_count = item.get("max_count", 1)
        if isinstance(max_count, bool) or not isinstance(max_count, int) or max_count < 1:
            raise (at / "max_count").error(
                f"expected a whole number of at least 1, got {max_count!r}"
            )
        rules.append(
            Rule(
                rule_id.strip(),
                weight(required(item, "weight", at), at / "weight"),
                patterns,
                max_count,
            )
        )
    return tuple(rules)


def _modes(raw: dict[str, Any], where: Where) -> ModeCues:
    default = raw.get("default", "action")
    if default not in MODES:
        raise (where / "default").error(f"expected one of {', '.join(MODES)}, got {default!r}")
    neutral = string_list(raw.get("neutral"), where / "neutral", allow_empty=True)
    purpose = string_list(raw.get("purpose"), where / "purpose", allow_empty=True)
    return ModeCues(
        commitment=any_of(
            string_list(required(raw, "commitment", where), where / "commitment"),
            where / "commitment",
        ),
        action=any_of(
            string_list(required(raw, "action", where), where / "action"), where / "action"
        ),
        neutral=any_of(neutral, where / "neutral") if neutral else None,
        purpose=any_of(purpose, where / "purpose") if purpose else None,
        default=default,
        default_certainty=weight(raw.get("default_certainty", 0.8), where / "default_certainty"),
    )


def _framing(raw: Any, where: Where) -> re.Pattern[str] | None:
    patterns = string_list(raw, where, allow_empty=True)
    return any_of(patterns, where) if patterns else None


def _positive(value: Any, where: Where) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise where.error(f"expected a positive number, got {value!r}")
    return float(value)
