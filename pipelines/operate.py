"""The shell of `alliance-tracker run` and `demo`: start the replica if asked, launch the run into
$DAGSTER_HOME with a quiet console, show progress, write the run's debug lines to a log file."""

from __future__ import annotations

import os
import time
import uuid
from contextlib import ExitStack
from datetime import date
from pathlib import Path

from rich.console import Console

from pipelines.launch import LAUNCH_TAG, LaunchError, RunOutcome, RunPlan, launch, plan_weeks
from pipelines.partitions import publication_weeks


def replica_weeks(scheduled: tuple[str, str]) -> tuple[str, str]:
    """Against the replica, the schedule's weeks end at the replica's newest document: later weeks
    hold nothing, and each costs Dagster a materialization per asset."""
    from pipelines.partitions import week_of
    from replica.catalogue import load_catalogue

    first, newest = scheduled
    last = min(newest, week_of(load_catalogue().newest_day()))
    return min(first, last), last


def one_planned_event_per_asset() -> None:
    """A run over a range of weeks logs, before it starts, that it plans to materialize each asset in
    each week: 9 x 238 events for the demo's weeks, each its own SQLite transaction (about 13 ms),
    28 s of a two-minute demo. Dagster can log one event per asset carrying the range instead
    (its storage's `supports_partition_subset_in_asset_materialization_planned_events`); what that
    costs is that a failed run leaves its weeks shown as missing rather than failed in the UI. The
    materializations themselves stay one per week, so partition status after success is the same."""
    os.environ.setdefault("DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS", "true")


def dagster_home() -> Path:
    home = Path(os.environ.get("DAGSTER_HOME") or "dagster_home").absolute()
    if not (home / "dagster.yaml").is_file():
        raise LaunchError(
            f"no Dagster instance config at {home / 'dagster.yaml'} "
            "(run from the project root or set DAGSTER_HOME)"
        )
    os.environ["DAGSTER_HOME"] = str(home)
    return home


def write_debug_log(instance, run_id: str, path: Path) -> Path:
    """Every event of the run, one line each, as Dagster's console logger would print them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for entry in instance.all_logs(run_id):
            stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(entry.timestamp))
            kind = entry.dagster_event.event_type_value if entry.dagster_event else "LOG"
            level = entry.level if isinstance(entry.level, str) else _level_name(entry.level)
            message = (entry.message or entry.user_message or "").replace("\n", " ")
            out.write(f"{stamp} {level} {entry.step_key or '-'} {kind} {message}\n")
    return path


def _level_name(level: int) -> str:
    import logging

    return logging.getLevelName(level)


def run_pipeline(
    *,
    since: date | None,
    until: date | None,
    sources: str,
    replica: bool,
    retag: bool,
    verbose: bool,
    warehouse: Path,
    port: int,
    echo,
) -> RunOutcome:
    """Plan, launch and report one run; raises LaunchError (or DemoError) with a one-line reason."""
    from dagster import DagsterInstance

    from pipelines.demo import replica_server
    from pipelines.launch import scheduled_weeks
    from pipelines.progress import RunWatcher
    from pipelines.resources import SourcesResource
    from pipelines.source_settings import replica_base_urls
    from pipelines.tagging import Tagger

    home = dagster_home()
    one_planned_event_per_asset()
    try:
        spiders = SourcesResource(spiders=sources).selected_spiders()
    except ValueError as error:
        raise LaunchError(f"--sources: {error}") from None
    scheduled = scheduled_weeks()
    if replica:
        scheduled = replica_weeks(scheduled)
    if retag:  # a new codebook concerns every week, as the schedule's re-tagging run
        scheduled = (publication_weeks.get_first_partition_key(), scheduled[1])
    first, last = plan_weeks(since, until, scheduled)
    console = Console(highlight=False, markup=False)
    with ExitStack() as stack:
        base_urls = {}
        if replica:
            # Politeness stays on against the replica: the demo exercises what a live run does.
            root = stack.enter_context(replica_server(port))
            base_urls = replica_base_urls(root)
        plan = RunPlan(
            first,
            last,
            retag=retag,
            spiders=spiders if sources else (),
            codebook_version=Tagger.from_reference().codebook_version if retag else None,
            base_urls=base_urls,
        )
        where = f"the replica at {root}" if replica else "the live sites"
        what = "re-tag" if retag else ", ".join(spiders)
        echo(
            f"run: weeks {first} to {last} ({plan.weeks} weeks), {what}, from {where}; "
            f"warehouse {warehouse}"
        )
        launch_id = uuid.uuid4().hex
        instance = stack.enter_context(DagsterInstance.get())
        started = time.time()
        watcher = RunWatcher(
            instance,
            (LAUNCH_TAG, launch_id),
            plan.weeks,
            warehouse.parent / "raw" / "crawls",
            console,
        )
        with watcher:
            outcome = launch(
                plan, instance, launch_id, console_level="INFO" if verbose else "CRITICAL"
            )
        log_file = write_debug_log(
            instance, outcome.run_id, home / "logs" / f"{outcome.run_id}.log"
        )
    from pipelines.progress import check_line

    echo(check_line(watcher.checks_passed, watcher.checks_failed))
    verdict = "succeeded" if outcome.ok else "FAILED"
    echo(
        f"run {outcome.run_id[:8]} {verdict} in {time.time() - started:.0f} s; "
        f"in the UI (make ui) under weekly_pipeline; debug log {log_file}"
    )
    return outcome
