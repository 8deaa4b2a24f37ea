"""Faults the replica serves on demand: the ways the real sites misbehave.

`python -m replica --faults NAME[,NAME]` serves the defaults of FAULTS by name; tests
build them with their own targets and counts (see faulting.Fault).
"""

from __future__ import annotations

from collections.abc import Callable

from replica.faulting import Fault, FaultSet, Where, document, listing, nth_listing_page
from replica.listing_faults import ChangedRelease, PaginationLoop, RepeatedItem
from replica.reply_faults import (
    BadJson,
    Cp1252Body,
    RateLimited,
    ServerError,
    SlowReply,
    TooLarge,
    Truncated,
    Unavailable,
)

__all__ = [
    "FAULTS", "BadJson", "ChangedRelease", "Cp1252Body", "Fault", "FaultSet", "PaginationLoop",
    "RateLimited", "RepeatedItem", "ServerError", "SlowReply", "TooLarge", "Truncated",
    "Unavailable", "Where", "document", "faults_by_name", "listing", "nth_listing_page",
]


FAULTS: dict[str, Callable[[], Fault]] = {
    "rate_limit": RateLimited,
    "unavailable": Unavailable,
    "server_error": ServerError,
    "timeout": SlowReply,
    "bad_json": BadJson,
    "truncated": Truncated,
    "cp1252": Cp1252Body,
    "duplicate": RepeatedItem,
    "changed": ChangedRelease,
    "loop": PaginationLoop,
    "too_large": TooLarge,
}


def faults_by_name(names: str) -> FaultSet:
    """FaultSet of the comma-separated fault names; ValueError naming an unknown one."""
    chosen = [name.strip() for name in names.split(",") if name.strip()]
    for name in chosen:
        if name not in FAULTS:
            raise ValueError(f"unknown fault {name!r} (known: {', '.join(sorted(FAULTS))})")
    return FaultSet(FAULTS[name]() for name in chosen)
