"""The fr-FR + de-DE corpus as one site: every article in every language, each language's images.

The two shared corpora are copied into a temporary TM folder (``fr-FR/``,
``de-DE/``, the layout a help centre hands off), split, then built once, as
``make build`` builds: English, French and German. The build is the cost
(85 s alone on the 2-core machine, up to 4 min when shared); the tests read its output.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, mkdocs_build, require_corpus
from sxs.split import split

pytestmark = pytest.mark.corpus

LOCALES = {"fr-FR": "fr", "de-DE": "de"}


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    """The split's report, the docs folder and the built site of the fr-FR + de-DE corpus."""
    root = tmp_path_factory.mktemp("corpus-locales")
    for locale in LOCALES:
        corpus = require_corpus(ROOT.parent / "shared" / "corpus" / locale / "AlchemyInsights")
        shutil.copytree(corpus, root / "tm" / locale)
    report = split(root / "tm", root / "docs", sections_file=ROOT / "sections.yml")
    result = mkdocs_build(ROOT, env={"SXS_TM": str(root / "tm"), "SXS_DOCS": str(root / "docs"),
                                     "SXS_SITE": str(root / "site")})
    assert result.returncode == 0, result.stderr[-3000:]
    return report, root / "docs", root / "site"


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def test_every_article_is_published_in_every_language_without_error(corpus_site):
    report, _docs, site = corpus_site
    assert report.ok and report.unpublished == [], report.errors_summary()
    assert not [d for d in report.diagnostics if d.code == "media-conflict"]
    by_lang = defaultdict(int)
    for article in report.articles:
        by_lang[article.lang] += 1
        assert (site / article.lang / article.slug / "index.html").is_file(), article.tm_path
    assert by_lang == {"fr": 2921, "de": 2922}  # every file but the one include of each locale
    for slug in {a.slug for a in report.articles if a.tm_path in report.english_sides}:
        assert (site / slug / "index.html").is_file(), slug


def test_german_pages_have_german_interface_texts(corpus_site):
    _report, _docs, site = corpus_site
    german = page(site, "de/excel-crashing")
    assert german.html["lang"] == "de"
    assert german.select_one(".sxs-reader__notice strong").get_text(strip=True) == \
        "Dieser Artikel wurde maschinell übersetzt."
    assert german.select_one(".sxs-reader__toggle").get_text(strip=True) == "Auf Englisch lesen"
    assert german.select_one("article .admonition.note .admonition-title").get_text() == "Hinweis"


def test_each_language_s_pages_show_its_locale_s_images(corpus_site):
    """Every image of every French and German page is the file its own TM links to."""
    report, _docs, site = corpus_site
    checked = defaultdict(int)
    for article in report.articles:
        if not article.media:
            continue
        folder = site / article.lang / article.slug
        shown = {unquote(img["src"]).rsplit("/", 1)[-1].lower(): (folder / unquote(img["src"])).resolve()
                 for img in page(site, f"{article.lang}/{article.slug}").select("article img[src]")}
        for item in article.media:
            name = item.target.rsplit("/", 1)[-1].lower()
            assert shown[name].read_bytes() == item.source.read_bytes(), (article.tm_path, item.target)
            checked[article.lang] += 1
    assert checked["de"] > 30 and checked["fr"] > 30
    german = site / "de/encrypt-files-or-folder-in-windows-10"
    screenshot = german / page(site, german.relative_to(site).as_posix()).select_one(
        'article img[src$="encrypt-contents.png"]')["src"]
    shipped = {locale: (ROOT.parent / "shared/corpus" / locale / "AlchemyInsights/media/encrypt-contents.png")
               .read_bytes() for locale in LOCALES}
    assert screenshot.read_bytes() == shipped["de-DE"] != shipped["fr-FR"]


def test_a_file_identical_across_locales_is_stored_once(corpus_site):
    """fr-FR and de-DE ship 13 different screenshots under shared names; every other image once."""
    report, docs, site = corpus_site
    images = [path for path in site.rglob("*") if path.suffix.lower() in (".png", ".jpg", ".gif")
              and not path.is_relative_to(site / "assets")]
    by_name = defaultdict(list)  # name below the language folder → the bytes of each copy
    for path in images:
        parts = path.relative_to(site).parts
        by_name["/".join(parts[1:] if parts[0] in LOCALES.values() else parts)].append(path.read_bytes())
    assert all(len(set(copies)) == len(copies) for copies in by_name.values())
    assert sum(len(copies) == 2 for copies in by_name.values()) == 13
    shown = {(article.lang, item.target) for article in report.articles for item in article.media}
    assert len(images) == len((docs / ".sxs-media").read_text("utf-8").split()) < len(shown)
