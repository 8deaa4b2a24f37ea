"""What `alliance-tracker run` shows while its run executes: one line per stage with its counts, a
progress bar for the crawl and for each stage's weeks. It reads the run's event log (the same one the
UI reads) from a thread beside the run, so the assets know nothing about the terminal."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from spiders.registry import SOURCES

POLL_SECONDS = 0.3

# The counts a stage's line shows, from its materialization's metadata (the UI shows all of them).
STAGE_COUNTS = {
    "alliance_reference": ("members", "goals"),
    "crawled_items": tuple(f"{source.name}_{count}" for source in SOURCES
                           for count in ("items", "requests")),
    "raw_documents": (
        "new_versions",
        "rejected_items",
        "documents",
        "warc_responses_verified",
        "warc_responses_failed",
    ),
    "extracted_texts": ("extracted_now", "without_text_now", "undated_total"),
    "near_duplicate_links": ("linked_now", "linked_total"),
    "document_tags": ("tagged_now", "member_tags_now", "goal_tags_now", "events_now"),
    "researcher_views": ("documents", "relevant_documents"),
    "published_warehouse": ("bytes",),
    "research_report": ("charts",),
}


def weekly_stages() -> tuple[str, ...]:
    """The stages partitioned by week: each materializes once per week of the run; the others once."""
    from pipelines.assets import ALL_ASSETS

    return tuple(a.key.path[-1] for a in ALL_ASSETS if a.partitions_def is not None)


def stage_line(step: str, metadata: dict, seconds: float) -> str:
    """`step: name value, name value (12.3 s)`: the numbers that say what the stage did."""
    counts = ", ".join(
        f"{name} {metadata[name]}" for name in STAGE_COUNTS.get(step, ()) if name in metadata
    )
    return f"{step}: {counts or 'done'} ({seconds:.1f} s)"


def check_line(passed: int, failed: list[str]) -> str:
    line = f"asset checks: {passed} passed, {len(failed)} failed"
    return line + (f" ({', '.join(failed)})" if failed else "")


def crawled_so_far(crawls_dir: Path, since: float) -> int:
    """Items written so far by crawls started after `since` (their files fill while they run)."""
    count = 0
    for path in crawls_dir.glob("*/*.jsonl*"):
        if path.stat().st_mtime >= since:
            with path.open("rb") as handle:
                count += sum(1 for _ in handle)
    return count


def _metadata_values(materialization) -> dict:
    return {
        name: getattr(value, "value", value) for name, value in materialization.metadata.items()
    }


@dataclass
class _Step:
    started: float
    task: int
    metadata: dict = field(default_factory=dict)


class RunWatcher:
    """Follows one run (found by its launch tag) until it ends or `stop()` is called."""

    def __init__(
        self, instance, launch_tag: tuple[str, str], weeks: int, crawls_dir: Path, console: Console
    ):
        self.instance, self.launch_tag, self.weeks = instance, launch_tag, weeks
        self.crawls_dir, self.console = crawls_dir, console
        self.checks_passed, self.checks_failed = 0, []
        self.weekly_stages = weekly_stages()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._follow, name="run-watcher", daemon=True)
        self._started = time.time()

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run_id(self) -> str | None:
        from dagster import RunsFilter

        records = self.instance.get_run_records(
            filters=RunsFilter(tags={self.launch_tag[0]: self.launch_tag[1]}), limit=1
        )
        return records[0].dagster_run.run_id if records else None

    def _follow(self) -> None:
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=self.console, transient=True) as progress:
            run_id, cursor, steps = None, None, {}
            crawl_task = None
            while True:
                stopping = self._stop.is_set()
                run_id = run_id or self._run_id()
                if run_id:
                    connection = self.instance.get_records_for_run(run_id, cursor=cursor)
                    cursor = connection.cursor
                    for record in connection.records:
                        self._on_event(record.event_log_entry, progress, steps)
                    if "crawled_items" in steps and crawl_task is None:
                        crawl_task = progress.add_task("crawl: documents", total=None)
                    if crawl_task is not None and "crawled_items" in steps:
                        progress.update(
                            crawl_task, completed=crawled_so_far(self.crawls_dir, self._started)
                        )
                        if steps["crawled_items"] is None:
                            progress.remove_task(crawl_task)
                            steps.pop("crawled_items")
                            crawl_task = -1
                if stopping:
                    return
                self._stop.wait(POLL_SECONDS)

    def _on_event(self, entry, progress: Progress, steps: dict) -> None:
        from dagster import DagsterEventType

        event = entry.dagster_event
        if event is None:
            return
        step = event.step_key
        kind = event.event_type
        if kind == DagsterEventType.STEP_START:
            total = self.weeks if step in self.weekly_stages else 1
            # the event's own time: events are read in batches, so the time they are read at is late
            steps[step] = _Step(entry.timestamp, progress.add_task(step, total=total))
        elif kind == DagsterEventType.ASSET_MATERIALIZATION and steps.get(step):
            current = steps[step]
            progress.advance(current.task)
            if not current.metadata:
                current.metadata = _metadata_values(event.event_specific_data.materialization)
        elif kind == DagsterEventType.ASSET_CHECK_EVALUATION:
            evaluation = event.event_specific_data
            if evaluation.passed:
                self.checks_passed += 1
            else:
                self.checks_failed.append(evaluation.check_name)
        elif kind in (DagsterEventType.STEP_SUCCESS, DagsterEventType.STEP_FAILURE) and steps.get(
            step
        ):
            current = steps[step]
            progress.remove_task(current.task)
            seconds = entry.timestamp - current.started
            if kind == DagsterEventType.STEP_FAILURE:
                error = event.event_specific_data.error
                message = error.message.strip().splitlines()[-1] if error else "failed"
                self.console.print(f"{step}: FAILED: {message} ({seconds:.1f} s)", soft_wrap=True)
            elif step in STAGE_COUNTS:  # checks run as steps of their own: counted, not listed
                self.console.print(stage_line(step, current.metadata, seconds), soft_wrap=True)
            steps[step] = None
