"""Reading the YAML reference files, with one-line errors that say which file and where."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from pipelines.tagging.first_chars import alternation
from pipelines.tagging.models import CodebookError


class Where:
    """A position inside a reference file, for error messages: `codebook.yaml: goals.victims[2]`."""

    def __init__(self, path: Path, trail: str = ""):
        self.path = path
        self.trail = trail

    def __truediv__(self, key: object) -> Where:
        step = f"[{key}]" if isinstance(key, int) else (f".{key}" if self.trail else str(key))
        return Where(self.path, self.trail + step)

    def error(self, what: str) -> CodebookError:
        return CodebookError(f"{self.path}: {self.trail or 'top level'}: {what}")


# libyaml's loader where PyYAML was built with it: the reference files load once per worker process,
# and the pure-Python parser spends seconds on them.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: str | Path) -> tuple[dict[str, Any], Where]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CodebookError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        data = yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise CodebookError(f"{path}: invalid YAML{at}: {problem}") from exc
    where = Where(path)
    if not isinstance(data, dict):
        raise where.error("expected a mapping at the top of the file")
    return data, where


def mapping(value: Any, where: Where) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise where.error(f"expected a mapping, got {_kind(value)}")
    return value


def required(data: dict[str, Any], key: str, where: Where) -> Any:
    if key not in data or data[key] is None:
        raise (where / key).error("is missing")
    return data[key]


def string_list(value: Any, where: Where, *, allow_empty: bool = False) -> list[str]:
    if value is None and allow_empty:
        return []
    if not isinstance(value, list) or any(not isinstance(v, str) or not v.strip() for v in value):
        raise where.error("expected a list of non-empty strings")
    if not value and not allow_empty:
        raise where.error("is empty")
    return [v.strip() for v in value]


def weight(value: Any, where: Where) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise where.error(f"weight must be a number in (0, 1], got {value!r}")
    return float(value)


def compile_regex(pattern: str, where: Where, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise where.error(f"invalid regex {pattern!r}: {exc}") from exc


def any_of(patterns: Iterable[str], where: Where, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One regex matching any of `patterns`; each is first checked alone so errors name it. Guarded by
    its possible first characters and searched with only the alternatives a text can match
    (first_chars.py): the same matches, found several times faster."""
    patterns = list(patterns)
    for i, p in enumerate(patterns):
        compile_regex(p, where / i, flags)
    compile_regex("|".join(f"(?:{p})" for p in patterns), where, flags)
    return alternation(patterns, flags)


def _kind(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__
