"""The raw archive read back: real WARC files written by the spiders' own archive writer, then
damaged the ways disks and copies damage them; each damaged file is named with what is wrong,
each good one passes, and nothing is read twice."""

import gzip
import hashlib
import io
import json
import zlib
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from dagster import DagsterInstance, materialize

from pipelines.partitions import every_week_tags
from raw_archive.verify import gzip_problem, scan_warc_file
from raw_archive.warc import WarcArchive
from warehouse.archive_check import verify_archive
from warehouse.checks import run_check
from warehouse.crawl_records import index_warc_files
from warehouse.schema import migrate

PAGE = "<html><body><h1>Release {n}</h1><p>{text}</p></body></html>"
WORDS = "The Alliance partners agreed on shared goals for identifying victims and prosecuting offenders. "


@pytest.fixture
def warc_dir(tmp_path):
    return tmp_path / "raw" / "warc"


def write_archive(warc_dir, spider="doj", pages=3, started=datetime(2026, 3, 2, 6, 0, tzinfo=UTC),
                  encoded=False):
    """A crawl's archive and index as the spiders write them; returns (WARC path, index entries)."""
    archive = WarcArchive(warc_dir, spider, started)
    entries = []
    for n in range(pages):
        html = PAGE.format(n=n, text=WORDS * (20 + n)).encode()
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked")]
        body = html
        if encoded:  # as a server that compresses sends it, and as the middleware stores it
            headers.append(("Content-Encoding", "gzip"))
            body = gzip.compress(html)
        entries.append(archive.write(url=f"https://www.justice.gov/opa/pr/release-{n}", method="GET",
                                     request_headers=[("Accept-Encoding", "gzip")], status=200,
                                     response_headers=headers, body=body,
                                     fetched_at=datetime(2026, 3, 2, 6, 0, n, tzinfo=UTC)))
    archive.close()
    return archive.warc_path, entries


def member_end(data: bytes, start: int) -> int:
    """Where the gzip member starting at `start` ends."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    inflater.decompress(data[start:])
    return len(data) - len(inflater.unused_data)


def flip_byte(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x20
    path.write_bytes(bytes(data))


def check(conn, warc_dir):
    index_warc_files(conn, warc_dir)
    return verify_archive(conn, warc_dir)


def test_good_archive_reads_back_and_is_read_only_once(conn, warc_dir):
    write_archive(warc_dir)
    write_archive(warc_dir, spider="eu", encoded=True)
    first = check(conn, warc_dir)
    assert (first.files_scanned, first.records_verified, first.records_failed) == (2, 6, 0)
    assert first.problem_files == {}
    assert run_check(conn, "warc_records_readable").passed
    second = check(conn, warc_dir)
    assert (second.files_scanned, second.records_verified) == (0, 0)


def test_content_encoded_response_is_compared_as_stored(conn, warc_dir, tmp_path):
    """The index hashed the gzip bytes received, not the page read_archived decodes them to."""
    path, entries = write_archive(warc_dir, encoded=True, pages=1)
    assert check(conn, warc_dir).problem_files == {}
    decoded_page = PAGE.format(n=0, text=WORDS * 20).encode()
    index = path.with_name(path.name.removesuffix(".warc.gz") + ".index.jsonl")
    index.write_text(json.dumps({**entries[0], "sha256": hashlib.sha256(decoded_page).hexdigest()}) + "\n")
    with duckdb.connect(str(tmp_path / "fresh.duckdb")) as fresh:
        migrate(fresh)
        problem = check(fresh, warc_dir).problem_files[path.name]
    assert f"first at offset {entries[0]['offset']}: payload sha256" in problem


def test_flipped_byte_names_the_file_the_member_and_the_response(conn, warc_dir):
    good, _ = write_archive(warc_dir, spider="eu")
    path, entries = write_archive(warc_dir)
    data = path.read_bytes()
    damaged = entries[1]["offset"]
    flip_byte(path, (damaged + member_end(data, damaged)) // 2)
    result = check(conn, warc_dir)
    assert list(result.problem_files) == [path.name]
    problem = result.problem_files[path.name]
    assert f"gzip member at offset {damaged} is damaged" in problem
    assert f"first at offset {damaged}" in problem
    assert result.records_failed == 1
    outcome = run_check(conn, "warc_records_readable")
    assert not outcome.passed and outcome.sample[0].startswith(f"{path.name}: ")
    assert good.name not in " ".join(outcome.sample)


def test_garbage_file_in_no_index_is_named(conn, warc_dir):
    write_archive(warc_dir)
    garbage = warc_dir / "doj-20260101T000000Z.warc.gz"
    garbage.write_bytes(bytes((n * 131 + 7) % 256 for n in range(5000)))
    result = check(conn, warc_dir)
    assert list(result.problem_files) == [garbage.name]
    assert "gzip member at offset 0 is damaged" in result.problem_files[garbage.name]
    assert result.records_failed == 0


def test_truncated_file_is_named_and_its_lost_response_fails(conn, warc_dir):
    path, entries = write_archive(warc_dir)
    last = entries[-1]["offset"]
    path.write_bytes(path.read_bytes()[: last + 40])
    result = check(conn, warc_dir)
    problem = result.problem_files[path.name]
    assert f"gzip member at offset {last} is cut short" in problem
    assert f"1 indexed response(s) do not read back; first at offset {last}" in problem
    assert result.records_failed == 1


def test_index_pointing_into_garbage_is_named_with_its_offset(conn, warc_dir):
    """A good member followed by garbage, the index pointing at the garbage (a bad copy)."""
    head = gzip.compress(b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n")
    path = warc_dir / "doj-20250101T000000Z.warc.gz"
    warc_dir.mkdir(parents=True)
    path.write_bytes(head + bytes(range(256)) * 8)
    (warc_dir / "doj-20250101T000000Z.index.jsonl").write_text(json.dumps(
        {"url": "https://www.justice.gov/opa/pr/x", "warc_file": path.name, "offset": len(head),
         "sha256": "0" * 64, "status": 200, "fetched_at": "2025-01-01T00:00:00Z"}) + "\n")
    problem = check(conn, warc_dir).problem_files[path.name]
    assert f"gzip member at offset {len(head)} is damaged" in problem
    assert f"first at offset {len(head)}" in problem


def test_altered_payload_in_a_valid_gzip_member_fails_its_digests(conn, warc_dir):
    """Bytes changed before compression (a tampered or badly rewritten file): gzip is intact, the
    WARC digests and the index's sha256 are not."""
    path, entries = write_archive(warc_dir)
    data = path.read_bytes()
    start = entries[0]["offset"]
    end = member_end(data, start)
    record = gzip.decompress(data[start:end]).replace(b"Release 0", b"Release 9")
    path.write_bytes(data[:start] + gzip.compress(record) + data[end:])
    problem = check(conn, warc_dir).problem_files[path.name]
    assert f"WARC record at offset {start} is unreadable" in problem
    assert "differs from the index" in problem


def test_readable_file_that_no_index_lists_is_named(conn, warc_dir):
    path, _ = write_archive(warc_dir)
    path.with_name(path.name.removesuffix(".warc.gz") + ".index.jsonl").unlink()
    result = check(conn, warc_dir)
    assert result.problem_files == {path.name: "not listed in any index (6 WARC records)"}


def test_missing_file_is_named_until_it_is_restored(conn, warc_dir, tmp_path):
    path, _ = write_archive(warc_dir)
    saved = tmp_path / "backup.warc.gz"
    path.rename(saved)
    missing = check(conn, warc_dir)
    assert "3 indexed response(s) do not read back" in missing.problem_files[path.name]
    assert "the file is missing" in missing.problem_files[path.name]
    saved.rename(path)
    restored = check(conn, warc_dir)
    assert restored.problem_files == {}
    assert (restored.files_scanned, restored.records_verified, restored.records_failed) == (1, 3, 0)


def test_repaired_file_is_scanned_again_and_clears(conn, warc_dir):
    path, _ = write_archive(warc_dir)
    intact = path.read_bytes()
    path.write_bytes(intact[:-10])
    assert path.name in check(conn, warc_dir).problem_files
    path.write_bytes(intact)
    assert check(conn, warc_dir).problem_files == {}


def test_index_naming_a_file_elsewhere_is_a_problem_not_a_read(conn, warc_dir, tmp_path):
    outside, entries = write_archive(tmp_path / "elsewhere")
    warc_dir.mkdir(parents=True)
    (warc_dir / "doj-x.index.jsonl").write_text(json.dumps({**entries[0], "warc_file": str(outside)}) + "\n")
    problem = check(conn, warc_dir).problem_files[str(outside)]
    assert "outside the archive directory" in problem


def test_gzip_members_checked_one_by_one():
    first, second = gzip.compress(b"a" * 300_000), gzip.compress(b"second member")
    assert gzip_problem(io.BytesIO(b"")) is None
    assert gzip_problem(io.BytesIO(first + second)) is None
    assert gzip_problem(io.BytesIO(first + second[:-4])) == (
        f"gzip member at offset {len(first)} is cut short (the file ends at byte {len(first) + len(second) - 4})")
    assert "offset 0 is damaged" in gzip_problem(io.BytesIO(b"plain text, not gzip"))


def test_gzipped_text_that_is_no_warc_is_named(tmp_path):
    path = tmp_path / "notes.warc.gz"
    path.write_bytes(gzip.compress(b"just some notes\nnot an archive\n"))
    scan = scan_warc_file(path)
    assert scan.records == 0 and scan.problem.startswith("WARC record at offset 0 is unreadable")


def test_raw_documents_reports_a_bad_file_and_still_succeeds(tmp_path):
    from pipelines.assets.collect import raw_documents
    from pipelines.checks import ALL_CHECKS
    from pipelines.resources import WarehouseResource

    warehouse_file = tmp_path / "alliance.duckdb"
    warc_dir = tmp_path / "raw" / "warc"
    write_archive(warc_dir)
    bad, entries = write_archive(warc_dir, spider="eu")
    bad.write_bytes(bad.read_bytes()[: entries[-1]["offset"] + 40])
    checks = [c for c in ALL_CHECKS if any(k.name == "warc_records_readable" for k in c.check_keys)]
    instance = DagsterInstance.ephemeral()
    result = materialize([raw_documents, *checks], instance=instance, tags=every_week_tags(),
                         resources={"warehouse": WarehouseResource(database=str(warehouse_file))})
    assert result.success
    metadata = result.asset_materializations_for_node("raw_documents")[0].metadata
    assert metadata["warc_bad_files"].value == [bad.name]
    assert (metadata["warc_responses_verified"].value, metadata["warc_responses_failed"].value) == (6, 1)
    warnings = [entry.user_message for entry in instance.all_logs(result.run_id)
                if entry.level == 30 and "bad WARC file" in entry.user_message]
    assert len(warnings) == 1 and f"bad WARC file {warc_dir / bad.name}: " in warnings[0]
    [evaluation] = result.get_asset_check_evaluations()
    assert not evaluation.passed
    assert bad.name in evaluation.metadata["offending_ids"].value[0]
