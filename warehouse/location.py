"""Where the warehouse and what the pipeline writes beside it live."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_WAREHOUSE = Path("warehouse") / "alliance.duckdb"


class WarehouseLocationError(Exception):
    """The warehouse path cannot be used; the message is one line saying what and where."""


def warehouse_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The DuckDB file: an explicit path, else $ALLIANCE_WAREHOUSE, else warehouse/alliance.duckdb.

    The directory must exist: a typo in ALLIANCE_WAREHOUSE should fail loudly, not create a stray
    warehouse somewhere else.
    """
    raw = explicit or os.environ.get("ALLIANCE_WAREHOUSE") or DEFAULT_WAREHOUSE
    path = Path(raw).expanduser().absolute()
    if not path.parent.is_dir():
        raise WarehouseLocationError(
            f"warehouse directory {path.parent} does not exist "
            f"(create it or set ALLIANCE_WAREHOUSE to a file in an existing directory)"
        )
    if path.exists() and not path.is_file():
        raise WarehouseLocationError(f"warehouse path {path} exists but is not a file")
    return path


def beside(warehouse: Path, name: str) -> Path:
    """A directory next to the warehouse file (raw/, published/, report/), created on demand."""
    directory = warehouse.parent / name
    directory.mkdir(parents=True, exist_ok=True)
    return directory
