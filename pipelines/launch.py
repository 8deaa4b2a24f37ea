"""`alliance-tracker run`: one run of the scheduled job, launched into $DAGSTER_HOME so it shows in the
UI, over a range of publication weeks. The planning is pure; `launch` is the thin Dagster shell."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from pipelines.partitions import publication_weeks, week_of, week_range_tags

# Tagged on every run this command starts, so the progress watcher finds its run among the others.
LAUNCH_TAG = "alliance/launch"


class LaunchError(Exception):
    """The run cannot start as asked; the message is one line saying why."""


@dataclass(frozen=True)
class RunPlan:
    first_week: str
    last_week: str
    retag: bool = False
    codebook_version: str | None = None
    spiders: tuple[str, ...] = ()
    base_urls: Mapping[str, str] = field(default_factory=dict)  # base URL setting -> URL
    extra_settings: Mapping[str, str] = field(default_factory=dict)

    @property
    def weeks(self) -> int:
        return len(
            publication_weeks.get_partition_keys_in_range(
                _key_range(self.first_week, self.last_week)
            )
        )

    def tags(self, launch_id: str) -> dict[str, str]:
        tags = {**week_range_tags(self.first_week, self.last_week), LAUNCH_TAG: launch_id}
        if self.retag and self.codebook_version:
            tags["codebook_version"] = self.codebook_version
        return tags

    def run_config(self, console_level: str) -> dict:
        sources: dict = {}
        if self.base_urls:
            sources["source_settings"] = dict(self.base_urls)
        if self.spiders:
            sources["spiders"] = ",".join(self.spiders)
        if self.extra_settings:
            sources["extra_settings"] = dict(self.extra_settings)
        config: dict = {"loggers": {"console": {"config": {"log_level": console_level}}}}
        if sources:
            config["resources"] = {"sources": {"config": sources}}
        return config


def _key_range(first: str, last: str):
    from dagster import PartitionKeyRange

    return PartitionKeyRange(first, last)


def week_key(value: date, newest_week: str) -> str:
    """The publication week holding `value`, refused when outside the weeks Dagster knows."""
    key = week_of(value)
    first = publication_weeks.get_first_partition_key()
    if key < first:
        raise LaunchError(f"{value} is before the first publication week ({first})")
    if key > newest_week:
        raise LaunchError(f"{value} is after the last complete publication week ({newest_week})")
    return key


def plan_weeks(
    since: date | None, until: date | None, scheduled: tuple[str, str]
) -> tuple[str, str]:
    """--since/--until as publication weeks; what the schedule would run now for any left out."""
    scheduled_first, newest = scheduled
    last = week_key(until, newest) if until else newest
    first = week_key(since, newest) if since else min(scheduled_first, last)
    if first > last:
        raise LaunchError(f"--since ({first}) is after --until ({last})")
    return first, last


def scheduled_weeks(now=None) -> tuple[str, str]:
    """The weeks the schedule would run now: from the first week some source's crawls have not
    covered completely to the last complete week."""
    from pipelines.crawling import SPIDERS
    from pipelines.resources import SourcesResource
    from pipelines.schedules import first_week_to_crawl
    from warehouse.location import warehouse_path
    from warehouse.publish import published_path
    from warehouse.state import crawl_coverage

    newest = publication_weeks.get_partition_keys(current_time=now)[-1]
    sources = SourcesResource()
    scopes = {spider: sources.coverage_scope(spider) for spider in SPIDERS}
    return first_week_to_crawl(
        crawl_coverage(published_path(warehouse_path()), scopes), newest
    ), newest


def weekly_pipeline():
    """The job the schedule runs, resolved from the code location (a reconstructable target)."""
    from pipelines.definitions import defs

    return defs.resolve_job_def("weekly_pipeline")


@dataclass(frozen=True)
class RunOutcome:
    run_id: str
    success: bool
    failed_steps: tuple[str, ...]
    failed_checks: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.success and not self.failed_steps and not self.failed_checks


def launch(plan: RunPlan, instance, launch_id: str, console_level: str = "CRITICAL") -> RunOutcome:
    """Execute the scheduled job for the plan's weeks in this process, recorded in `instance`."""
    from dagster import execute_job, reconstructable

    from pipelines.schedules import RETAG_ASSETS

    result = execute_job(
        reconstructable(weekly_pipeline),
        instance=instance,
        tags=plan.tags(launch_id),
        run_config=plan.run_config(console_level),
        asset_selection=RETAG_ASSETS if plan.retag else None,
    )
    return outcome_of(instance, result.run_id, result.success)


def outcome_of(instance, run_id: str, success: bool) -> RunOutcome:
    from dagster import DagsterEventType

    failed_steps = tuple(
        record.step_key or "run"
        for record in instance.all_logs(run_id, of_type=DagsterEventType.STEP_FAILURE)
    )
    failed_checks = tuple(
        record.dagster_event.event_specific_data.check_name
        for record in instance.all_logs(run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION)
        if not record.dagster_event.event_specific_data.passed
    )
    return RunOutcome(run_id, success, failed_steps, failed_checks)
