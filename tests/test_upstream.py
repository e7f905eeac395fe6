"""The private internals of MkDocs, static-i18n and Material the plugin touches (site/upstream.py).

Each is checked at start-up; when one is not what the code expects, the plugin
warns once and builds as plain static-i18n does, and the site is still right.
"""

from __future__ import annotations

import re

import mkdocs_static_i18n.plugin as static_i18n
import pytest
import sxs.site.upstream as upstream
from bs4 import BeautifulSoup
from helpers import ROOT, copy_project, mkdocs_build
from mkdocs_static_i18n import suffix

# static-i18n as if a release had renamed the MkDocs build its loop calls: the parallel build's
# rebinding of `build` would then change nothing, and every other language would be built twice.
RENAMED_BUILD = """
import mkdocs_static_i18n.plugin as static_i18n
static_i18n.mkdocs_build = static_i18n.build
del static_i18n.build
loop = static_i18n.I18n.on_post_build
loop.__code__ = loop.__code__.replace(
    co_names=tuple("mkdocs_build" if name == "build" else name for name in loop.__code__.co_names))
"""
WARNING = "sxs: not as tested"
PARALLEL_LOG = "in a parallel process"


def test_the_pinned_packages_are_as_expected():
    assert upstream.differences() == []


def test_the_pins_are_the_tested_releases():
    """pyproject.toml pins what upstream.py was checked against, including Material 9.8 beside
    static-i18n 1.3.1, whose `material` extra declares mkdocs-material<9.7.2 (README, Requirements)."""
    pins = dict(re.findall(r'"([A-Za-z0-9-]+)==([0-9.]+)"', (ROOT / "pyproject.toml").read_text("utf-8")))
    assert {name: ".".join(pins[name].split(".")[:2]) for name in upstream.TESTED} == upstream.TESTED
    assert pins["mkdocs-material"] == "9.8.1" and pins["mkdocs-static-i18n"] == "1.3.1"


def test_a_changed_internal_is_named(monkeypatch):
    monkeypatch.setattr(static_i18n, "build", lambda config, dirty=False: None)
    assert upstream.differences() == [upstream.INTERNALS[0].name]


def test_an_internal_that_is_gone_is_named(monkeypatch):
    from material.plugins.search.plugin import SearchPlugin
    monkeypatch.setattr(SearchPlugin, "__init__", lambda self: None)
    assert upstream.differences() == ["material.plugins.search SearchPlugin.search_index_prev"]


def test_a_changed_create_i18n_file_is_named(monkeypatch):
    """i18n_files.create_i18n_file is the equivalent of static-i18n 1.3.1's code, not of another."""
    from mkdocs_static_i18n import folder, suffix
    from sxs.site import i18n_files
    # Called as before, but another function's code: only its source tells.
    monkeypatch.setattr(i18n_files, "UPSTREAM", folder.create_i18n_file)
    monkeypatch.setattr(suffix, "create_i18n_file", folder.create_i18n_file)
    (internal,) = [i.name for i in upstream.INTERNALS if "create_i18n_file" in i.name]
    assert upstream.differences() == [internal]


def test_a_changed_reconfigure_files_alternates_is_named(monkeypatch):
    """i18n_files.reconfigure_alternates is the equivalent of static-i18n 1.3.1's method, not of another."""
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    def other(self, i18n_src_uris, i18n_alternate_src_uris, mkdocs_config, create_i18n_file):
        for file in i18n_src_uris.values():
            file.alternates = {}

    # Same name, still called by reconfigure_files, still sets alternates: only its source tells.
    monkeypatch.setattr(ExtendedPlugin, "reconfigure_files_alternates", other)
    (internal,) = [i.name for i in upstream.INTERNALS if "reconfigure_files_alternates" in i.name]
    assert upstream.differences() == [internal]


def other_reconfigure_files(self, files, mkdocs_config):
    """Not static-i18n's reconfigure_files, though it calls what that one calls."""
    create_i18n_file = suffix.create_i18n_file
    kept = {file.src_uri: create_i18n_file(file, self.current_language, self.default_language,
                                           self.all_languages, mkdocs_config) for file in files}
    self.reconfigure_files_alternates(kept, {}, mkdocs_config, create_i18n_file)
    return list(kept.values())


def test_a_changed_reconfigure_files_is_named(monkeypatch):
    """i18n_files.reconfigure_files is the equivalent of static-i18n 1.3.1's method, not of another."""
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    # Same name, still called by on_files, still calls create_i18n_file and the alternates: only its
    # source tells.
    monkeypatch.setattr(ExtendedPlugin, "reconfigure_files", other_reconfigure_files)
    (internal,) = [i.name for i in upstream.INTERNALS if "reconfigure_files (" in i.name]
    assert upstream.differences() == [internal]


def test_an_untested_release_is_named(monkeypatch):
    versions = {"mkdocs": "1.6.1", "mkdocs-static-i18n": "1.4.0", "mkdocs-material": "9.8.1"}
    monkeypatch.setattr(upstream.metadata, "version", versions.__getitem__)
    assert upstream.differences() == ["mkdocs-static-i18n 1.4.0 (tested: 1.3.x)"]


def articles(site) -> dict[str, str]:
    """The article content of every page of ``site``, by path."""
    pages = {}
    for path in sorted(site.glob("**/index.html")):
        article = BeautifulSoup(path.read_text("utf-8"), "html.parser").select_one("article")
        pages[path.relative_to(site).as_posix()] = str(article)
    return pages


@pytest.mark.build
def test_a_changed_upstream_gives_one_warning_and_the_plain_build(tmp_path):
    project = copy_project(tmp_path / "project")
    patched = mkdocs_build(project, "-d", str(tmp_path / "patched"))
    assert patched.returncode == 0, patched.stderr
    assert WARNING not in patched.stderr
    plain = mkdocs_build(project, "-d", str(tmp_path / "plain"), prelude=RENAMED_BUILD)
    assert plain.returncode == 0, plain.stderr  # the warning comes before a strict build counts
    (warning,) = [line for line in plain.stderr.splitlines() if WARNING in line]
    assert warning.startswith("WARNING") and "mkdocs_static_i18n.plugin.build" in warning
    assert PARALLEL_LOG in patched.stderr and PARALLEL_LOG not in plain.stderr
    # Every page, with the same content; the French pages in French, paired with their English.
    assert articles(tmp_path / "plain") == articles(tmp_path / "patched")
    french = (tmp_path / "plain" / "fr" / "canceling-your-subscription" / "index.html").read_text("utf-8")
    assert re.search(r'<html[^>]* lang="fr"', french) and "sxs-english" in french
    # Plain static-i18n: one merged search index, not one per language.
    assert (tmp_path / "patched" / "fr" / "search" / "search_index.json").is_file()
    assert not (tmp_path / "plain" / "fr" / "search" / "search_index.json").exists()
