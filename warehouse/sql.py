"""Access to the SQL files that define and query the warehouse (SQL lives in .sql files)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_PACKAGE = resources.files("warehouse")


def query(name: str) -> str:
    """The text of warehouse/queries/<name>.sql."""
    return (_PACKAGE / "queries" / f"{name}.sql").read_text(encoding="utf-8")


def ordered_files(folder: str) -> list[tuple[str, str]]:
    """(file name, SQL text) of every .sql file in warehouse/<folder>, in name order."""
    entries = [e for e in (_PACKAGE / folder).iterdir() if e.name.endswith(".sql")]
    return [(e.name, e.read_text(encoding="utf-8")) for e in sorted(entries, key=lambda e: e.name)]


def package_dir() -> Path:
    return Path(str(_PACKAGE))
