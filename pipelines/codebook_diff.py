"""What re-tagging with a new codebook changed: per label (relevance, goal, member) the documents that
gained or lost it between two codebook versions, with sample documents; rendered as Markdown.

Both codebooks' rows stay in the warehouse (every tag row records its codebook version), so a diff
can be drawn at any time between any two versions that tagged the same documents."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from warehouse.sql import query


class CodebookDiffError(ValueError):
    """The diff cannot be drawn; the message says which version and why."""


@dataclass(frozen=True)
class LabelChange:
    kind: str            # 'relevance', 'goal' or 'member'
    label: str           # 'relevant', a goal code or a member code
    old_documents: int
    new_documents: int
    gained: int
    lost: int

    @property
    def moved(self) -> bool:
        return bool(self.gained or self.lost)


@dataclass(frozen=True)
class SampleDocument:
    kind: str
    label: str
    change: str          # 'gained' or 'lost'
    doc_id: str
    title: str | None
    evidence: str | None  # the sentence behind the label, in the codebook that has it


@dataclass(frozen=True)
class Diff:
    old: str
    new: str
    compared: int        # current versions tagged under both codebooks: the ones the counts cover
    only_old: int
    only_new: int
    changes: tuple[LabelChange, ...]
    samples: tuple[SampleDocument, ...]

    def of_kind(self, kind: str) -> list[LabelChange]:
        return [c for c in self.changes if c.kind == kind]


def known_codebook_versions(conn: duckdb.DuckDBPyConnection) -> list[str]:
    return [v for (v,) in conn.execute(query("codebook_versions")).fetchall()]


def codebook_diff(conn: duckdb.DuckDBPyConnection, old: str, new: str, samples: int = 3) -> Diff:
    """Compare the tags of codebook `old` with those of `new` on the documents both tagged."""
    if old == new:
        raise CodebookDiffError(f"--old and --new are the same codebook version {old!r}: nothing to compare")
    if samples < 0:
        raise CodebookDiffError(f"samples must be 0 or more, got {samples}")
    known = known_codebook_versions(conn)
    for version in (old, new):
        if version not in known:
            raise CodebookDiffError(
                f"codebook version {version!r} has tagged no document in this warehouse "
                f"(versions present: {', '.join(known) or 'none'})")
    params = {"old": old, "new": new}
    compared, only_old, only_new = conn.execute(query("codebook_diff_coverage"), params).fetchone()
    changes = tuple(LabelChange(*row) for row in conn.execute(query("codebook_diff_labels"), params).fetchall())
    picked = conn.execute(query("codebook_diff_samples"), {**params, "samples": samples}).fetchall()
    return Diff(old, new, compared, only_old, only_new, changes, tuple(SampleDocument(*row) for row in picked))


def _cell(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def _table(first_column: str, changes: list[LabelChange], old: str, new: str) -> list[str]:
    lines = [f"| {first_column} | {_cell(old)} | {_cell(new)} | gained | lost |", "|---|---:|---:|---:|---:|"]
    lines += [f"| {c.label} | {c.old_documents} | {c.new_documents} | +{c.gained} | -{c.lost} |" for c in changes]
    return lines


def render_markdown(diff: Diff) -> str:
    """The diff as a Markdown report: coverage, one table per kind of label, then sample documents."""
    lines = [f"# Codebook diff: {diff.old} → {diff.new}", "",
             (f"{diff.compared} documents compared (current versions tagged under both codebooks); "
              f"{diff.only_old} tagged only under {diff.old}, {diff.only_new} only under {diff.new} "
              "(not counted below)."), ""]
    relevance = diff.of_kind("relevance") or [LabelChange("relevance", "relevant", 0, 0, 0, 0)]
    lines += ["## Relevance", "", *_table("", relevance, diff.old, diff.new), ""]
    lines += ["## Goals", "", *_table("goal", diff.of_kind("goal"), diff.old, diff.new), ""]
    members = diff.of_kind("member")
    moved = [m for m in members if m.moved]
    lines += ["## Members", ""]
    if moved:
        lines += [*_table("member", moved, diff.old, diff.new), ""]
    lines += [f"{len(members) - len(moved)} of {len(members)} members tagged unchanged.", ""]
    lines += ["## Sample documents", ""]
    if not diff.samples:
        lines.append("No document moved.")
    for s in diff.samples:
        evidence = f" — “{_cell(s.evidence)}”" if s.evidence else ""
        lines.append(f"- {s.kind} `{s.label}` {s.change}: `{s.doc_id}` {_cell(s.title)}{evidence}")
    return "\n".join(lines).rstrip() + "\n"
