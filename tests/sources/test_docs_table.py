"""docs/sources.md opens with the table of sources, and the table is the registry."""

from __future__ import annotations

from pathlib import Path

from spiders.registry import SOURCES

DOC = Path(__file__).resolve().parents[2] / "docs" / "sources.md"


def table_rows() -> list[list[str]]:
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            break
        if line.startswith("|") and not line.startswith("|---"):
            rows.append([cell.strip().strip("`") for cell in line.strip("|").split("|")])
    return rows


def test_the_table_of_sources_matches_the_registry():
    header, *rows = table_rows()
    assert header == ["name", "title", "issuer", "base URL setting", "live URL"]
    assert rows == [[source.name, source.title, source.issuer or "(none)", source.base_url_setting,
                     source.live_base_url] for source in SOURCES]
