"""The reference tagger is built once per process, and again in a process forked after its files
changed; the codebook's version is read without building the whole tagger."""

import json
import os

import pytest
import yaml

from pipelines import reference_tagger as module
from pipelines.reference_files import REFERENCE_DIR
from pipelines.reference_tagger import (
    forget_reference_tagger,
    reference_codebook_version,
    reference_tagger,
)


@pytest.fixture
def draft(tmp_path, monkeypatch):
    """A draft codebook (the shipped one under another version) that the test can rewrite."""
    path = tmp_path / "codebook.yaml"

    def write(version, stamp):
        codebook = yaml.safe_load((REFERENCE_DIR / "codebook.yaml").read_text(encoding="utf-8"))
        codebook["version"] = version
        path.write_text(json.dumps(codebook), encoding="utf-8")
        os.utime(path, ns=(stamp, stamp))

    write("draft-1", 1_000_000_000_000_000_000)
    monkeypatch.setenv("ALLIANCE_CODEBOOK", str(path))
    forget_reference_tagger()
    yield write
    forget_reference_tagger()


def test_one_process_builds_the_tagger_once(draft):
    first = reference_tagger()
    assert first.codebook_version == "draft-1"
    assert reference_tagger() is first


def test_a_process_forked_after_the_codebook_changed_builds_from_the_new_one(draft, monkeypatch):
    built = reference_tagger()
    draft("draft-2", 1_000_000_005_000_000_000)
    assert reference_tagger() is built                  # this process read its files once
    pid = os.getpid()
    monkeypatch.setattr(module.os, "getpid", lambda: pid + 1)   # a worker forked from this process
    assert reference_tagger().codebook_version == "draft-2"
    assert reference_codebook_version() == "draft-2"


def test_a_process_forked_with_the_files_unchanged_keeps_the_tagger_it_inherited(draft, monkeypatch):
    built = reference_tagger()
    pid = os.getpid()
    monkeypatch.setattr(module.os, "getpid", lambda: pid + 1)
    assert reference_tagger() is built


def test_the_codebook_version_is_read_without_building_the_tagger(draft):
    assert reference_codebook_version() == "draft-1"
    assert module._built is None
    reference_tagger()
    assert reference_codebook_version() == "draft-1"


def test_a_process_reads_the_codebook_once_for_the_version_and_the_tagger(draft, monkeypatch):
    from pipelines.tagging.codebook import Codebook

    reads = []
    read = Codebook.from_yaml.__func__
    monkeypatch.setattr(Codebook, "from_yaml", classmethod(lambda cls, path: reads.append(path) or read(cls, path)))
    assert reference_codebook_version() == "draft-1"
    assert reference_tagger().codebook_version == "draft-1"
    assert len(reads) == 1


def test_a_malformed_codebook_is_refused_by_name_before_anything_is_tagged(draft, tmp_path):
    from pipelines.tagging.models import CodebookError

    (tmp_path / "codebook.yaml").write_text("version: [unclosed", encoding="utf-8")
    forget_reference_tagger()
    with pytest.raises(CodebookError, match="codebook.yaml"):
        reference_codebook_version()
