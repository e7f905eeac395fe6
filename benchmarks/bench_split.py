"""Benchmark 1: ``sxs split`` of the whole shared corpus, from scratch and unchanged.

From scratch: a new, empty output folder (so no page and no cache exists).
Unchanged: the same command again on that folder. Each is run ``RUNS`` times,
each time in a new folder; the median is printed. Before each run the disk's
pending writes are flushed (``sync``), so no run pays for the previous one's.

Nothing is deleted before or between the runs (``measure.work_folder``).
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import CORPUS, VENV_BIN, Run, check_corpus, table, timed, work_folder

RUNS = 3
TARGETS = {"scratch": 1.5, "unchanged": 0.5}  # seconds, issue 6


def measure() -> dict[str, list[Run]]:
    """Split timings: {"scratch": runs, "unchanged": runs}."""
    check_corpus()
    runs: dict[str, list[Run]] = {"scratch": [], "unchanged": []}
    folder = work_folder("split")
    for number in range(RUNS):
        for kind in ("scratch", "unchanged"):
            runs[kind].append(_split(folder / str(number) / "docs"))
    return runs


def _split(docs: Path) -> Run:
    os.sync()
    return timed([str(VENV_BIN / "sxs"), "split", "--tm", str(CORPUS), "--docs", str(docs)])


def rows(runs: dict[str, list[Run]]) -> list[tuple[str, ...]]:
    """Table rows: what, median seconds, peak memory, target, met."""
    result = []
    for kind, measured in runs.items():
        seconds = statistics.median(r.seconds for r in measured)
        kernel = statistics.median(r.system_seconds for r in measured)
        peak = max(r.peak_mb for r in measured)
        target = TARGETS[kind]
        result.append((f"split corpus, {kind} (kernel time {kernel:.2f} s)", f"{seconds:.2f} s",
                       f"{peak:.0f} MB", f"≤ {target} s", "yes" if seconds <= target else "NO"))
    return result


HEADERS = ("benchmark", "measured", "peak memory", "target", "met")

if __name__ == "__main__":
    print(table(HEADERS, rows(measure())))
