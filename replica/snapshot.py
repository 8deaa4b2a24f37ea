"""Reading a source's recorded-shape snapshot (spiders/<source>/snapshot/): the checks every
source's replica uses, so a bad record stops the replica with a one-line SnapshotError that names
the file, the record and the field. Records come from YAML files or from a source's generator (same
mapping format) and go through the same checks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

# libyaml's loader where PyYAML was built with it: every replica start reads the snapshots, and the
# pure-Python parser spends about a second on them.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SnapshotError(Exception):
    """The snapshot cannot be served; the message is one line naming file, record and field."""


def read_records(path: Path) -> list[Mapping[str, Any]]:
    """The YAML list in `path`; SnapshotError for a missing, unreadable or misshapen file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SnapshotError(f"{path}: snapshot file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SnapshotError(f"{path}: cannot read snapshot file ({one_line(error)})") from None
    try:
        loaded = yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as error:
        raise SnapshotError(f"{path}: invalid YAML ({one_line(error)})") from None
    if not isinstance(loaded, list):
        raise SnapshotError(f"{path}: expected a YAML list of records, got {type(loaded).__name__}")
    for index, raw in enumerate(loaded):
        if not isinstance(raw, Mapping):
            raise SnapshotError(f"{path}: record {index}: expected a mapping of fields")
    return loaded


def refuse_duplicates(keys: list[str], path: Path, field_name: str) -> None:
    """SnapshotError naming the first record whose key an earlier record already has."""
    first_seen: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key in first_seen:
            raise SnapshotError(
                f"{path}: record {index}: field {field_name!r}: same as record {first_seen[key]}"
            )
        first_seen[key] = index


def with_generated(records: list, generated: Iterable, key: Callable[[Any], str]) -> list:
    """The hand-written records, then the generated ones whose key (address, reference) none of
    them has: a generated record never shadows a written one."""
    taken = {key(record) for record in records}
    return records + [record for record in generated if key(record) not in taken]


def known_fields(raw: Mapping[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(str(key) for key in raw if key not in known)
    if unknown:
        raise SnapshotError(f"{where}: unknown field(s) {', '.join(unknown)}")


def text(raw: Mapping[str, Any], field: str, where: str) -> str:
    value = raw.get(field)
    if not isinstance(value, str) or not value.strip():
        raise SnapshotError(f"{where}: field {field!r}: expected non-empty text")
    return value


def optional_text(raw: Mapping[str, Any], field: str, where: str) -> str | None:
    value = raw.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise SnapshotError(f"{where}: field {field!r}: expected text or null")
    return value


def iso_date(raw: Mapping[str, Any], field: str, where: str) -> date:
    value = raw.get(field)
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise SnapshotError(f"{where}: field {field!r}: expected an ISO date (YYYY-MM-DD)")


def names(raw: Mapping[str, Any], field: str, where: str, *, required: bool) -> list[str]:
    value = raw.get(field)
    if value is None and not required:
        return []
    if (
        not isinstance(value, list)
        or (required and not value)
        or not all(isinstance(name, str) and name.strip() for name in value)
    ):
        wanted = "a non-empty list of names" if required else "a list of names"
        raise SnapshotError(f"{where}: field {field!r}: expected {wanted}")
    return [name.strip() for name in value]


def stable(key: str, modulus: int) -> int:
    """A number in [0, modulus) that depends only on `key` (hash() is salted per process)."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big") % modulus


def one_line(error: Exception) -> str:
    return " ".join(str(error).split())
