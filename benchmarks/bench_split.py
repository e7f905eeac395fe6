"""Benchmark 1: ``sxs split`` of the whole shared corpus, from scratch and unchanged.

From scratch: a new, empty output folder (so no page and no cache exists).
Unchanged: the same command again on that folder. Each is run ``RUNS`` times
in a new folder; the median is printed.
"""

from __future__ import annotations

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
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory(dir=ROOT / "build", prefix="bench-split-") as out:
            command = [str(VENV_BIN / "sxs"), "split", "--tm", str(CORPUS), "--docs", f"{out}/docs"]
            runs["scratch"].append(timed(command))
            runs["unchanged"].append(timed(command))
    return runs


def rows(runs: dict[str, list[Run]]) -> list[tuple[str, ...]]:
    """Table rows: what, median seconds, peak memory, target, met."""
    result = []
    for kind, measured in runs.items():
        seconds = statistics.median(r.seconds for r in measured)
        peak = max(r.peak_mb for r in measured)
        target = TARGETS[kind]
        result.append((f"split corpus, {kind}", f"{seconds:.2f} s", f"{peak:.0f} MB",
                       f"≤ {target} s", "yes" if seconds <= target else "NO"))
    return result


HEADERS = ("benchmark", "measured", "peak memory", "target", "met")

if __name__ == "__main__":
    print(table(HEADERS, rows(measure())))
