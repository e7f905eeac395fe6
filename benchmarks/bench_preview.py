"""Benchmark 3: live preview, from saving a TM file to the updated page being served.

``mkdocs serve`` runs on a copy of the seed project and on the whole corpus
(a copy of its TM folder, so that the shared corpus is never touched), on
loopback only. Once the site is served, one segment's French text is edited
and the file saved; the script then fetches the French page until it holds the
edit. Every wait is bounded; the server is stopped at the end.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import CORPUS, ENV, ROOT, VENV_BIN, check_corpus, table

sys.path.insert(0, str(ROOT / "tools"))
from sxs.parse import parse  # the project's own parser makes the edit

EDITS = 3
SERVE_FLAGS = ["--dirty", "--no-strict"]  # as `make serve`: a save rebuilds only the pages it changed
TARGETS = {"seed": 2.0, "corpus": 10.0}  # seconds, issue 6
LOGS = ROOT / "build" / "bench" / "preview"  # the servers' output
PROJECT_FILES = ("mkdocs.yml", "sections.yml", "sxs.yml", "overrides", "tm", "docs")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, timeout: float, server: subprocess.Popen, log: Path) -> float:
    """Seconds until ``url`` serves a page holding ``text``; exits on ``timeout`` or if the server stops."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if server.poll() is not None:
            sys.exit(f"mkdocs serve stopped ({server.returncode}):\n{log.read_text()[-3000:]}")
        page = _fetch(url)
        if page is not None and text in page:
            return time.monotonic() - start
        time.sleep(0.05)
    sys.exit(f"{url} did not show {text!r} within {timeout:.0f} s")


def _edit(tm_file: Path, marker: str) -> None:
    """Put ``marker`` in front of the first segment's French text and save the file."""
    text = tm_file.read_bytes().decode("utf-8")
    document, _ = parse(text, str(tm_file))
    first = document.segments[0]
    edited = document.with_targets({first.id: f"{marker} {first.target}"}).serialise()
    tm_file.write_bytes(edited.encode("utf-8"))


def preview(config: Path, tm_file: Path, page: str, env: dict[str, str], startup: float,
            log: Path) -> list[float]:
    """Seconds from each of ``EDITS`` saves of ``tm_file`` to ``page`` showing the edit; output in ``log``."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{page}"
    command = [str(VENV_BIN / "mkdocs"), "serve", *SERVE_FLAGS, "-f", str(config), "-a", f"127.0.0.1:{port}"]
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=config.parent, env={**ENV, **env}, stdout=output,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for(url, "<html", startup, server, log)
        times = []
        for number in range(EDITS):
            marker = f"SXSBENCH{number}{os.getpid()}"
            _edit(tm_file, marker)
            times.append(_wait_for(url, marker, startup, server, log))
        return times
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def measure() -> dict[str, list[float]]:
    """Save-to-page times on the seed and on the corpus."""
    check_corpus()
    LOGS.mkdir(parents=True, exist_ok=True)
    results = {}
    with tempfile.TemporaryDirectory(prefix="sxs-preview-") as work:
        seed = Path(work) / "seed"
        seed.mkdir()
        for name in PROJECT_FILES:
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, seed / name)
        results["seed"] = preview(seed / "mkdocs.yml", seed / "tm/fr-FR/canceling-your-subscription.md",
                                  "fr/canceling-your-subscription/", {}, 120, LOGS / "seed.log")
        corpus = Path(work) / "corpus"
        tm = corpus / CORPUS.parent.name / CORPUS.name  # fr-FR/AlchemyInsights: the folder names a locale
        shutil.copytree(CORPUS, tm)
        (corpus / "docs").mkdir()  # MkDocs wants it before the plugin fills it
        env = {"SXS_TM": str(tm), "SXS_DOCS": str(corpus / "docs"), "SXS_SITE": str(corpus / "site")}
        results["corpus"] = preview(ROOT / "mkdocs.yml", tm / "cancel-a-subscription.md",
                                    "fr/cancel-a-subscription/", env, 900, LOGS / "corpus.log")
    return results


def rows(results: dict[str, list[float]]) -> list[tuple[str, ...]]:
    """Table rows: median save-to-page time per site against its target."""
    result = []
    for site, times in results.items():
        seconds = statistics.median(times)
        result.append((f"preview {site}: save → updated page (median of {len(times)})", f"{seconds:.2f} s",
                       "",
                       f"≤ {TARGETS[site]} s", "yes" if seconds <= TARGETS[site] else "NO"))
    return result


HEADERS = ("benchmark", "measured", "peak memory", "target", "met")

if __name__ == "__main__":
    print(table(HEADERS, rows(measure())))
