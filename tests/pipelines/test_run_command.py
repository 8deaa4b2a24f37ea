"""`alliance-tracker run`: the scheduled job over the weeks asked for, recorded in $DAGSTER_HOME."""

import os
import shutil
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipelines.launch import LaunchError, RunPlan, plan_weeks
from spiders.registry import NAMES

ROOT = Path(__file__).resolve().parents[2]
SCHEDULED = ("2026-11-09", "2026-11-23")


def test_weeks_asked_for_are_the_weeks_holding_those_days():
    assert plan_weeks(date(2014, 9, 3), date(2014, 12, 31), SCHEDULED) == (
        "2014-09-01",
        "2014-12-29",
    )


def test_weeks_left_out_are_the_schedules():
    assert plan_weeks(None, None, SCHEDULED) == SCHEDULED
    assert plan_weeks(date(2026, 1, 1), None, SCHEDULED) == ("2025-12-29", "2026-11-23")
    assert plan_weeks(None, date(2014, 12, 29), SCHEDULED) == ("2014-12-29", "2014-12-29")


@pytest.mark.parametrize(
    ("since", "until", "says"),
    [
        (date(2011, 1, 1), None, "before the first publication week"),
        (None, date(2026, 12, 1), "after the last complete publication week"),
        (date(2015, 1, 1), date(2014, 1, 1), "is after --until"),
    ],
)
def test_weeks_outside_what_dagster_knows_are_refused(since, until, says):
    with pytest.raises(LaunchError, match=says):
        plan_weeks(since, until, SCHEDULED)


def test_the_plan_becomes_run_tags_and_resource_config():
    plan = RunPlan(
        "2014-09-01",
        "2014-12-29",
        spiders=("doj",),
        base_urls={"DOJ_BASE_URL": "http://x", "PRESSCORNER_BASE_URL": "http://y"},
    )
    assert plan.weeks == 18
    tags = plan.tags("abc")
    assert tags["dagster/asset_partition_range_start"] == "2014-09-01"
    assert tags["dagster/asset_partition_range_end"] == "2014-12-29"
    config = plan.run_config("CRITICAL")
    assert config["resources"]["sources"]["config"] == {
        "source_settings": {"DOJ_BASE_URL": "http://x", "PRESSCORNER_BASE_URL": "http://y"},
        "spiders": "doj",
    }
    assert config["loggers"]["console"]["config"]["log_level"] == "CRITICAL"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def autumn_2014(tmp_path_factory):
    """One `run --replica` over the autumn of 2014 into a Dagster instance and warehouse of its own."""
    home = tmp_path_factory.mktemp("dagster_home")
    shutil.copy(ROOT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    warehouse = tmp_path_factory.mktemp("warehouse") / "alliance.duckdb"
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "ALLIANCE_WAREHOUSE": str(warehouse),
        "REPLICA_PORT": str(free_port()),
    }
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            "run",
            "--replica",
            "--since",
            "2014-09-01",
            "--until",
            "2014-12-29",
        ],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    return completed, home, warehouse


def test_run_succeeds_quietly_with_a_line_per_stage(autumn_2014):
    completed = autumn_2014[0]
    assert completed.returncode == 0, completed.stdout + completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0].startswith("run: weeks 2014-09-01 to 2014-12-29 (18 weeks)")
    for stage in (
        "crawled_items: doj_items",
        "raw_documents: new_versions",
        "extracted_texts:",
        "document_tags: tagged_now",
        "published_warehouse:",
        "research_report: charts",
    ):
        assert any(line.startswith(stage) for line in lines), stage
    crawled = next(line for line in lines if line.startswith("crawled_items:"))
    assert all(f"{name}_items" in crawled for name in NAMES), crawled  # every registry source
    assert "asset checks: 7 passed, 0 failed" in lines
    assert len(lines) <= 15
    assert "Warning" not in completed.stderr and "DEBUG" not in completed.stdout + completed.stderr


def test_run_crawls_just_those_weeks(autumn_2014):
    with duckdb.connect(str(autumn_2014[2]), read_only=True) as conn:
        windows = set(
            conn.execute(
                "SELECT json_extract_string(arguments, '$.since'), json_extract_string(arguments, '$.until')"
                " FROM crawl_runs"
            ).fetchall()
        )
        published = conn.execute("SELECT min(published), max(published) FROM documents").fetchone()
    assert windows == {("2014-09-01", "2015-01-04")}
    assert date(2014, 9, 1) <= published[0] and published[1] <= date(2015, 1, 4)


def test_run_shows_in_the_instance_the_ui_reads(autumn_2014):
    completed, home, _ = autumn_2014
    from dagster import DagsterInstance, DagsterRunStatus

    with DagsterInstance.from_config(str(home)) as instance:
        (run,) = instance.get_runs()
        assert run.job_name == "weekly_pipeline" and run.status == DagsterRunStatus.SUCCESS
        assert run.tags["dagster/asset_partition_range_start"] == "2014-09-01"
        assert run.tags["dagster/asset_partition_range_end"] == "2014-12-29"
    log_file = home / "logs" / f"{run.run_id}.log"
    assert str(log_file) in completed.stdout
    assert "STEP_SUCCESS" in log_file.read_text()


def test_each_stage_line_gives_the_time_the_step_took(autumn_2014):
    """From the step's own events, not from when the watcher happened to read them."""
    import re

    from dagster import DagsterEventType, DagsterInstance

    completed, home, _ = autumn_2014
    with DagsterInstance.from_config(str(home)) as instance:
        (run,) = instance.get_runs()
        started, took = {}, {}
        for entry in instance.all_logs(run.run_id):
            event = entry.dagster_event
            if event and event.event_type == DagsterEventType.STEP_START:
                started[event.step_key] = entry.timestamp
            elif event and event.event_type == DagsterEventType.STEP_SUCCESS:
                took[event.step_key] = entry.timestamp - started[event.step_key]
    shown = {m["step"]: float(m["seconds"]) for m in re.finditer(
        r"^(?P<step>\w+): .*\((?P<seconds>[\d.]+) s\)$", completed.stdout, re.MULTILINE)}
    assert len(shown) >= 8
    for step, seconds in shown.items():
        assert abs(seconds - took[step]) <= 0.051, (step, seconds, took[step])


def test_an_unknown_source_is_refused_in_one_line(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "run", "--sources", "doj,nowhere"],
        cwd=ROOT,
        env={
            **os.environ,
            "DAGSTER_HOME": str(ROOT / "dagster_home"),
            "ALLIANCE_WAREHOUSE": str(tmp_path / "w.duckdb"),
        },
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 2
    assert completed.stderr.strip().splitlines() == [
        f"alliance-tracker: --sources: unknown source(s) nowhere; known: {', '.join(NAMES)}"
    ]


def test_a_failed_step_or_check_makes_the_outcome_fail():
    from dagster import (
        AssetCheckResult,
        DagsterInstance,
        Definitions,
        asset,
        asset_check,
        define_asset_job,
    )

    from pipelines.launch import outcome_of

    @asset
    def fine():
        return 1

    @asset_check(asset=fine)
    def always_wrong():
        return AssetCheckResult(passed=False)

    @asset
    def broken():
        raise ValueError("no")

    defs = Definitions(assets=[fine, broken], asset_checks=[always_wrong],
                       jobs=[define_asset_job("both")])
    with DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("both").execute_in_process(instance=instance, raise_on_error=False)
        outcome = outcome_of(instance, result.run_id, result.success)
    assert not outcome.ok
    assert outcome.failed_steps == ("broken",)
    assert outcome.failed_checks == ("always_wrong",)
