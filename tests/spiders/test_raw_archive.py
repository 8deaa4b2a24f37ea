"""The raw archive: every response a crawl receives goes into a gzipped WARC with an index
line, and comes back out byte for byte for re-extraction without the network."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from raw_archive.warc import WarcArchive, read_archived
from replica import ReplicaServer
from replica.faults import ServerError, document

SPIDERS_DIR = Path(__file__).resolve().parents[2] / "spiders"
FETCHED = datetime(2025, 2, 3, 4, 5, 6, tzinfo=UTC)


def index_lines(directory: Path) -> list[dict]:
    (index,) = directory.glob("*.index.jsonl")
    return [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines()]


def test_every_response_is_archived_and_reads_back(tmp_path, run_crawl, fast):
    archive_dir = tmp_path / "warc"
    fault = ServerError(where=document, times=1)
    with ReplicaServer(faults=fault) as replica:
        run_crawl("doj", tmp_path / "doj.jsonl", *fast, "-s", f"ALLIANCE_WARC_DIR={archive_dir}",
                  "-s", f"DOJ_BASE_URL={replica.source_url('doj')}")
        served = replica.requests
    (warc,) = archive_dir.glob("doj-*.warc.gz")
    assert warc.name[len("doj-"):-len(".warc.gz")].endswith("Z")
    lines = index_lines(archive_dir)
    assert len(lines) == len(served)  # robots.txt, listings, pages, and the 500 as well
    assert sorted(line["url"].removeprefix(replica.base_url) for line in lines) == sorted(
        request.path + ("?" + "&".join(f"{k}={v[0]}" for k, v in request.query.items())
                        if request.query else "") for request in served)
    for line in lines:
        assert line["warc_file"] == warc.name
        url, status, headers, body = read_archived(warc, line["offset"])
        assert (url, status) == (line["url"], line["status"])
        assert hashlib.sha256(body).hexdigest() == line["sha256"]
        assert dict(headers)["Content-Length"] == str(len(body))
        assert datetime.fromisoformat(line["fetched_at"]).tzinfo is not None
    failed = [line for line in lines if line["status"] == 500]
    assert [line["url"] for line in failed] == [replica.base_url + fault.hits[0].path]
    listing = next(line for line in lines if "press_releases.json" in line["url"])
    assert json.loads(read_archived(warc, listing["offset"]).body)["results"]


def test_a_killed_crawl_leaves_a_readable_archive(tmp_path):
    archive_dir = tmp_path / "warc"
    with ReplicaServer() as replica:
        crawl = subprocess.Popen(
            [str(Path(sys.executable).parent / "scrapy"), "crawl", "eu",
             "-O", str(tmp_path / "eu.jsonl"), "-a", "since=2012-01-01", "-a", "until=2016-12-31",
             "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0.1",
             "-s", f"ALLIANCE_WARC_DIR={archive_dir}",
             "-s", f"PRESSCORNER_BASE_URL={replica.source_url('eu')}"],
            cwd=SPIDERS_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            # Killed once it is well under way, however long a busy machine takes to get there.
            while crawl.poll() is None and len(replica.requests) < 8:
                time.sleep(0.05)
            os.kill(crawl.pid, signal.SIGKILL)
        finally:
            crawl.wait(timeout=10)
    assert crawl.returncode == -signal.SIGKILL
    lines = index_lines(archive_dir)
    assert 4 <= len(lines) < 54  # killed part way
    (warc,) = archive_dir.glob("eu-*.warc.gz")
    for line in lines:
        assert hashlib.sha256(read_archived(warc, line["offset"]).body).hexdigest() == line[
            "sha256"]
    with warc.open("rb") as stream:
        kinds = [record.rec_type for record in ArchiveIterator(stream)]
    assert kinds.count("response") >= len(lines) and kinds.count("request") >= len(lines)


@pytest.fixture
def archive(tmp_path):
    opened = WarcArchive(tmp_path, "eu", FETCHED)
    yield opened
    opened.close()


def write(archive: WarcArchive, body: bytes, headers: list[tuple[str, str]], status: int = 200):
    return archive.write(url="https://ec.europa.eu/commission/presscorner/api/documents?"
                         "reference=IP/12/1308&language=en", method="GET",
                         request_headers=[("User-Agent", "alliance-tracker/test")], status=status,
                         response_headers=headers, body=body, fetched_at=FETCHED)


def test_content_encoded_bodies_come_back_decoded(archive):
    text = b'{"refCd": "IP/12/1308"}'
    squeezed = gzip.compress(text)
    entry = write(archive, squeezed, [("Content-Encoding", "gzip"),
                                      ("Transfer-Encoding", "chunked")])
    assert entry["sha256"] == hashlib.sha256(squeezed).hexdigest()  # as received
    assert entry["fetched_at"] == "2025-02-03T04:05:06Z"
    archived = read_archived(archive.warc_path, entry["offset"])
    assert archived.body == text and archived.status == 200
    assert ("Content-Encoding", "gzip") in archived.headers
    assert all(name.lower() != "transfer-encoding" for name, _ in archived.headers)


def test_two_crawls_in_the_same_second_never_share_a_file(tmp_path, archive):
    second = WarcArchive(tmp_path, "eu", FETCHED)
    try:
        assert archive.warc_path.name == "eu-20250203T040506Z.warc.gz"
        assert second.warc_path.name == "eu-20250203T040506Z-2.warc.gz"
        assert second.index_path.name == "eu-20250203T040506Z-2.index.jsonl"
    finally:
        second.close()


def test_reading_where_no_response_starts_says_so(archive):
    entry = write(archive, b"Not Found", [("Content-Type", "text/plain")], status=404)
    archive.close()
    assert read_archived(archive.warc_path, entry["offset"]).status == 404
    with pytest.raises(ValueError, match=r"at offset 0: a WARC request record, not an HTTP"):
        read_archived(archive.warc_path, 0)
    with pytest.raises(ValueError, match=rf"at offset {entry['offset'] + 3}: no WARC record"):
        read_archived(archive.warc_path, entry["offset"] + 3)
    with pytest.raises(ValueError, match="no WARC record there"):
        read_archived(archive.warc_path, archive.warc_path.stat().st_size)
    with pytest.raises(ValueError, match="offsets start at 0"):
        read_archived(archive.warc_path, -1)
