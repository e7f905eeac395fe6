"""The live preview (``make serve``: ``mkdocs serve --dirty --no-strict``) in a real browser.

A ``--dirty`` rebuild reads only the pages a save changed; the sidebar of every
other page must still show the navigation titles of the full build, not "None".
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml
from helpers import ARTICLE_TM, fetch, free_port, wait_for
from served_site import chromium

pytestmark = [pytest.mark.build, pytest.mark.browser]

ARTICLE = "canceling-your-subscription"
# Pages whose sidebar is checked, by language: an article and the 404 page.
PAGES = {"en": [f"{ARTICLE}/", "404.html"], "fr": [f"fr/{ARTICLE}/", "fr/404.html"]}
SIDEBAR = "nav.md-nav--primary > ul > li > a .md-ellipsis"


def nav_titles(docs, lang: str) -> list[str]:
    """The titles the navigation pages of ``lang`` declare in their front matter, in nav order."""
    pages = [docs / f"index.{lang}.md", *sorted((docs / "sections").glob(f"*.{lang}.md"))]
    return [yaml.safe_load(page.read_text("utf-8").split("---\n")[1])["title"] for page in pages]


@pytest.fixture
def preview(project_copy, tmp_path):
    """``mkdocs serve --dirty --no-strict`` of a copy of the project; yields (base URL, project)."""
    port = free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"],
            cwd=project_copy, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        served = wait_for(lambda: "Nous sommes navrés" in fetch(f"{base}fr/{ARTICLE}/"), 90)
        assert served, log_path.read_text()
        yield base, project_copy
    finally:
        server.terminate()
        server.wait(timeout=20)


def sidebar_titles(browser, url: str) -> list[str]:
    """The sidebar's titles of ``url``, in a tab of its own.

    A tab left open would be reloaded by the preview's live-reload script after
    the save's rebuild, aborting a navigation that raced with it.
    """
    page = browser.new_page()
    try:
        page.goto(url)
        return [text.strip() for text in page.locator(SIDEBAR).all_inner_texts()]
    finally:
        page.close()


def test_the_preview_sidebar_shows_the_navigation_titles_before_and_after_a_save(preview):
    base, project = preview
    expected = {lang: nav_titles(project / "docs", lang) for lang in PAGES}
    assert expected["en"][0] == "Help articles" and len(expected["fr"]) == len(expected["en"]) >= 2
    with chromium() as browser:
        for lang, paths in PAGES.items():
            for path in paths:
                assert sidebar_titles(browser, base + path) == expected[lang], path
        tm = project / ARTICLE_TM
        tm.write_bytes(tm.read_bytes().replace("Nous sommes navrés".encode(), b"Nous serons tristes"))
        assert wait_for(lambda: "Nous serons tristes" in fetch(f"{base}fr/{ARTICLE}/"), 60)
        for lang, paths in PAGES.items():
            for path in paths:
                titles = sidebar_titles(browser, base + path)
                assert "None" not in titles
                assert titles == expected[lang], path
