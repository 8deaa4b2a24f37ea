"""Spread a pure function over the machine's cores when there is enough work to pay for the processes."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def worker_count() -> int:
    configured = os.environ.get("ALLIANCE_WORKERS")
    return max(1, int(configured)) if configured else max(1, os.cpu_count() or 1)


@contextmanager
def parallel_map(workers: int | None = None) -> Iterator[Callable[[Callable[[T], R], Iterable[T]], list[R]]]:
    """Yield a map(func, items) that keeps input order; with one worker it runs in this process."""
    count = worker_count() if workers is None else workers
    if count <= 1:
        yield lambda func, items: [func(item) for item in items]
        return
    # forkserver: workers start clean, without the threads of the Dagster process that called us.
    with ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("forkserver")) as pool:
        yield lambda func, items: list(pool.map(func, items, chunksize=8))
