"""Weekly partitions by publication week: Mondays from the first Monday after the Council's June 2012 conclusions."""

import warnings
from datetime import date, timedelta

from dagster import AssetExecutionContext, BackfillPolicy, BetaWarning, WeeklyPartitionsDefinition
from dagster._core.storage.tags import (
    ASSET_PARTITION_RANGE_END_TAG,
    ASSET_PARTITION_RANGE_START_TAG,
)

publication_weeks = WeeklyPartitionsDefinition(start_date="2012-06-04", day_offset=1)

# A range of weeks runs as one run (one DuckDB writer, one pass over the pending documents).
single_run = BackfillPolicy.single_run()
# `backfill_policy=` is beta in Dagster 1.13 (pinned <1.14 in pyproject.toml): every asset passing it
# warned once per process, eight lines a run that nobody can act on. Only that warning is silenced.
warnings.filterwarnings("ignore", message="Parameter `backfill_policy` of function `asset`",
                        category=BetaWarning)


def first_publication_week() -> date:
    return date.fromisoformat(publication_weeks.get_first_partition_key())


def week_of(day: date) -> str:
    """The key of the publication week holding `day` (its Monday)."""
    return (day - timedelta(days=day.weekday())).isoformat()


def week_range_tags(first_week: str, last_week: str) -> dict[str, str]:
    """The run tags that make one run cover the weeks from `first_week` to `last_week`, both included."""
    return {ASSET_PARTITION_RANGE_START_TAG: first_week, ASSET_PARTITION_RANGE_END_TAG: last_week}


def every_week_tags() -> dict[str, str]:
    """One run over every publication week up to the last complete one."""
    return week_range_tags(publication_weeks.get_first_partition_key(), publication_weeks.get_last_partition_key())


def week_window(context: AssetExecutionContext) -> tuple[date, date]:
    """[first day, day after the last day) of the weeks this run covers."""
    window = context.partition_time_window
    return window.start.date(), window.end.date()


def crawl_window(context: AssetExecutionContext) -> tuple[str, str]:
    """The spiders' `since` and `until` (ISO dates, both included) for the weeks this run covers."""
    start, end = week_window(context)
    return start.isoformat(), (end - timedelta(days=1)).isoformat()
