"""The tagger of the reference files, or of the draft codebook $ALLIANCE_CODEBOOK names: built once per
process, and again only when the files it is built from change.

Worker processes are forked from a server that built it when it started (pipelines/worker_preload.py);
each looks at the files once, on its first use, and builds its own if they changed since."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pipelines.reference_files import REFERENCE_DIR, ROSTER_CSV
from pipelines.tagging import Tagger
from pipelines.tagging.codebook import Codebook

# (the draft codebook or None, then (file, mtime_ns, size) of every file a tagger is built from)
TaggerSource = tuple[str | None, tuple[tuple[str, int, int], ...]]

_source_of_process: dict[int, TaggerSource] = {}


def _codebook_path(draft: str | None) -> Path:
    return Path(draft) if draft else REFERENCE_DIR / "codebook.yaml"


def tagger_source() -> TaggerSource:
    """What a tagger built now would be built from. A missing file is left for the build to report."""
    draft = os.environ.get("ALLIANCE_CODEBOOK") or None
    files = sorted({*REFERENCE_DIR.glob("*.yaml"), *REFERENCE_DIR.glob("*.csv"), _codebook_path(draft)})
    stamps = []
    for path in files:
        try:
            status = path.stat()
        except OSError:
            continue
        stamps.append((str(path), status.st_mtime_ns, status.st_size))
    return draft, tuple(stamps)


def _this_process_source() -> TaggerSource:
    # Looked up once per process: a forked worker has a pid of its own, so it looks again.
    pid = os.getpid()
    if pid not in _source_of_process:
        _source_of_process[pid] = tagger_source()
    return _source_of_process[pid]


_built: tuple[TaggerSource, Tagger] | None = None   # the tagger of this process, and its source


def _tagger_for(source: TaggerSource) -> Tagger:
    global _built
    if _built is None or _built[0] != source:
        _built = (source, Tagger.with_codebook(_codebook(source), ROSTER_CSV))
    return _built[1]


@lru_cache(maxsize=1)
def _codebook(source: TaggerSource) -> Codebook:
    # Read once for both the version a stage tags with and the tagger: compiling its rules is
    # most of a second.
    return Codebook.from_yaml(_codebook_path(source[0]))


def reference_tagger() -> Tagger:
    """The tagger of this process's reference files. A malformed file raises CodebookError (one
    line naming it) before anything is tagged."""
    return _tagger_for(_this_process_source())


def reference_codebook_version() -> str:
    """The version of the codebook reference_tagger() tags with, read without building the whole
    tagger (a malformed codebook raises CodebookError). The tagger is built from the same codebook
    read, so once either has run the other reads nothing."""
    return _codebook(_this_process_source()).version


def forget_reference_tagger() -> None:
    """Build from the files again on the next use (after $ALLIANCE_CODEBOOK changed, say)."""
    global _built
    _source_of_process.clear()
    _built = None
    _codebook.cache_clear()
