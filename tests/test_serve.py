"""``mkdocs serve``: saving a TM file updates the served page, with one rebuild.

No sleeps: the test waits for conditions (a page served, a log line), and shows that
no rebuild loop can start: the rebuild after a save writes nothing into docs/, so MkDocs'
watcher has nothing to rebuild for, and a later change is the next (and only) build.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers import ARTICLE_TM, fetch, free_port, wait_for

pytestmark = pytest.mark.build

def docs_state(docs) -> dict[str, int]:
    """Modification time of every file under ``docs``."""
    return {p.relative_to(docs).as_posix(): p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}


def test_saving_a_tm_file_updates_the_preview_without_rebuild_loop(project_copy, tmp_path):
    port = free_port()
    log_path = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project_copy, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/fr/canceling-your-subscription/"
    try:
        assert wait_for(lambda: "Nous sommes navrés" in fetch(url), 60), log_path.read_text()
        assert wait_for(lambda: "Serving on" in log_path.read_text(), 30), log_path.read_text()
        builds_before = log_path.read_text().count("Building documentation")
        tm = project_copy / ARTICLE_TM
        tm.write_bytes(tm.read_bytes().replace("Nous sommes navrés".encode(), b"Nous serons tristes"))
        assert wait_for(lambda: "Nous serons tristes" in fetch(url), 60), log_path.read_text()
        docs = project_copy / "docs"
        after_save = docs_state(docs)
        # A hand-written page: its build is the next one, and must find docs/ as the save left it.
        (docs / "sentinel.en.md").write_text("# Sentinel\n", "utf-8")
        sentinel = f"http://127.0.0.1:{port}/sentinel/"
        assert wait_for(lambda: "Sentinel" in fetch(sentinel), 60), log_path.read_text()
        log = log_path.read_text()
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "Nous serons tristes" in (project_copy / "docs/canceling-your-subscription.fr.md").read_text()
    assert log.count("Building documentation") - builds_before == 2, log  # the save's, the sentinel's
    assert {name: time for name, time in docs_state(docs).items() if name != "sentinel.en.md"} == after_save
