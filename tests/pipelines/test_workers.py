"""parallel_map keeps input order whether it runs in workers or in this process, and starts workers
only for calls large enough to pay for them. (Handing freed memory back shows in make bench's
peak_rss figures: no test reads a memory counter.)"""

import os

from pipelines.workers import MIN_ITEMS_FOR_WORKERS, parallel_map


def pid_and_square(number: int) -> tuple[int, int]:
    return os.getpid(), number * number


def test_large_calls_run_in_worker_processes_and_keep_order():
    items = list(range(MIN_ITEMS_FOR_WORKERS * 2))
    with parallel_map(2) as map_items:
        results = map_items(pid_and_square, items)
    assert [square for _, square in results] == [n * n for n in items]
    assert os.getpid() not in {pid for pid, _ in results}


def test_small_calls_and_single_worker_stay_in_process():
    with parallel_map(2) as map_items:
        small = map_items(pid_and_square, [1, 2, 3])
    with parallel_map(1) as map_items:
        single = map_items(pid_and_square, list(range(MIN_ITEMS_FOR_WORKERS * 2)))
    assert {pid for pid, _ in small + single} == {os.getpid()}
    assert [s for _, s in small] == [1, 4, 9]


def test_pipelined_batches_come_back_whole_and_in_order():
    batches = [list(range(i * 100, i * 100 + 100)) for i in range(4)] + [[7, 8]]
    with parallel_map(2) as mapper:
        seen = list(mapper.pipelined(pid_and_square, batches))
    assert [batch for batch, _ in seen] == batches
    assert [[square for _, square in results] for _, results in seen] == [[n * n for n in b] for b in batches]


def test_a_stage_threshold_starts_workers_only_for_a_large_first_call_then_keeps_them():
    with parallel_map(2, min_items=300) as mapper:
        below = mapper(pid_and_square, list(range(299)))
        large = mapper(pid_and_square, list(range(300)))
        after = mapper(pid_and_square, [5, 6])
    assert {pid for pid, _ in below} == {os.getpid()}
    assert os.getpid() not in {pid for pid, _ in large + after}
    assert [square for _, square in after] == [25, 36]


def what_the_worker_had_before_its_first_item(_: int) -> tuple[bool, int]:
    import sys

    from pipelines.language import _classify

    return "pipelines.processing" in sys.modules, _classify.cache_info().currsize


def test_workers_start_with_the_stages_modules_and_the_language_model_loaded():
    """They are forked from a process that loaded them once, instead of each loading them again."""
    with parallel_map(2, min_items=1) as mapper:
        seen = set(mapper(what_the_worker_had_before_its_first_item, [1, 2]))
    assert seen == {(True, 1)}


def test_the_workers_server_starts_early_only_for_a_stage_that_will_need_workers():
    """In a fresh process: whether prepare_workers started the fork server, below and at the threshold."""
    import subprocess
    import sys

    probe = (
        "import multiprocessing.forkserver as f\n"
        "from pipelines.processing import EXTRACTION_MIN_ITEMS_FOR_WORKERS as n, prepare_workers\n"
        "prepare_workers(n - 1); print(f._forkserver._forkserver_pid is not None)\n"
        "prepare_workers(n); print(f._forkserver._forkserver_pid is not None)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                            env={**os.environ, "ALLIANCE_WORKERS": "2"}, timeout=120)
    assert result.stdout.split() == ["False", "True"]
