"""The weekly run: Monday 06:00 UTC, the week that just ended, or every week when the codebook changed."""

from dagster import (
    AssetSelection,
    RunRequest,
    ScheduleEvaluationContext,
    define_asset_job,
    schedule,
)
from dagster._core.storage.tags import (
    ASSET_PARTITION_RANGE_END_TAG,
    ASSET_PARTITION_RANGE_START_TAG,
)

from pipelines.partitions import publication_weeks
from pipelines.tagging import Tagger
from warehouse.location import warehouse_path
from warehouse.publish import published_path
from warehouse.state import current_codebook_version

weekly_job = define_asset_job(
    "weekly_pipeline", selection=AssetSelection.all(),
    description="Crawl, load, extract, tag and publish; one week or a range of weeks in one run.",
)


def weekly_request(newest_week: str, codebook_in_files: str, codebook_in_warehouse: str | None) -> RunRequest:
    """The newest week alone, or every week when the codebook the views use is not the one in the files."""
    if codebook_in_warehouse in (None, codebook_in_files):
        return RunRequest(run_key=f"week-{newest_week}", partition_key=newest_week)
    first_week = publication_weeks.get_first_partition_key()
    return RunRequest(
        run_key=f"retag-{codebook_in_files}-{newest_week}",
        tags={ASSET_PARTITION_RANGE_START_TAG: first_week, ASSET_PARTITION_RANGE_END_TAG: newest_week,
              "codebook_version": codebook_in_files},
    )


@schedule(job=weekly_job, cron_schedule="0 6 * * 1", execution_timezone="UTC")
def weekly_schedule(context: ScheduleEvaluationContext) -> RunRequest:
    newest = publication_weeks.get_partition_keys(current_time=context.scheduled_execution_time)[-1]
    # The published copy, not the warehouse: the schedule must never wait on a running pipeline.
    in_warehouse = current_codebook_version(published_path(warehouse_path()))
    return weekly_request(newest, Tagger.from_reference().codebook_version, in_warehouse)
