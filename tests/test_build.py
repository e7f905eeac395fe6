"""A real ``mkdocs build --strict`` of the project: pages, languages, switcher."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from helpers import copy_project, mkdocs_build, plain_text
from sxs.parse import parse

pytestmark = pytest.mark.build

ARTICLE = "canceling-your-subscription"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The project built into a temporary folder; returns (project, site)."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project, project / "site"


def soup(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


@pytest.mark.parametrize(("path", "lang", "side"), [(ARTICLE, "en", "source"),
                                                    (f"fr/{ARTICLE}", "fr", "target")])
def test_each_segment_is_in_the_built_page_of_its_language(built, path, lang, side):
    project, site = built
    document, _ = parse((project / "tm" / "fr-FR" / f"{ARTICLE}.md").read_text("utf-8"))
    page = soup(site, path)
    assert page.html["lang"] == lang
    shown = [(span["data-sxs"], span.get_text()) for span in page.select("article [data-sxs]")]
    expected = [(s.id, plain_text(s.text(side))) for s in document.segments]
    assert shown == expected


def test_language_switcher_links_each_article_to_the_other(built):
    _, site = built
    english, french = soup(site, ARTICLE), soup(site, f"fr/{ARTICLE}")
    assert english.select_one('a[hreflang="fr"]')["href"] == f"../fr/{ARTICLE}/"
    assert french.select_one('a[hreflang="en"]')["href"] == f"../../{ARTICLE}/"


def test_home_pages_list_the_article_in_their_language(built):
    _, site = built
    for path, lang, title in [("", "en", "Canceling your subscription?"),
                              ("fr", "fr", "Vous annulez votre abonnement\u00a0?")]:
        page = soup(site, path)
        assert page.html["lang"] == lang
        links = {a.get_text(): a["href"] for a in page.select("article a")}
        assert links[title] == f"{ARTICLE}/"


def test_french_pages_have_the_french_interface(built):
    _, site = built
    french = soup(site, f"fr/{ARTICLE}")
    assert french.select_one("input.md-search__input")["placeholder"] == "Rechercher"
    assert soup(site, ARTICLE).select_one("input.md-search__input")["placeholder"] == "Search"
    assert french.title.get_text().startswith("Vous annulez votre abonnement")


def test_pages_only_in_english_say_so_in_the_french_site(built):
    _, site = built
    french_status = soup(site, "fr/status")
    assert french_status.html["lang"] == "fr"  # the interface around it is French
    assert french_status.select_one("article > div[lang]")["lang"] == "en"
    assert not soup(site, "status").select("article div[lang]")


def test_status_page_shows_its_tables_and_chart_as_html(built):
    """The status page's own HTML (it escapes every TM value) is rendered, not shown as text."""
    _, site = built
    article = soup(site, "status").select_one("article")
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in article.select("table.sxs-status-table tr")]
    assert ["fr-FR", "11", "11", "0", "0", "1", "6", "2020-04-22"] in rows
    assert len(article.select(".sxs-status-bar")) == 5
    assert "<table" not in article.get_text()
