"""Run one function over many items on every core, in forked worker processes.

The split converts thousands of TM files and the status page checks tens of
thousands of segments; each item is independent, and a machine has two or
more cores. :func:`map_on_cores` gives the same list as a comprehension.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
# Fewer items than this per worker: one process is done sooner than starting workers.
MINIMUM = 200

_work: tuple[Callable, Sequence] | None = None  # in a worker: the function and items it was forked with


def map_on_cores(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``[function(item) for item in items]``, shared out among worker processes when worth it.

    Workers are forked: they start at once with the code, ``function`` and
    ``items`` already in memory, so only the results are pickled (a lambda
    will do). Only the main thread forks: a fork copies no other thread, so
    a lock that another thread held (as under ``mkdocs serve``) would stay
    locked in the child; other threads work in their own process.
    """
    workers = min(os.cpu_count() or 1, len(items) // MINIMUM)
    if workers < 2 or threading.current_thread() is not threading.main_thread():
        return [function(item) for item in items]
    size = -(-len(items) // (8 * workers))  # 8 parts per worker: no worker waits long for the last one
    parts = [range(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    with ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=_receive,
                             initargs=(function, items)) as pool:
        return [result for part in pool.map(_run, parts) for result in part]


def in_own_process(function: Callable[[], R]) -> R:
    """``function()``, run in a forked process when only the main thread runs; its result pickled back.

    What the function holds while it runs (a whole translation memory) is
    freed with its process: the caller's memory grows only by the result, and
    a process forked from the caller later starts smaller. An exception is
    raised here as the function raised it. With other threads running (under
    ``mkdocs serve``), the function runs in this process.
    """
    if threading.active_count() > 1:
        return function()
    with ProcessPoolExecutor(1, mp_context=get_context("fork"), initializer=_receive,
                             initargs=(lambda _: function(), [None])) as pool:
        return pool.submit(_run, range(1)).result()[0]


def _receive(function: Callable, items: Sequence) -> None:
    """In a new worker: remember the work it was forked with."""
    global _work
    _work = (function, items)


def _run(indices: range) -> list:
    """In a worker: the function applied to the items at ``indices``."""
    assert _work is not None
    function, items = _work
    return [function(items[index]) for index in indices]
