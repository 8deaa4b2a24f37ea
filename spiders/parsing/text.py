"""Text helpers every source's parser uses: titles as people read them, moments as UTC ISO text."""

from __future__ import annotations

import html
from datetime import UTC, datetime


def clean_title(title: str) -> str:
    """Titles come with entities and hard line breaks ("Settles\\r\\nAgainst AT&amp;T")."""
    return " ".join(html.unescape(title).split())


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
