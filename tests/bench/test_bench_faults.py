"""The drill's planted faults are real faults, and its log reading finds the steps."""

import pytest

from bench.faults import malformed_codebooks, plant_corrupt_warc
from bench.pipeline_cli import StepLog
from pipelines.reference_files import ROSTER_CSV
from pipelines.tagging import CodebookError, Tagger
from raw_archive.warc import read_archived


def test_the_planted_warc_record_cannot_be_read(tmp_path):
    planted = plant_corrupt_warc(tmp_path / "warc")
    offset = int(__import__("json").loads(planted.with_name(planted.name.replace(".warc.gz", ".index.jsonl"))
                                          .read_text())["offset"])
    with pytest.raises(ValueError, match=planted.name):
        read_archived(planted, offset)


def test_each_malformed_codebook_is_refused_by_the_tagger(tmp_path):
    codebooks = malformed_codebooks(tmp_path)
    assert set(codebooks) == {"broken YAML", "no version", "bad regex"}
    for path in codebooks.values():
        with pytest.raises(CodebookError, match=path.name):
            Tagger.from_files(path, ROSTER_CSV)


def line(step, event):
    return (f"2026-11-28 16:23:34 +0000 - dagster - DEBUG - __ASSET_JOB - 5a23 - 13054 - {step} - {event} - "
            f'Started execution of step "{step}".\n')


def test_step_log_times_each_step_from_start_to_its_output():
    log = StepLog()
    assert log.note(line("extracted_texts", "STEP_START"), 1.0) == "extracted_texts"
    assert log.note("2026-11-28 - dagster - INFO - __ASSET_JOB - 5a23 - extracted_texts - extracted 9\n", 2.0) is None
    log.note(line("extracted_texts", "STEP_OUTPUT"), 3.5)
    log.note(line("extracted_texts", "ASSET_MATERIALIZATION"), 4.0)
    log.note(line("extracted_texts", "STEP_SUCCESS"), 9.0)
    assert log.work_window("extracted_texts") == pytest.approx(2.5)
    with pytest.raises(KeyError):
        log.work_window("document_tags")
