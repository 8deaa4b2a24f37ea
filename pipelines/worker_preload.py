"""Imported by the fork server that starts the stages' worker processes, so that every worker begins
with the stages' modules imported, the language model loaded and the reference tagger built, instead
of paying for them itself (a worker whose reference files changed since builds its own:
pipelines/reference_tagger.py).

Nothing here may fail the fork server: a failure is left for the worker to meet (and report) when it
does the same work itself."""

from __future__ import annotations

import contextlib
import gc

with contextlib.suppress(Exception):
    import pipelines.processing  # noqa: F401  (the stages' worker functions and their imports)
    from pipelines.language import warm_up as _warm_up_language
    from pipelines.reference_tagger import reference_tagger as _reference_tagger

    _warm_up_language()
    _reference_tagger()

# What was loaded above lives as long as the workers: keeping it out of the collector's generations
# spares every worker's collections a walk over it.
gc.freeze()
