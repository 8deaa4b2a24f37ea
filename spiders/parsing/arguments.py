"""Spider arguments (strings from `-a name=value`) read into values, with errors that say which."""

from __future__ import annotations

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
