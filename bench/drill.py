"""`make drill`: fault drills against throwaway warehouses and a replica of the sources.

    DRILL_SEED=N python bench/drill.py

The pipeline's assets run as launches of the weekly job (bench/launch_selection.py, the job
`alliance-tracker run` launches), one process per step group, so that a drill can kill a chosen
step at a chosen moment by reading its log as it is written (the quiet console of `alliance-tracker
run` gives no such hook). After each fault the warehouse and its published copy must equal an
uninterrupted run's, by content. One line per drill, then `drill: ok` or `drill: failed: <names>`.
DRILL_KEEP=1 keeps the work directory.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from the repo root, like bench.py
    sys.path.insert(0, str(REPO))

from bench.compare import differences, fingerprint_file, table_rows
from bench.corpus import CorpusSpec, late_doj_releases
from bench.faults import CORRUPT_WARC_STEM, Reader, malformed_codebooks, plant_corrupt_warc
from bench.pipeline_cli import STAGE_STEPS, Kill, PipelineCLI
from replica.catalogue import load_catalogue
from replica.server import ReplicaServer
from spiders.doj import replica as doj_replica

TAG_TABLES = ("document_relevance", "document_members", "document_goals")
LATE_FIRST_DAY = date(2017, 1, 9)


class Drill:
    def __init__(self, root: Path, replica: ReplicaServer, weeks: str) -> None:
        self.root, self.replica, self.weeks = root, replica, weeks
        self.failures: list[str] = []
        self.expected = self.expected_published = None

    def cli(self, name: str, extra_env: dict[str, str] | None = None) -> PipelineCLI:
        return PipelineCLI(self.root / name, self.replica.base_urls, self.weeks, extra_env)

    def report(self, name: str, problems: list[str], detail: str) -> None:
        if problems:
            self.failures.append(name)
            print(f"{name}: FAILED: {'; '.join(problems)}", flush=True)
        else:
            print(f"{name}: ok ({detail})", flush=True)

    def same_as_baseline(self, cli: PipelineCLI) -> list[str]:
        found = [f"warehouse {d}" for d in differences(self.expected, fingerprint_file(cli.warehouse))]
        if not cli.published.is_file():
            return [*found, "no published copy"]
        return found + [f"published {d}" for d in differences(self.expected_published,
                                                              fingerprint_file(cli.published))]

    def baseline(self):
        cli = self.cli("baseline")
        started = time.monotonic()
        results = cli.run_all()
        failed = [f"exit code {r.returncode}" for r in results if r.returncode != 0]
        if failed or len(results) != len(cli.commands()):
            tail = results[-1].output.strip().splitlines()[-3:]
            raise RuntimeError(f"the uninterrupted run failed ({failed}): {' | '.join(tail)}")
        self.expected = fingerprint_file(cli.warehouse)
        self.expected_published = fingerprint_file(cli.published)
        documents = table_rows(cli.warehouse, "raw_documents")
        tags = sum(table_rows(cli.warehouse, table) for table in TAG_TABLES)
        self.report("uninterrupted run", [], f"{documents} document versions, {tags} tag rows, "
                    f"{time.monotonic() - started:.0f} s")
        return results

    def kill_and_resume(self, number: int, stage: str, fraction: float, windows: dict[str, float]) -> None:
        step = STAGE_STEPS[stage]
        after = fraction * windows[step]
        cli = self.cli(f"kill-{number}-{stage}")
        killed = cli.run_all(Kill(step, after))
        name = f"kill {number} in {stage}"
        problems = [] if killed[-1].killed_at else ["the run ended before the kill"]
        resumed = cli.run_all()
        problems += [f"re-run exit code {r.returncode}" for r in resumed if r.returncode != 0]
        problems += self.same_as_baseline(cli)
        when = ("before the step's work was done" if killed[-1].kill_before_work_done
                else "after the step's work, during its bookkeeping")
        self.report(name, problems, f"SIGKILL {after:.2f} s into {step} ({when}); re-run equals "
                    "the uninterrupted run")

    def reader_during_run(self, late: list) -> None:
        cli = self.cli("reader")
        first = cli.run_all()
        problems = [f"first run exit code {r.returncode}" for r in first if r.returncode != 0]
        if problems:
            return self.report("reader holds the published copy", problems, "")
        reader = Reader(cli.published)
        before = reader.answers[0]
        done = threading.Event()

        def keep_asking() -> None:
            while not done.is_set():
                reader.ask()
                time.sleep(0.2)

        asker = threading.Thread(target=keep_asking, daemon=True)
        original = self.replica.catalogue
        self.replica.catalogue = original.replace(
            doj_replica.from_releases([*original["doj"].releases, *late]))
        try:
            asker.start()
            second = cli.run_all()
        finally:
            done.set()
            asker.join(timeout=10)
            self.replica.catalogue = original
            reader.stop()
        problems += [f"run exit code {r.returncode} while the reader held the copy" for r in second
                     if r.returncode != 0]
        errors = [a for a in reader.answers if a.startswith("error")]
        problems += [f"reader error: {errors[0]}"] if errors else []
        if any(a != before for a in reader.answers if not a.startswith("error")):
            problems.append("the open copy changed under the reader")
        after = Reader(cli.published)
        now = after.answers[0]
        after.stop()
        if now == before:
            problems.append(f"a new reader still sees the old copy ({now})")
        self.report("reader holds the published copy", problems,
                    f"{len(reader.answers)} queries during the run all saw '{before}'; "
                    f"afterwards a new reader sees '{now}'")

    def corrupt_warc(self) -> None:
        cli = self.cli("corrupt-warc")
        planted = plant_corrupt_warc(cli.workdir / "raw" / "warc")
        results = cli.run_all()
        problems = [f"exit code {r.returncode}" for r in results if r.returncode != 0]
        problems += self.same_as_baseline(cli)
        if not any(CORRUPT_WARC_STEM in r.output for r in results):
            problems.append(f"the run completed without reporting the corrupt {planted.name}")
        self.report("corrupt WARC file", problems, f"{planted.name} reported; the run completed "
                    "and the warehouse is intact")

    def malformed_codebook(self) -> None:
        cli = self.cli("codebook")
        reference, collect, transform = cli.commands()
        problems = []
        if cli.run_command(reference).returncode != 0 or cli.run_command(collect).returncode != 0:
            return self.report("malformed codebook", ["collect failed"], "")
        for kind, path in malformed_codebooks(cli.workdir / "codebooks").items():
            result = cli.run_command(transform, env={**cli.env, "ALLIANCE_CODEBOOK": str(path)})
            named = [line.strip() for line in result.output.splitlines() if str(path) in line]
            if result.returncode == 0:
                problems.append(f"{kind}: the run succeeded")
            if not named:
                problems.append(f"{kind}: no error names {path.name}")
            written = {table: table_rows(cli.warehouse, table) for table in TAG_TABLES}
            if any(written.values()):
                problems.append(f"{kind}: tags written {written}")
        if cli.run_command(transform).returncode != 0:
            problems.append("the run with the shipped codebook failed afterwards")
        else:
            problems += self.same_as_baseline(cli)
        self.report("malformed codebook", problems, "3 malformed codebooks (broken YAML, no version, "
                    "bad regex): each run failed naming the file, no tags written; then the shipped "
                    "codebook completed the run")


def week_range(days: list[date]) -> str:
    from pipelines.partitions import publication_weeks

    last = max(days)
    return f"{publication_weeks.get_first_partition_key()}...{last - timedelta(days=last.weekday())}"


def main() -> int:
    seed = int(os.environ.get("DRILL_SEED") or random.SystemRandom().randrange(1, 10**6))
    rng = random.Random(seed)
    root = Path(tempfile.mkdtemp(prefix="alliance-drill-"))
    catalogue = load_catalogue()
    late = late_doj_releases(CorpusSpec(6, seed=seed), LATE_FIRST_DAY)
    weeks = week_range([r.day for r in [*catalogue["doj"].releases, *late]] + [d.day for d in catalogue["eu"].documents])
    print(f"drill: seed {seed} (DRILL_SEED={seed} repeats these kill points); weeks {weeks}", flush=True)
    try:
        with ReplicaServer(catalogue=catalogue) as replica:
            drill = Drill(root, replica, weeks)
            baseline = drill.baseline()
            windows = {step: log.steps.work_window(step) for log in baseline for step in log.steps.started
                       if step in log.steps.worked}
            stages = ["crawl", "load", "extract", "tag", *rng.sample(sorted(STAGE_STEPS), 2)]
            for number, stage in enumerate(stages, 1):
                drill.kill_and_resume(number, stage, rng.uniform(0.05, 0.7), windows)
            drill.reader_during_run(late)
            drill.corrupt_warc()
            drill.malformed_codebook()
    finally:
        if os.environ.get("DRILL_KEEP") != "1":
            shutil.rmtree(root, ignore_errors=True)
    print("drill: ok" if not drill.failures else f"drill: failed: {', '.join(drill.failures)}")
    return 0 if not drill.failures else 1


if __name__ == "__main__":
    sys.exit(main())
