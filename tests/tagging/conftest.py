"""Shared fixtures of the tagging tests: the reference tagger, built once."""

from __future__ import annotations

import pytest

from pipelines.tagging import Tagger


@pytest.fixture(scope="session")
def tagger() -> Tagger:
    return Tagger.from_reference()
