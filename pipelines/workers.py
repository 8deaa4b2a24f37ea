"""Spread a pure function over the machine's cores when there is enough work to pay for the processes."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items per call, starting worker processes costs more than it saves.
MIN_ITEMS_FOR_WORKERS = 64


def worker_count() -> int:
    configured = os.environ.get("ALLIANCE_WORKERS")
    return max(1, int(configured)) if configured else max(1, os.cpu_count() or 1)


@contextmanager
def parallel_map(workers: int | None = None) -> Iterator[Callable[[Callable[[T], R], Sequence[T]], list[R]]]:
    """Yield a map(func, items) that keeps input order. Workers start on the first call large enough
    to need them; with one worker, or small calls, it runs in this process."""
    count = worker_count() if workers is None else workers
    pool: ProcessPoolExecutor | None = None

    def map_items(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
        nonlocal pool
        if count <= 1 or len(items) < MIN_ITEMS_FOR_WORKERS:
            return [func(item) for item in items]
        if pool is None:
            # forkserver: workers start clean, without the threads of the Dagster process that called us.
            pool = ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("forkserver"))
        return list(pool.map(func, items, chunksize=max(1, len(items) // (count * 4))))

    try:
        yield map_items
    finally:
        if pool is not None:
            pool.shutdown()
