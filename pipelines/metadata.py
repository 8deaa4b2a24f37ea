"""Markdown for Dagster metadata: what a person reads in the UI."""

from collections.abc import Iterable, Sequence


def _cell(value: object) -> str:
    return " ".join(str(value).split()).replace("|", "\\|") if value is not None else ""


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)
