"""Tag a JSON Lines file of documents into a JSON Lines file of tags, one line at a time."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from pipelines.tagging.models import SOURCES, TagInput
from pipelines.tagging.tagger import Tagger


@dataclass
class BatchReport:
    tagged: int = 0
    bad_lines: list[tuple[int, str]] = field(
        default_factory=list
    )  # (line number from 1, what is wrong)


class BadLine(ValueError):
    pass


def tag_jsonl(input_path: str | Path, output_path: str | Path, tagger: Tagger) -> BatchReport:
    """Tag every good line of `input_path` into `output_path`, in input order.

    A bad line (not JSON, no id or text, unknown source, bad date) is skipped and reported with
    its line number; the rest is still tagged. The output appears whole or not at all.
    """
    output_path = Path(output_path)
    report = BatchReport()
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{output_path.name}.", dir=output_path.parent or Path(".")
    )
    try:
        with (
            open(input_path, encoding="utf-8") as source,
            os.fdopen(fd, "w", encoding="utf-8") as sink,
        ):
            for doc in _documents(source, report):
                sink.write(json.dumps(tagger.tag(doc).to_output(), ensure_ascii=False) + "\n")
                report.tagged += 1
        os.replace(tmp_name, output_path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return report


def _documents(lines: TextIO, report: BatchReport) -> Iterator[TagInput]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield parse_line(line)
        except BadLine as exc:
            report.bad_lines.append((number, str(exc)))


def parse_line(line: str) -> TagInput:
    """One input line as a document; BadLine says what is wrong with it."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadLine(f"invalid JSON: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(item, dict):
        raise BadLine(f"expected a JSON object, got {type(item).__name__}")
    doc_id = _text(item, "id")
    text = _text(item, "text")
    source = item.get("source")
    if source not in SOURCES:
        raise BadLine(f"source must be one of {', '.join(SOURCES)}, got {source!r}")
    title = item.get("title")
    if title is not None and not isinstance(title, str):
        raise BadLine(f"title must be a string or null, got {type(title).__name__}")
    subtitle = item.get("subtitle")
    if subtitle is not None and not isinstance(subtitle, str):
        raise BadLine(f"subtitle must be a string or null, got {type(subtitle).__name__}")
    return TagInput(doc_id, source, title or "", text, _published(item.get("published")), subtitle or "")


def _text(item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    if value is None:
        raise BadLine(f"{key} is missing")
    if not isinstance(value, str) or not value.strip():
        raise BadLine(f"{key} must be a non-empty string")
    return value


def _published(value: Any) -> date | None:
    if value is None:
        return None
    # A timestamp is cut to its day: "2012-12-05T10:00:00Z" was published on 2012-12-05.
    if isinstance(value, str) and len(value) >= 10 and value[10:11] in ("", "T", " "):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise BadLine(f"published must be an ISO date (YYYY-MM-DD) or null, got {value!r}")
