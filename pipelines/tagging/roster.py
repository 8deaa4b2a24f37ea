"""The Alliance roster: who was a member on which day, read from `roster.csv`.

Dates that sources do not settle are written as ISO 8601 intervals: `2013-01-01/2014-09-30`
means "some day in that range", and an open end (`2014-01-01/..`) means "from then on, maybe
never". On a day inside such a range membership is unknown (None), not guessed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pycountry

from pipelines.tagging.models import CodebookError

COLUMNS = ("code", "name", "joined_on", "left_on", "source", "confidence", "note")
CONFIDENCES = ("high", "medium", "low")
USER_ASSIGNED_CODES = {
    "XK": "Kosovo"
}  # no ISO 3166 code; XK is the user-assigned one in common use


@dataclass(frozen=True)
class DateRange:
    """A day known exactly (earliest == latest) or only to lie between two days (latest None: open)."""

    earliest: date
    latest: date | None

    @classmethod
    def parse(cls, text: str) -> DateRange:
        if "/" not in text:
            day = date.fromisoformat(text)
            return cls(day, day)
        first, last = text.split("/", 1)
        earliest = date.fromisoformat(first)
        latest = None if last == ".." else date.fromisoformat(last)
        if latest is not None and latest < earliest:
            raise ValueError(f"interval {text!r} ends before it starts")
        return cls(earliest, latest)

    def reached(self, on: date) -> bool | None:
        """True once the day has surely come, False while it surely has not, else None."""
        if on < self.earliest:
            return False
        if self.latest is not None and on >= self.latest:
            return True
        return None if self.latest != self.earliest else True


@dataclass(frozen=True)
class RosterEntry:
    code: str
    name: str
    joined_on: DateRange
    left_on: DateRange | None
    source: str
    confidence: str
    note: str


class Roster:
    def __init__(self, entries: list[RosterEntry]):
        self._entries = {e.code: e for e in entries}

    @classmethod
    def from_csv(cls, path: str | Path) -> Roster:
        path = Path(path)
        try:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                return cls(_read_entries(path, handle))
        except OSError as exc:
            raise CodebookError(f"{path}: cannot read roster: {exc.strerror or exc}") from exc

    def codes(self) -> list[str]:
        return sorted(self._entries)

    def entry(self, code: str) -> RosterEntry | None:
        return self._entries.get(code)

    def entries(self) -> list[RosterEntry]:
        return [self._entries[c] for c in self.codes()]

    def is_member(self, code: str, on: date | None) -> bool | None:
        """Whether `code` was a member on day `on`; None when undated or the data cannot tell."""
        entry = self._entries.get(code)
        if entry is None:
            return False
        if on is None:
            return None
        joined = entry.joined_on.reached(on)
        left = entry.left_on.reached(on) if entry.left_on else False
        if joined is False or left is True:
            return False
        if joined is None or left is None:
            return None
        return True


def _read_entries(path: Path, handle) -> list[RosterEntry]:
    reader = csv.DictReader(handle)
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise CodebookError(
            f"{path}: header must be {','.join(COLUMNS)}, found {','.join(reader.fieldnames or [])!r}"
        )
    entries: list[RosterEntry] = []
    seen: set[str] = set()
    for row in reader:
        where = f"{path} line {reader.line_num}"
        if None in row or any(v is None for v in row.values()):
            raise CodebookError(f"{where}: expected {len(COLUMNS)} columns")
        entry = _entry(where, row)
        if entry.code in seen:
            raise CodebookError(f"{where}: code {entry.code} appears twice")
        seen.add(entry.code)
        entries.append(entry)
    if not entries:
        raise CodebookError(f"{path}: the roster has no rows")
    return entries


def _entry(where: str, row: dict[str, str]) -> RosterEntry:
    code = row["code"].strip()
    if code not in USER_ASSIGNED_CODES and pycountry.countries.get(alpha_2=code) is None:
        raise CodebookError(f"{where}: code {code!r} is not an ISO 3166-1 alpha-2 code (or XK)")
    name = row["name"].strip()
    if not name:
        raise CodebookError(f"{where}: name is empty")
    joined = _date_range(where, "joined_on", row["joined_on"])
    if joined is None:
        raise CodebookError(
            f"{where}: joined_on is empty (write an interval when the day is unknown)"
        )
    left = _date_range(where, "left_on", row["left_on"])
    if left is not None and left.earliest < joined.earliest:
        raise CodebookError(f"{where}: left_on is before joined_on")
    confidence = row["confidence"].strip()
    if confidence not in CONFIDENCES:
        raise CodebookError(
            f"{where}: confidence must be one of {', '.join(CONFIDENCES)}, got {confidence!r}"
        )
    return RosterEntry(
        code, name, joined, left, row["source"].strip(), confidence, row["note"].strip()
    )


def _date_range(where: str, column: str, text: str) -> DateRange | None:
    text = text.strip()
    if not text:
        return None
    try:
        return DateRange.parse(text)
    except ValueError as exc:
        raise CodebookError(
            f"{where}: {column} {text!r} is not an ISO date or interval (YYYY-MM-DD/YYYY-MM-DD or YYYY-MM-DD/..): {exc}"
        ) from exc
