"""Shared helpers of the benchmark scripts: timed runs, sizes and tables.

Every command runs under ``/usr/bin/time -v`` so that its wall time and the
peak resident memory of the largest process it started are measured by the
kernel, not estimated. Before each, what earlier commands wrote is flushed to
the disk (``sync``, not timed): a run does not pay for the write-back of the
run before it. Nothing here asserts a time: the scripts only print.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
CORPUS = Path(os.environ.get("CORPUS", ROOT.parent / "shared" / "corpus" / "fr-FR" / "AlchemyInsights"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class Run:
    """One measured command: wall seconds, peak resident memory in MB, CPU seconds in the kernel."""

    seconds: float
    peak_mb: float
    system_seconds: float


def timed(command: list[str], *, env: dict[str, str] | None = None, cwd: Path = ROOT,
          log: Path | None = None) -> Run:
    """Run ``command`` to completion under ``/usr/bin/time -v``; fail loudly if it fails."""
    os.sync()  # the earlier runs' output is on the disk before this one starts
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        out = log.open("w") if log else subprocess.DEVNULL
        try:
            done = subprocess.run(["/usr/bin/time", "-v", "-o", report.name, *command], cwd=cwd,
                                  env={**ENV, **(env or {})}, stdout=out, stderr=subprocess.STDOUT)
        finally:
            if log:
                out.close()
        text = report.read()
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}" + (f"; see {log}" if log else ""))
    return Run(_field(text, r"Elapsed \(wall clock\) time.*: (.+)", _clock),
               _field(text, r"Maximum resident set size \(kbytes\): (\d+)", lambda v: int(v) / 1024),
               _field(text, r"System time \(seconds\): ([\d.]+)", float))


def _field(text: str, pattern: str, convert):
    match = re.search(pattern, text)
    if match is None:
        sys.exit(f"/usr/bin/time gave no {pattern!r}:\n{text}")
    return convert(match.group(1))


def _clock(value: str) -> float:
    """Seconds from /usr/bin/time's ``h:mm:ss`` or ``m:ss.ss``."""
    seconds = 0.0
    for part in value.strip().split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def work_folder(name: str) -> Path:
    """``build/bench/<name>``, new and empty; what an earlier run left there is deleted at exit.

    On this machine's disk (ext4 without a journal), creating a file costs up to
    fifteen times more, in kernel time, near thousands of files deleted in the
    last minutes: inode allocation skips each recently freed inode (5,900 empty
    files: 0.26 s, or 4.2 s just after a deletion). So no benchmark deletes
    anything before it measures: the earlier run's folder is only renamed, and
    removed when the benchmark ends.
    """
    folder = ROOT / "build" / "bench" / name
    if folder.exists():
        old = folder.with_name(f".{name}-old-{os.getpid()}")
        folder.rename(old)
        atexit.register(shutil.rmtree, old, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def size_mb(folder: Path) -> float:
    """The total size of the files under ``folder`` in MB (10^6 bytes)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """A Markdown table (it reads as plain text too)."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lines = [headers, tuple("-" * w for w in widths), *rows]
    return "\n".join("| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |"
                     for line in lines)


def check_corpus() -> None:
    """Stop with a clear message when the shared corpus is missing."""
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found at {CORPUS}; set CORPUS=path/to/fr-FR/AlchemyInsights")
