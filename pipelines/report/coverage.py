"""What the collection covers per source, and the note that keeps "no data" from reading as "no action"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipelines.report.data import CoverageWeek


@dataclass(frozen=True)
class SourceCoverage:
    source: str
    first_week: date | None
    last_week: date | None
    weeks: int             # weeks from the first to the last, undated row excluded
    silent_weeks: int      # of those, weeks in which no document was fetched
    crawled_weeks: int     # weeks a complete crawl read: an empty one published nothing
    silent_crawled_weeks: int
    uncovered_weeks: int   # weeks never crawled, crawled incompletely or only by failed crawls
    listed: int | None     # None: no crawl recorded listing counts for this source
    fetched: int
    extracted: int
    tagged: int
    undated: int
    missing: int           # listed but not fetched, over the weeks where listings were recorded
    weeks_with_missing: int


def summarize(weeks: list[CoverageWeek]) -> list[SourceCoverage]:
    """One summary per source, in source order."""
    by_source: dict[str, list[CoverageWeek]] = {}
    for week in weeks:
        by_source.setdefault(week.source, []).append(week)
    return [_summarize_source(source, rows) for source, rows in sorted(by_source.items())]


def _summarize_source(source: str, rows: list[CoverageWeek]) -> SourceCoverage:
    dated = [r for r in rows if r.week is not None]
    listed = [r.listed for r in rows if r.listed is not None]
    missing = [r.missing for r in rows if r.missing]
    crawled = [r for r in dated if r.status == "crawled_complete"]
    return SourceCoverage(
        source=source,
        first_week=min((r.week for r in dated), default=None),
        last_week=max((r.week for r in dated), default=None),
        weeks=len(dated),
        silent_weeks=sum(1 for r in dated if r.fetched == 0),
        crawled_weeks=len(crawled),
        silent_crawled_weeks=sum(1 for r in crawled if r.fetched == 0),
        uncovered_weeks=len(dated) - len(crawled),
        listed=sum(listed) if listed else None,
        fetched=sum(r.fetched for r in rows),
        extracted=sum(r.extracted for r in rows),
        tagged=sum(r.tagged for r in rows),
        undated=sum(r.fetched for r in rows if r.week is None),
        missing=sum(missing),
        weeks_with_missing=len(missing),
    )


def coverage_note(sources: list[SourceCoverage]) -> str:
    """A few plain sentences a reader sees before any chart."""
    if not sources:
        return ("The warehouse holds no documents yet: every chart below is empty because nothing "
                "was collected, not because nothing was done.")
    sentences = [_source_sentence(s) for s in sources]
    sentences.append(
        "A week a complete crawl read and found empty is a true zero; a week never crawled, crawled "
        "incompletely or only by a failed crawl is not: read a gap there as \"no evidence\", not "
        "\"no action\" (the coverage view gives each week's status)."
    )
    return " ".join(sentences)


def _source_sentence(s: SourceCoverage) -> str:
    span = f"from the week of {s.first_week} to that of {s.last_week}" if s.first_week else "all undated"
    parts = [f"{s.source}: {s.fetched} documents fetched {span}"]
    if s.weeks:
        parts.append(f"{s.silent_weeks} of {s.weeks} weeks without any document")
        parts.append(f"{s.crawled_weeks} weeks crawled completely ({s.silent_crawled_weeks} of them "
                     f"with nothing published), {s.uncovered_weeks} not")
    if s.undated:
        parts.append(f"{s.undated} undated (left out of the charts)")
    if s.fetched - s.extracted:
        parts.append(f"{s.fetched - s.extracted} without extracted text")
    if s.fetched - s.tagged:
        parts.append(f"{s.fetched - s.tagged} not yet tagged")
    if s.listed is not None:
        weeks = f"{s.weeks_with_missing} week" + ("s" if s.weeks_with_missing > 1 else "")
        parts.append(f"{s.listed} listed, {s.missing} of them not fetched"
                     + (f" (in {weeks})" if s.missing else ""))
    return "; ".join(parts) + "."
