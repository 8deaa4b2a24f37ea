"""Does a WARC file read back? Plain checks over files, no database: a file scanned whole (every
gzip member intact, every record parsed with its digests checked) and one indexed response read back
and compared with its index line. A bad file is a finding, never a failure: nothing here raises
because of what a file holds.
"""

from __future__ import annotations

import hashlib
import zlib
from pathlib import Path
from typing import BinaryIO, NamedTuple

from warcio.archiveiterator import ArchiveIterator

from raw_archive.warc import read_archived

BLOCK = 1 << 16
GZIP_WBITS = 16 + zlib.MAX_WBITS  # zlib reads one gzip member and checks its CRC-32 and length
PROBLEM_LENGTH = 200


class FileScan(NamedTuple):
    records: int           # WARC records read before the end or the first problem
    problem: str | None    # None when the whole file read back


def scan_warc_file(path: Path) -> FileScan:
    """Read a gzipped WARC file whole: every gzip member complete and intact (a cut-short or
    corrupt member, or bytes that are not gzip), every WARC record parsed with its digests checked."""
    try:
        with path.open("rb") as stream:
            damaged = gzip_problem(stream)
            stream.seek(0)
            records, unparsable = _warc_problem(stream)
    except OSError as error:
        return FileScan(0, f"cannot be read ({error.strerror or error})")
    return FileScan(records, damaged or unparsable)


def gzip_problem(stream: BinaryIO) -> str | None:
    """Why a stream of concatenated gzip members is not intact, naming the member's offset; None
    when intact. An empty stream is intact."""
    member_start = position = 0
    inflater, started = zlib.decompressobj(GZIP_WBITS), False
    while chunk := stream.read(BLOCK):
        position += len(chunk)
        while True:
            try:
                # Bounded output, so a member that inflates a thousandfold does not fill memory.
                inflated = inflater.decompress(chunk, BLOCK)
            except zlib.error as error:
                reason = str(error).rpartition(": ")[2]  # zlib's own words, e.g. "incorrect data check"
                return f"gzip member at offset {member_start} is damaged ({reason})"
            started = True
            if inflater.eof:
                chunk = inflater.unused_data
                member_start = position - len(chunk)
                inflater, started = zlib.decompressobj(GZIP_WBITS), False
                if not chunk:
                    break
                continue
            chunk = inflater.unconsumed_tail
            if not chunk and len(inflated) < BLOCK:
                break
    if started:
        return f"gzip member at offset {member_start} is cut short (the file ends at byte {position})"
    return None


def verify_record(warc_dir: Path, warc_file: str, offset: int, sha256: str) -> str | None:
    """Why the indexed response at `offset` of `warc_file` does not read back as the index says;
    None when it does. The index hashed the payload as received (still content-encoded), so a
    content-encoded response is hashed as stored, not as read_archived decodes it."""
    if Path(warc_file).name != warc_file:
        return "the index names a file outside the archive directory"
    path = warc_dir / warc_file
    try:
        response = read_archived(path, offset)
        if any(name.lower() == "content-encoding" for name, _ in response.headers):
            digest = stored_payload_sha256(path, offset)
        else:
            digest = hashlib.sha256(response.body).hexdigest()
    except FileNotFoundError:
        return "the file is missing"
    except ValueError as error:
        return _short(str(error).removeprefix(f"{path} at offset {offset}: "))
    # warcio fails on damaged bytes with whatever it trips over (AttributeError, TypeError,
    # binascii.Error seen): any failure here is the finding, not a crash.
    except Exception as error:  # noqa: BLE001
        return f"unreadable ({_short(error)})"
    if digest != sha256:
        return f"payload sha256 {digest[:12]}... differs from the index's {sha256[:12]}..."
    return None


def stored_payload_sha256(path: Path, offset: int) -> str:
    """sha256 of the HTTP payload of the record at `offset` exactly as stored, read in blocks."""
    with path.open("rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream)))
        digest = hashlib.sha256()
        while block := record.raw_stream.read(BLOCK):
            digest.update(block)
        return digest.hexdigest()


def _warc_problem(stream: BinaryIO) -> FileScan:
    records = 0
    iterator = ArchiveIterator(stream, check_digests="raise")
    try:
        for _record in iterator:  # reading on to the next record reads this one whole
            records += 1
    except Exception as error:  # noqa: BLE001 -- as in verify_record: any failure is the finding
        return FileScan(records, f"WARC record at offset {iterator.offset} is unreadable "
                                 f"({_short(error)})")
    return FileScan(records, None)


def _short(error: object) -> str:
    """One printable line: warcio quotes the raw bytes it choked on, which say nothing to a reader."""
    lines = str(error).strip().splitlines() or [type(error).__name__]
    text = lines[0].split(", first line:")[0]
    text = "".join(c if c.isprintable() and c.isascii() else "?" for c in text).strip()
    if text.count("(") > text.count(")"):  # the cut above can leave a parenthesis open
        text += ")"
    return text[:PROBLEM_LENGTH] or type(error).__name__
