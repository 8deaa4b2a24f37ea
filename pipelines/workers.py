"""Spread a pure function over the machine's cores when there is enough work to pay for the processes."""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import multiprocessing.forkserver
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

# Imported once by the process the workers are forked from, instead of by each worker: what the
# project's stages run in workers, with the language model loaded (about 1.3 s of CPU a worker).
WORKER_PRELOAD = "pipelines.worker_preload"

# Below this many items per call, starting worker processes costs more than it saves (for work of a
# few milliseconds an item; a stage whose workers load more first sets its own, see parallel_map).
MIN_ITEMS_FOR_WORKERS = 64


def _libc_malloc_trim():
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None


_MALLOC_TRIM = _libc_malloc_trim()


def return_freed_memory() -> None:
    """Hand memory this process has freed back to the system (glibc only; elsewhere nothing).

    Page-sized strings (tens of KB) come from malloc's heaps, which keep freed space for reuse instead
    of returning it: after many batches the process looks as large as its worst moment."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def _worker_context() -> multiprocessing.context.BaseContext:
    # forkserver: workers start clean, without the threads of the Dagster process that called us.
    context = multiprocessing.get_context("forkserver")
    # Read when the fork server starts (once a process); '__main__' is the default preload.
    context.set_forkserver_preload(["__main__", WORKER_PRELOAD])
    return context


def start_worker_server() -> None:
    """Start the fork server the workers come from now rather than when a stage first needs workers:
    it loads what they need (about 2 s of CPU) while this process goes on with other work."""
    _worker_context()
    multiprocessing.forkserver.ensure_running()


def worker_count() -> int:
    configured = os.environ.get("ALLIANCE_WORKERS")
    return max(1, int(configured)) if configured else max(1, os.cpu_count() or 1)


class Mapper:
    """map(func, items) in input order, in worker processes once a call is large enough to need them."""

    def __init__(self, workers: int, min_items: int = MIN_ITEMS_FOR_WORKERS) -> None:
        self.workers = workers
        self.min_items = min_items
        self._pool: ProcessPoolExecutor | None = None

    def _uses_workers(self, items: Sequence[Any]) -> bool:
        # Once started, the workers take every later call, however small: they are paid for.
        return self.workers > 1 and (self._pool is not None or len(items) >= self.min_items)

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_worker_context())
        return self._pool

    def later(self, func: Callable[[Any], Any], items: Sequence[Any]) -> Callable[[], list]:
        """Start the work now; the returned call waits for the results. Lets this process write one
        batch while the workers compute the next."""
        if not self._uses_workers(items):
            return lambda: [func(item) for item in items]
        chunksize = max(1, len(items) // (self.workers * 4))
        results = self._ensure_pool().map(func, items, chunksize=chunksize)  # submitted at once
        return lambda: list(results)

    def pipelined(self, func: Callable[[Any], Any], batches: Iterable[Sequence[Any]]) -> Iterator[tuple[Sequence[Any], list]]:
        """(batch, results) in order, the next batch already being computed while the caller handles
        (writes) the one it was given."""
        waiting = None
        for batch in batches:
            started = (batch, self.later(func, batch))
            if waiting is not None:
                yield waiting[0], waiting[1]()
            waiting = started
        if waiting is not None:
            yield waiting[0], waiting[1]()

    def __call__(self, func: Callable[[Any], Any], items: Sequence[Any]) -> list:
        return self.later(func, items)()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


@contextmanager
def parallel_map(workers: int | None = None, min_items: int = MIN_ITEMS_FOR_WORKERS) -> Iterator[Mapper]:
    """A Mapper over `workers` processes (default: every core), started only by a call of at least
    `min_items` items."""
    mapper = Mapper(worker_count() if workers is None else workers, min_items)
    try:
        yield mapper
    finally:
        mapper.close()
