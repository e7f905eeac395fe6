"""``make bench``: the benchmarks of issues 6 and 12 in one table.

Split (from scratch and unchanged), site (ours against the naive and floor
references, built from the same pages in this run), live preview (seed and
corpus), and languages (the corpus site in English and French, then in
English, French and German: time and peak memory ratios). Numbers only:
nothing here passes or fails a build.
``--skip-naive`` leaves out the naive reference build (about 6 minutes, 5 GB of output).
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_languages
import bench_preview
import bench_site
import bench_split
from measure import table


def main(argv: list[str]) -> None:
    """Run every benchmark and print the table."""
    rows = bench_split.rows(bench_split.measure())
    rows += bench_site.rows(bench_site.measure(skip_naive="--skip-naive" in argv))
    rows += bench_preview.rows(bench_preview.measure())
    rows += bench_languages.measure("corpus", bench_languages.DEFAULT_SETS, alone=False)
    print(f"{os.cpu_count()} cores, Python {platform.python_version()}")
    print(table(bench_split.HEADERS, rows))


if __name__ == "__main__":
    main(sys.argv[1:])
