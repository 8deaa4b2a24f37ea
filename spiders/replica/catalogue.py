"""Everything the replica serves: the snapshot's records plus the generated ones, indexed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spiders.replica import generator
from spiders.replica.snapshot import (
    DOJ_FILE,
    EU_FILE,
    SNAPSHOT_DIR,
    CommissionDocument,
    DojRelease,
    SnapshotError,
    commission_document,
    doj_release,
    load_doj_releases,
    load_eu_documents,
)


@dataclass
class Catalogue:
    doj: list[DojRelease]
    eu: list[CommissionDocument]
    by_uuid: dict[str, DojRelease] = field(init=False)
    by_path: dict[str, DojRelease] = field(init=False)
    by_reference: dict[str, CommissionDocument] = field(init=False)

    def __post_init__(self) -> None:
        self.by_uuid = {release.api["uuid"]: release for release in self.doj}
        self.by_path = {release.path: release for release in self.doj}
        self.by_reference = {document.reference: document for document in self.eu}

    def newest_day(self):
        """The publication day of the newest document the replica serves."""
        return max([release.day for release in self.doj] + [document.day for document in self.eu])

    def related(self, release: DojRelease, limit: int = 3) -> list[DojRelease]:
        """Other releases of the same component, nearest in date: the page's Related Content."""
        names = {c["name"] for c in release.api["component"]}
        same = [
            other for other in self.doj
            if other is not release and names & {c["name"] for c in other.api["component"]}
        ]
        same.sort(key=lambda other: (abs((other.day - release.day).days), other.path))
        return same[:limit]


def load_catalogue(snapshot_dir: Path | None = None, *, generated: bool = True) -> Catalogue:
    """The snapshot in `snapshot_dir` (default: the bundled one), plus generated releases.

    Raises SnapshotError when a file is missing, unreadable or holds a bad record.
    """
    directory = Path(snapshot_dir) if snapshot_dir is not None else SNAPSHOT_DIR
    doj_path, eu_path = directory / DOJ_FILE, directory / EU_FILE
    doj = load_doj_releases(doj_path)
    eu = load_eu_documents(eu_path)
    _refuse_duplicates([r.path for r in doj], doj_path, "url")
    _refuse_duplicates([d.reference for d in eu], eu_path, "reference")
    if generated:
        doj += _extra(
            [doj_release(raw, f"generated DOJ record {i}")
             for i, raw in enumerate(generator.generate_doj_records())],
            {r.path for r in doj}, lambda release: release.path)
        eu += _extra(
            [commission_document(raw, f"generated Commission record {i}")
             for i, raw in enumerate(generator.generate_eu_records())],
            {d.reference for d in eu}, lambda document: document.reference)
    return Catalogue(doj=doj, eu=eu)


def _refuse_duplicates(keys: list[str], path: Path, field_name: str) -> None:
    first_seen: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key in first_seen:
            raise SnapshotError(
                f"{path}: record {index}: field {field_name!r}: same as record {first_seen[key]}"
            )
        first_seen[key] = index


def _extra(records: list, taken: set[str], key) -> list:
    """Generated records whose address a hand-written record does not already use."""
    return [record for record in records if key(record) not in taken]
