"""Each language built alone (``SXS_ONLY_LANGUAGE``), then ``sxs assemble``: the same site as one build.

The fixture help centre (English and six locales) is built once whole, with
``mkdocs build --strict``, and once per language alone into its own folder,
as a CI matrix would; ``sxs assemble`` must give the whole build's site, file
for file, and refuse folders that are not every language of one site once. A
job that builds from one ``sxs split --status`` (``SXS_SPLIT=false``) must give
the same part as a job that splits, without splitting.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from helpers import files_of, make_helpcentre, mkdocs_build

pytestmark = pytest.mark.build


def sxs(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sxs", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """(whole build's site, {language: folder of its build alone}) of the fixture help centre."""
    root = tmp_path_factory.mktemp("assemble")
    (root / "project").mkdir()
    project = make_helpcentre(root / "project")
    whole = mkdocs_build(project, "-d", str(root / "whole"))
    assert whole.returncode == 0, whole.stderr
    languages = sorted({re.match(r"[a-z]+", path.name).group() for path in (project / "tm").iterdir()})
    folders = {}
    for lang in ["en", *languages]:
        folders[lang] = root / f"only-{lang}"
        alone = mkdocs_build(project, "-d", str(folders[lang]), env={"SXS_ONLY_LANGUAGE": lang})
        assert alone.returncode == 0, alone.stderr
    return root / "whole", folders


def test_languages_built_alone_assemble_into_the_same_site_file_for_file(builds, tmp_path):
    whole, folders = builds
    assert len(folders) == 7
    # Each build alone rendered its language only: no other language's folder.
    assert not (folders["fr"] / "de").exists() and not (folders["en"] / "fr").exists()
    result = sxs("assemble", *map(str, folders.values()), "-d", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assembled, reference = files_of(tmp_path / "site"), files_of(whole)
    assert sorted(assembled) == sorted(reference)
    assert [name for name in sorted(assembled) if assembled[name] != reference[name]] == []
    assert "fr/search/search_index.json" in assembled and "sitemap.xml.gz" in assembled


def test_assemble_refuses_a_missing_or_repeated_language_and_a_used_folder(builds, tmp_path):
    _, folders = builds
    others = [str(folder) for lang, folder in folders.items() if lang != "ja"]
    missing = sxs("assemble", *others, "-d", str(tmp_path / "a"))
    assert missing.returncode == 2
    assert "no folder for language(s) ja" in missing.stderr
    twice = sxs("assemble", *others, str(folders["fr"]), "-d", str(tmp_path / "b"))
    assert twice.returncode == 2
    assert "language fr given twice" in twice.stderr
    used = tmp_path / "used"
    shutil.copytree(folders["en"], used)
    not_empty = sxs("assemble", *map(str, folders.values()), "-d", str(used))
    assert not_empty.returncode == 2
    assert "not empty" in not_empty.stderr
    not_a_build = sxs("assemble", str(tmp_path), "-d", str(tmp_path / "c"))
    assert not_a_build.returncode == 2
    assert "no language built alone here" in not_a_build.stderr


def test_jobs_build_their_language_from_one_split(builds, tmp_path):
    """``SXS_SPLIT=false``: a job builds its language from the docs folder that one ``sxs split
    --status`` made and the split's lean report, as a CI matrix's jobs do after the job that
    split: the same part as a job that splits, and no split nor status check in the job (it
    writes no cache), nor any need of the split's other caches (the jobs are not given them)."""
    _, folders = builds
    (tmp_path / "project").mkdir()
    project = make_helpcentre(tmp_path / "project")
    split = sxs("split", "--tm", str(project / "tm"), "--docs", str(project / "docs"),
                "--sections", str(project / "sections.yml"), "--status")
    assert split.returncode == 0, split.stderr
    caches = project / ".sxs-cache"
    assert sorted(cache.name for cache in caches.iterdir()) == [
        "docs.pickle", "docs.report.pickle", "docs.status.pickle"]
    (caches / "docs.pickle").unlink()
    (caches / "docs.status.pickle").unlink()
    report = caches / "docs.report.pickle"
    written = report.stat().st_mtime_ns
    touched = next((project / "tm").rglob("*.md"))  # as a checkout does: a split would run again
    os.utime(touched, (touched.stat().st_atime + 10, touched.stat().st_mtime + 10))
    for lang in ("en", "ja"):
        job = mkdocs_build(project, "-d", str(tmp_path / lang),
                           env={"SXS_ONLY_LANGUAGE": lang, "SXS_SPLIT": "false"})
        assert job.returncode == 0, job.stderr
        part, reference = files_of(tmp_path / lang), files_of(folders[lang])
        assert sorted(part) == sorted(reference)
        assert [name for name in sorted(part) if part[name] != reference[name]] == []
    assert list(caches.iterdir()) == [report]
    assert report.stat().st_mtime_ns == written


@pytest.mark.parametrize(("env", "message"), [
    ({"SXS_SPLIT": "false"}, "split: false, but no report of `sxs split`"),
    ({"SXS_ONLY_LANGUAGE": "xx"}, "only_language 'xx' is not one of the site's languages"),
])
def test_a_build_it_cannot_make_fails_with_the_reason(tmp_path, env, message):
    result = mkdocs_build(make_helpcentre(tmp_path), "-d", str(tmp_path / "site"), env=env)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize(("env", "message"), [
    ({"SXS_ONLY_LANGUAGE": "fr"}, "only_language 'fr' is for mkdocs build"),  # rebuilds would not split
    ({"SXS_SPLIT": "false"}, "split: false is for mkdocs build"),  # the preview would not show edits
])
def test_serve_refuses_what_would_not_show_a_writers_edits(tmp_path, env, message):
    """Refused before serving."""
    result = subprocess.run([sys.executable, "-m", "mkdocs", "serve", "-a", "127.0.0.1:0"],
                            cwd=make_helpcentre(tmp_path), capture_output=True, text=True, timeout=120,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
    assert result.returncode != 0
    assert message in result.stderr
