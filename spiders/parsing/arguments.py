"""Spider arguments (strings from `-a name=value`) read into values, with errors that say which."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime


def iso_date_argument(name: str, value: str | None) -> date | None:
    """An optional ISO date argument; ValueError naming the argument when it is not one."""
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{name} must be an ISO date (YYYY-MM-DD), got {value!r}") from None


def iso_datetime_argument(name: str, value: str | None) -> datetime | None:
    """An optional ISO date-time argument ("2025-01-06T10:00:00Z"); without an offset it is UTC.
    ValueError naming the argument when it is not one."""
    if value is None or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(
            f"{name} must be an ISO date-time (YYYY-MM-DDTHH:MM:SSZ), got {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def distinct_texts(texts: Iterable[str]) -> tuple[str, ...]:
    """The texts with runs of white space made one space, blanks dropped, each once (ignoring
    case), in the order given."""
    kept: dict[str, str] = {}
    for text in texts:
        tidy = " ".join(text.split())
        if tidy:
            kept.setdefault(tidy.casefold(), tidy)
    return tuple(kept.values())


def text_list_argument(name: str, value: str | None, separator: str) -> tuple[str, ...]:
    """Texts separated by `separator` (see distinct_texts); () when absent. ValueError naming
    the argument when it holds separators only."""
    if value is None or not value.strip():
        return ()
    texts = distinct_texts(value.split(separator))
    if not texts:
        raise ValueError(f"{name} must hold at least one text between {separator!r}, got {value!r}")
    return texts


def codes_argument(name: str, value: str | None, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """Codes separated by commas, any case, each once; () when absent. ValueError naming the
    argument, the unknown codes and the allowed ones otherwise."""
    codes = text_list_argument(name, value, ",")
    upper = tuple(dict.fromkeys(code.upper() for code in codes))
    unknown = [code for code in upper if code not in allowed]
    if unknown:
        raise ValueError(f"{name} must be a comma-separated list of {', '.join(allowed)}; "
                         f"unknown: {', '.join(unknown)} (in {value!r})")
    return upper


def whole_number_setting(name: str, value: str | int | None, default: int, largest: int) -> int:
    """A Scrapy setting that is a count from 1 to `largest` (results per listing page, say);
    `default` when unset. ValueError naming the setting otherwise."""
    if value is None or str(value).strip() == "":
        return default
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= largest:
        raise ValueError(f"{name} must be a whole number from 1 to {largest}, got {value!r}")
    return int(text)
