"""What an export says about where its numbers come from: the manifest written beside the files and
into each Parquet file's key-value metadata. Pure functions over plain data, plus the one look-up of
the code's git commit."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

MANIFEST_NAME = "manifest.json"
# The warehouse records no commit of the code that wrote it, so the export names its own checkout.
GIT_COMMIT_OF = ("the checkout running the export (the warehouse does not record the commit of the "
                 "code that wrote it)")
SNAPSHOT_TIME_IS = ("the latest moment the warehouse records work: a crawl file loaded, a crawl "
                    "finished, a text extracted or a document tagged (UTC)")


@dataclass(frozen=True)
class GitState:
    commit: str | None
    dirty: bool | None   # uncommitted changes in the checkout; None when unknown
    problem: str | None  # why commit is None


@dataclass(frozen=True)
class WarehouseFacts:
    path: str
    codebook_version: str | None
    extractor_versions: list[dict[str, Any]]  # [{"version": ..., "documents": n}]
    snapshot_time: datetime | None
    file_modified_at: datetime


def git_state(directory: Path) -> GitState:
    """The commit checked out at `directory`, and whether files differ from it."""
    try:
        commit = _git(directory, "rev-parse", "HEAD")
        dirty = bool(_git(directory, "status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.CalledProcessError) as error:
        return GitState(None, None, f"not a git checkout or git not available ({error})")
    return GitState(commit, dirty, None)


def _git(directory: Path, *arguments: str) -> str:
    return subprocess.run(["git", "-C", str(directory), *arguments], check=True,
                          capture_output=True, text=True, timeout=30).stdout.strip()


def accuracy_section(accuracy: dict[str, Any] | None, codebook_version: str | None) -> dict[str, Any]:
    """`make eval`'s figures, saying whether they measure the warehouse's codebook."""
    if accuracy is None:
        return {"codebook_version": None, "matches_warehouse_codebook": False,
                "note": "no accuracy figures (pipelines/reference/accuracy.json) were found",
                "figures": None}
    measured = accuracy.get("codebook_version")
    matches = measured == codebook_version
    note = ("measured by `make eval` on the hand-labelled gold sets for this codebook version"
            if matches else
            f"these figures measure codebook {measured}, but the warehouse is tagged with codebook "
            f"{codebook_version}: they do not describe this warehouse's tags")
    return {"codebook_version": measured, "matches_warehouse_codebook": matches, "note": note,
            "interval": accuracy.get("interval"), "gold_sets": accuracy.get("gold_sets"),
            "figures": accuracy.get("figures")}


def manifest(facts: WarehouseFacts, git: GitState, accuracy: dict[str, Any] | None,
             files: list[tuple[str, str, int]], file_format: str, exported_at: datetime) -> dict[str, Any]:
    """The manifest of one export; `files` are (file name, relation, rows) in the order written."""
    return {
        "format": file_format,
        "exported_at": _iso(exported_at),
        "warehouse": {
            "path": facts.path,
            "snapshot_time": _iso(facts.snapshot_time),
            "snapshot_time_is": SNAPSHOT_TIME_IS,
            "file_modified_at": _iso(facts.file_modified_at),
        },
        "codebook_version": facts.codebook_version,
        "extractor_versions": facts.extractor_versions,
        "git": {"commit": git.commit, "dirty": git.dirty, "of": GIT_COMMIT_OF,
                **({"problem": git.problem} if git.problem else {})},
        "accuracy": accuracy_section(accuracy, facts.codebook_version),
        "files": [{"name": name, "relation": relation, "rows": rows} for name, relation, rows in files],
    }


def file_metadata(document: dict[str, Any], file_name: str) -> dict[str, str]:
    """The key-value metadata of one exported Parquet file (parameters of export_parquet.sql)."""
    rows = next(entry["rows"] for entry in document["files"] if entry["name"] == file_name)
    return {
        "file": file_name,
        "rows": str(rows),
        "snapshot_time": document["warehouse"]["snapshot_time"] or "",
        "codebook_version": document["codebook_version"] or "",
        "extractor_versions": json.dumps(document["extractor_versions"]),
        "git_commit": document["git"]["commit"] or "",
        "accuracy": json.dumps(document["accuracy"]),
        "manifest": json.dumps(document),
    }


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()
