"""Everything the replica serves: one ReplicaSource per registry source (spiders/<name>/replica.py),
in the registry's order."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from types import ModuleType

from replica.source import ReplicaSource
from spiders.registry import SOURCES


class Catalogue:
    """The sources served, by name: `catalogue["doj"]` is the DOJ's ReplicaSource."""

    def __init__(self, sources: Iterable[ReplicaSource]) -> None:
        self.sources: dict[str, ReplicaSource] = {source.name: source for source in sources}

    def __getitem__(self, name: str) -> ReplicaSource:
        return self.sources[name]

    def __iter__(self) -> Iterator[ReplicaSource]:
        return iter(self.sources.values())

    def replace(self, source: ReplicaSource) -> Catalogue:
        """The same catalogue with `source` served instead of the one of its name."""
        return Catalogue({**self.sources, source.name: source}.values())

    def newest_day(self) -> date:
        """The publication day of the newest document the replica serves."""
        return max(day for source in self for day in source.days())


def replica_module(name: str) -> ModuleType:
    """spiders/<name>/replica.py."""
    return importlib.import_module(f"spiders.{name}.replica")


def load_catalogue(snapshot_dir: Path | None = None, *, generated: bool = True) -> Catalogue:
    """Every registry source's replica. `snapshot_dir` (default: each source's bundled snapshot)
    may hold the snapshot files of some sources only; a source none of whose files are there
    serves its bundled snapshot. `generated=False` leaves out generated documents, for sources
    whose replica() can.

    Raises SnapshotError when a file is missing, unreadable or holds a bad record.
    """
    return Catalogue(_source_replica(entry.name, snapshot_dir, generated) for entry in SOURCES)


def _source_replica(name: str, snapshot_dir: Path | None, generated: bool) -> ReplicaSource:
    module = replica_module(name)
    files = getattr(module, "SNAPSHOT_FILES", ())
    if snapshot_dir is not None and files and not any((Path(snapshot_dir) / f).exists() for f in files):
        snapshot_dir = None
    if not generated and "generated" in inspect.signature(module.replica).parameters:
        return module.replica(snapshot_dir, generated=False)
    return module.replica(snapshot_dir)
