"""The weekly run: Monday 06:00 UTC, the week that just ended, from the first week the crawls have not
covered completely (a missed, failed or cut-short run is caught up; a fresh warehouse or a new
Commission query starts with every week); and, when the codebook changed,
a second run that re-tags every week without crawling it again."""

from datetime import date, timedelta

from dagster import (
    AssetKey,
    AssetSelection,
    RunRequest,
    ScheduleEvaluationContext,
    define_asset_job,
    schedule,
)

from pipelines.crawling import SPIDERS
from pipelines.partitions import publication_weeks, week_of, week_range_tags
from pipelines.resources import SourcesResource
from pipelines.tagging import Tagger
from warehouse.location import warehouse_path
from warehouse.publish import published_path
from warehouse.state import crawl_coverage, current_codebook_version

weekly_job = define_asset_job(
    "weekly_pipeline", selection=AssetSelection.all(),
    description="Crawl, load, extract, tag and publish; one week or a range of weeks in one run.",
)

# What a new codebook changes: the tags and everything drawn from them. Re-crawling every week for it
# would take hours against the live sites and add nothing.
RETAG_ASSETS = [AssetKey(name) for name in (
    "alliance_reference", "document_tags", "researcher_views", "published_warehouse", "research_report")]


def first_week_to_crawl(covered_through: dict[str, date | None], newest_week: str) -> str:
    """The week holding the first day some source's crawls have not covered completely (the first
    week for a source never crawled), or the newest week when every source is covered up to it."""
    first_week = publication_weeks.get_first_partition_key()
    if any(day is None for day in covered_through.values()):
        return first_week
    if not covered_through:
        return newest_week
    first_gap = min(covered_through.values()) + timedelta(days=1)
    return min(max(week_of(first_gap), first_week), newest_week)


def weekly_requests(newest_week: str, codebook_in_files: str, codebook_in_warehouse: str | None,
                    first_week: str | None = None) -> list[RunRequest]:
    """The weeks from `first_week` (default: the newest alone) to the newest, every stage; then, when
    the codebook the views use is not the one in the files, every week's tags and what follows them.
    The run queue runs them one after the other (one writer)."""
    if first_week is None or first_week >= newest_week:
        requests = [RunRequest(run_key=f"week-{newest_week}", partition_key=newest_week)]
    else:
        requests = [RunRequest(run_key=f"weeks-{first_week}-{newest_week}",
                               tags=week_range_tags(first_week, newest_week))]
    if codebook_in_warehouse not in (None, codebook_in_files):
        requests.append(RunRequest(
            run_key=f"retag-{codebook_in_files}-{newest_week}", asset_selection=RETAG_ASSETS,
            tags={**week_range_tags(publication_weeks.get_first_partition_key(), newest_week),
                  "codebook_version": codebook_in_files},
        ))
    return requests


@schedule(job=weekly_job, cron_schedule="0 6 * * 1", execution_timezone="UTC")
def weekly_schedule(context: ScheduleEvaluationContext) -> list[RunRequest]:
    newest = publication_weeks.get_partition_keys(current_time=context.scheduled_execution_time)[-1]
    # The published copy, not the warehouse: the schedule must never wait on a running pipeline.
    published = published_path(warehouse_path())
    sources = SourcesResource()  # the scope the scheduled run's crawls will have
    scopes = {spider: sources.coverage_scope(spider) for spider in SPIDERS}
    first_week = first_week_to_crawl(crawl_coverage(published, scopes), newest)
    return weekly_requests(newest, Tagger.from_reference().codebook_version,
                           current_codebook_version(published), first_week)
