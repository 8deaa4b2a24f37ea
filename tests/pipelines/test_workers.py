"""parallel_map keeps input order whether it runs in workers or in this process; freed memory is
handed back."""

import os
import subprocess
import sys

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


def test_freed_page_sized_strings_are_handed_back_to_the_system():
    """glibc keeps freed 60 KB blocks for reuse; without handing them back the extraction process
    stays as large as its largest batch. In a process of its own, to measure only this."""
    script = (
        "import os\n"
        "from pathlib import Path\n"
        "from pipelines.workers import return_freed_memory\n"
        "def rss_mb():\n"
        "    return int(Path('/proc/self/statm').read_text().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20\n"
        "pages = [os.urandom(30_000).hex() for _ in range(3000)]\n"
        "still_used = pages[-1]\n"   # pins the top of the heap, as the next batch's objects do
        "del pages\n"
        "before = rss_mb()\n"
        "return_freed_memory()\n"
        "print(before, rss_mb())\n"
    )
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    before, after = map(float, output.split())
    assert before > 150          # the 180 MB of pages were still held after they were freed
    assert after < before - 100  # and were handed back
