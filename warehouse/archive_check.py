"""Does the raw archive read back? Each WARC file on disk is scanned whole once per state (name,
size, mtime); each indexed response is read back once and its payload compared with the index
(the checks themselves are raw_archive.verify's; here, what is checked when and what was found).

What is found goes into warc_file_scans and warc_verifications (migration 005); the view
warc_problems names every file with a problem, for the raw_documents asset and its check. A bad
file is a finding, never a failure: nothing here raises because of what a file holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from raw_archive.verify import scan_warc_file, verify_record
from warehouse.sql import query
from warehouse.transaction import transaction


@dataclass(frozen=True)
class ArchiveVerification:
    files_scanned: int
    records_verified: int
    records_failed: int
    problem_files: dict[str, str]   # every WARC file with a problem now, not only those found now


def verify_archive(conn: duckdb.DuckDBPyConnection, warc_dir: Path) -> ArchiveVerification:
    """Scan the WARC files that are new or changed since their last scan, then read back the indexed
    responses not yet read back. Call after indexing, outside any transaction (each file's findings
    are committed on their own, so an interrupted run keeps what it verified)."""
    warc_dir = Path(warc_dir)
    scanned = _scan_changed_files(conn, warc_dir)
    verified = failed = 0
    for (warc_file,) in conn.execute(query("warc_pending_files")).fetchall():
        pending = conn.execute(query("warc_pending_records"), {"warc_file": warc_file}).fetchall()
        moment = _now()
        rows = [{"warc_file": warc_file, "offset": offset, "verified_at": moment,
                 "problem": verify_record(warc_dir, warc_file, offset, sha256)}
                for offset, sha256 in pending]
        with transaction(conn):
            conn.executemany(query("warc_record_verification"), rows)
        verified += len(rows)
        failed += sum(row["problem"] is not None for row in rows)
    problems = dict(conn.execute(query("warc_problem_files")).fetchall())
    return ArchiveVerification(scanned, verified, failed, problems)


def _scan_changed_files(conn: duckdb.DuckDBPyConnection, warc_dir: Path) -> int:
    known = {name: (size, mtime) for name, size, mtime in conn.execute(query("warc_known_scans")).fetchall()}
    on_disk = {path.name: _state(path) for path in sorted(warc_dir.glob("*.warc.gz"))}
    scanned = 0
    for name, state in on_disk.items():
        if state is None or known.get(name) == state:
            continue
        scan = scan_warc_file(warc_dir / name)
        if _state(warc_dir / name) != state:
            continue  # still being written: scanned once it holds still
        with transaction(conn):
            conn.execute(query("warc_record_scan"), {
                "warc_file": name, "size": state[0], "mtime_ns": state[1], "records": scan.records,
                "problem": scan.problem, "scanned_at": _now()})
            conn.execute(query("warc_forget_failures"), {"warc_file": name})
        scanned += 1
    for name in known.keys() - on_disk.keys():
        with transaction(conn):
            conn.execute(query("warc_forget_scan"), {"warc_file": name})
            conn.execute(query("warc_forget_failures"), {"warc_file": name})
    return scanned


def _state(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
