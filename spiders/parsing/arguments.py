"""Spider arguments (strings from `-a name=value`) read into values, with errors that say which."""

from __future__ import annotations

from datetime import date


def iso_date_argument(name: str, value: str | None) -> date | None:
    """An optional ISO date argument; ValueError naming the argument when it is not one."""
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{name} must be an ISO date (YYYY-MM-DD), got {value!r}") from None
