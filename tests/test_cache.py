"""The split's content-hash cache: reused work never changes what is written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib import metadata

import pytest
import sxs.cache
import sxs.load
from bs4 import BeautifulSoup
from helpers import files_of, segment, tm_file
from sxs.cache import SplitCache
from sxs.split import split

H1 = '# <a name="t"></a>'


def article(title_en: str, title_fr: str) -> str:
    return tm_file(H1 + segment("abcde-102", title_fr, title_en) + "\n\n"
                   + segment("abcde-103", "Une phrase.", "A sentence.") + "\n", title=title_fr)


@pytest.fixture
def project(tmp_path):
    tm = tmp_path / "tm" / "fr-FR"
    tm.mkdir(parents=True)
    (tm / "a.md").write_text(article("Ant", "Fourmi"), "utf-8")
    (tm / "b.md").write_text(article("Bee", "Abeille"), "utf-8")
    return tmp_path / "tm", tmp_path / "docs"


def no_conversion(monkeypatch):
    """Make any parse of a TM file fail the test: what follows must come from the cache."""
    def fail(*args):
        raise AssertionError("a TM file was converted again")
    monkeypatch.setattr(sxs.load, "convert_file", fail)


def test_unchanged_run_replays_the_report_and_writes_nothing(project, monkeypatch):
    tm, docs = project
    first = split(tm, docs)
    written = files_of(docs)
    assert (docs.parent / ".sxs-cache" / "docs.pickle").is_file()  # beside docs/, not inside
    no_conversion(monkeypatch)
    again = split(tm, docs)
    assert again.written == [] and again.removed == []
    assert [a.tm_path for a in again.articles] == [a.tm_path for a in first.articles]
    assert again.diagnostics == first.diagnostics
    assert files_of(docs) == written


def test_a_touched_tm_file_with_the_same_bytes_is_not_converted_again(project, monkeypatch):
    tm, docs = project
    split(tm, docs)
    written = files_of(docs)
    os.utime(tm / "fr-FR" / "a.md", ns=(1, 1))
    no_conversion(monkeypatch)
    assert split(tm, docs).written == []
    assert files_of(docs) == written


def test_an_edited_tm_file_is_converted_again(project):
    tm, docs = project
    split(tm, docs)
    (tm / "fr-FR" / "a.md").write_text(article("Ant", "Fourmi").replace("Une phrase.", "Deux phrases."),
                                       "utf-8")
    report = split(tm, docs)
    assert report.written == [docs / "a.fr.md"]
    assert "Deux phrases." in (docs / "a.fr.md").read_text("utf-8")


def test_a_page_edited_by_hand_is_restored(project):
    tm, docs = project
    split(tm, docs)
    written = files_of(docs)
    page = docs / "a.fr.md"
    page.write_text("edited by hand\n", "utf-8")
    report = split(tm, docs)
    assert report.written == [page]
    assert files_of(docs) == written


def test_a_deleted_page_is_written_again(project):
    tm, docs = project
    split(tm, docs)
    written = files_of(docs)
    (docs / "b.en.md").unlink()
    assert split(tm, docs).written == [docs / "b.en.md"]
    assert files_of(docs) == written


def test_a_damaged_cache_is_ignored(project):
    tm, docs = project
    split(tm, docs)
    written = files_of(docs)
    cache_file = docs.parent / ".sxs-cache" / "docs.pickle"
    cache_file.write_bytes(b"not a pickle")
    (docs / "a.en.md").unlink()
    assert split(tm, docs).written == [docs / "a.en.md"]
    assert files_of(docs) == written


def test_results_of_other_code_are_not_reused(project, monkeypatch):
    tm, docs = project
    split(tm, docs)
    monkeypatch.setattr(sxs.cache, "code_version", lambda: "another version")
    calls = []
    convert = sxs.load.convert_file
    monkeypatch.setattr(sxs.load, "convert_file", lambda *args: calls.append(args) or convert(*args))
    split(tm, docs)
    assert len(calls) == 2


def test_check_mode_writes_no_cache(project):
    tm, docs = project
    split(tm, docs, check=True)
    assert not (docs.parent / ".sxs-cache").exists()


def test_memo_computes_once_per_key(tmp_path):
    cache = SplitCache(tmp_path / "c.pickle")
    calls = []
    assert cache.memo(("k",), lambda: calls.append(1) or "value") == "value"
    assert cache.memo(("k",), lambda: calls.append(1) or "other") == "value"
    cache.save()
    assert SplitCache(tmp_path / "c.pickle").memo(("k",), lambda: "recomputed") == "value"
    assert calls == [1]


def test_the_library_versions_are_those_importlib_finds():
    assert sxs.cache.dependency_versions() == tuple((name, metadata.version(name))
                                                    for name in sxs.cache.DEPENDENCIES)


def test_results_of_other_library_versions_are_not_reused(monkeypatch):
    before = sxs.cache.code_version()
    versions = sxs.cache.dependency_versions()
    monkeypatch.setattr(sxs.cache, "dependency_versions", lambda: (*versions[:-1], (versions[-1][0], "0.0")))
    assert sxs.cache.code_version() != before


def test_status_figures_follow_a_change_to_the_html_allowlist(tmp_path):
    """Edit the allowlist in a copy of the code: the status page follows, .sxs-cache left in place."""
    code = tmp_path / "code"
    shutil.copytree(sxs.cache.PACKAGE, code / "sxs", ignore=shutil.ignore_patterns("__pycache__"))
    tm = tmp_path / "tm" / "fr-FR"
    tm.mkdir(parents=True)
    (tm / "a.md").write_text(tm_file(H1 + segment("abcde-102", "Une <b>fourmi</b>", "An <b>ant</b>") + "\n"),
                             "utf-8")
    docs = tmp_path / "docs"

    def warnings() -> int:
        """``sxs split --status`` with the copy; the total of warnings on the status page."""
        command = [sys.executable, "-m", "sxs", "split", "--status",
                   "--tm", str(tm.parent), "--docs", str(docs)]
        env = {**os.environ, "PYTHONPATH": str(code)}
        result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        page = BeautifulSoup((docs / "status.en.md").read_text("utf-8"), "html.parser")
        return int(page.select("tbody tr")[-1].find_all("td")[6].get_text())

    allowed = warnings()
    assert (tmp_path / ".sxs-cache" / "docs.status.pickle").is_file()
    rules = code / "sxs" / "html_rules.py"
    text = rules.read_text("utf-8")
    assert '("b", "i", ' in text
    rules.write_text(text.replace('("b", "i", ', '("i", '), "utf-8")  # <b> no longer allowed
    assert warnings() == allowed + 1  # the "html" check: <b> is shown as text on both sides
    rules.write_text(text, "utf-8")
    assert warnings() == allowed
