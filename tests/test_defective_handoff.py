"""A handoff with defective segments builds: every readable article is published.

A real ``mkdocs build --strict`` of the project with TM files whose segments
are defective (empty English source, empty target, unpaired and stray spans)
and one binary file: the build passes and publishes every readable article in
both languages; with ``strict_tm`` (``make build STRICT=1``) it fails and names
the errors. ``sxs split`` is lenient by default and ``--strict`` on request.
"""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, copy_project, mkdocs_build
from sxs.cli import run

BROKEN = ROOT / "tests" / "fixtures" / "broken"
DEFECTIVE = ["empty-source.md", "empty-target.md", "unpaired.md", "stray-span.md", "duplicate-ids.md"]


def handoff(project):
    """The project's TM folder with the defective fixtures and a binary file added."""
    tm = project / "tm" / "fr-FR"
    for name in [*DEFECTIVE, "binary.md"]:
        shutil.copy(BROKEN / name, tm / name)
    return project


def article(site, path: str) -> BeautifulSoup:
    page = BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")
    return page.select_one("article")


@pytest.mark.build
def test_a_handoff_with_defective_segments_builds_every_article_in_both_languages(tmp_path):
    project = handoff(copy_project(tmp_path))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for name in DEFECTIVE:
        slug = name.removesuffix(".md")
        for path in (slug, f"fr/{slug}"):
            assert (site / path / "index.html").is_file(), path
    assert not (site / "binary").exists()
    english, french = article(site, "empty-source"), article(site, "fr/empty-source")
    stand_in = english.select_one('[data-sxs="abcde-103"]')
    assert (stand_in.get_text(), stand_in["lang"]) == ("Traduit.", "fr")
    assert french.select_one('[data-sxs="abcde-103"]').get_text() == "Traduit."
    assert "lang" not in french.select_one('[data-sxs="abcde-103"]').attrs
    stand_in = article(site, "fr/empty-target").select_one('[data-sxs="abcde-103"]')
    assert (stand_in.get_text(), stand_in["lang"]) == ("Not translated.", "en")
    unpaired = article(site, "unpaired")
    assert "data-ttu-id" not in unpaired.get_text()  # no TM markup shown as text
    assert unpaired.select_one('[data-sxs="abcde-103"]')["lang"] == "fr"
    stray = article(site, "fr/stray-span")
    assert "suivez les étapes de cet article</span>" in stray.get_text()  # as written, as text
    duplicates = article(site, "fr/duplicate-ids").select('[data-sxs^="abcde-103"]')
    assert [(s.get_text(), s["title"]) for s in duplicates] == [("Cible 103.", "Source 103."),
                                                               ("Autre.", "Other.")]
    # The log names each error and counts them; --strict does not count them as warnings.
    assert "tm/fr-FR/empty-source.md:9: error [abcde-103]: English source is empty; " \
           "the English page shows the target text in its place" in result.stderr
    assert "sxs: 5 errors in 5 files (1 not published)" in result.stderr


@pytest.mark.build
def test_strict_tm_fails_the_build_naming_the_errors(tmp_path):
    project = handoff(copy_project(tmp_path))
    result = mkdocs_build(project, env={"SXS_STRICT_TM": "true"})
    assert result.returncode != 0
    assert "ERROR" in result.stderr and "tm/fr-FR/empty-source.md:9: error [abcde-103]" in result.stderr
    assert "(strict_tm: true)" in result.stderr
    assert not (project / "site" / "index.html").exists()


def test_split_is_lenient_by_default_and_strict_on_request(tmp_path, capsys):
    project = handoff(copy_project(tmp_path))
    args = ["split", "--tm", str(project / "tm"), "--docs", str(project / "docs"),
            "--mkdocs", str(project / "mkdocs.yml"), "--sections", str(project / "sections.yml")]
    assert run(args) == 0
    out, err = capsys.readouterr()
    assert "5 errors in 5 files (1 not published)" in out
    assert "tm/fr-FR/binary.md:3: error: binary file" in err
    assert (project / "docs" / "empty-source.en.md").is_file()
    assert run([*args, "--strict"]) == 1
    out, err = capsys.readouterr()
    assert "tm/fr-FR/empty-target.md:9: error [abcde-103]: target is empty; the target page shows " \
           'the English source in its place (marked lang="en")' in err


def test_check_is_the_gate_of_a_ci_job(tmp_path, capsys):
    project = handoff(copy_project(tmp_path))
    (project / "tm" / "fr-FR" / "binary.md").unlink()  # `sxs check` reads text files
    assert run(["check", "--tm", str(project / "tm")]) == 1
    assert "empty-source.md:9" in capsys.readouterr().out
