"""Benchmark 1: ``sxs split`` of the whole shared corpus, from scratch and unchanged.

From scratch: a new, empty output folder (so no page and no cache exists).
Unchanged: the same command again on that folder. Each is run ``RUNS`` times,
each time in a new folder; the median is printed.

The run folders are removed only after the last run: on ext4, creating
thousands of files just after thousands were deleted nearby costs seconds of
kernel time (inode allocation skips recently freed inodes), which would
measure the benchmark's own clean-up rather than the split. Before each run
the disk's pending writes are flushed (``sync``), so no run pays for the
previous one's write-back.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import CORPUS, ROOT, VENV_BIN, Run, check_corpus, table, timed

RUNS = 3
TARGETS = {"scratch": 1.5, "unchanged": 0.5}  # seconds, issue 6


def measure() -> dict[str, list[Run]]:
    """Split timings: {"scratch": runs, "unchanged": runs}."""
    check_corpus()
    runs: dict[str, list[Run]] = {"scratch": [], "unchanged": []}
    (ROOT / "build").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=ROOT / "build", prefix="bench-split-") as folder:
        for number in range(RUNS):
            docs = f"{folder}/{number}/docs"
            command = [str(VENV_BIN / "sxs"), "split", "--tm", str(CORPUS), "--docs", docs]
            for kind in ("scratch", "unchanged"):
                os.sync()
                runs[kind].append(timed(command))
    return runs


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
