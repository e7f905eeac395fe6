"""The reading experience in a real browser (Playwright driving Debian's Chromium).

One build of the project (plus a small HT fixture article) per module, served
on 127.0.0.1 by a server that answers missing pages with the 404 page of the
path's language, as the site's host is set up to. Screenshots go to
``test-artifacts/`` for a person to look at.
"""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from helpers import SEED, copy_project, plain_text
from playwright.sync_api import expect
from served_site import built_and_served, search, serious_violations, shot
from sxs.parse import parse

pytestmark = [pytest.mark.build, pytest.mark.browser]

ARTICLE = "canceling-your-subscription"  # the seed: machine-translated (MT)
HT_ARTICLE = "reset-your-password"  # tests/fixtures/ht: human-translated (HT)
HT_FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "ht"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The project built and served; yields (base URL, site folder)."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    shutil.copytree(HT_FIXTURE, project / "tm", dirs_exist_ok=True)
    with built_and_served(project) as base:
        yield base, project / "site"


@functools.cache
def english(segment_id: str) -> str:
    """The plain text of a seed segment's English source (markup stripped)."""
    document, _ = parse(SEED.read_text("utf-8"))
    return plain_text(next(s.source for s in document.segments if s.id == segment_id))


def segment(page, segment_id: str):
    return page.locator(f'article [data-sxs="{segment_id}"]')


def test_mt_page_discloses_machine_translation_in_french_with_a_link_to_english(site, page):
    base, _ = site
    page.goto(f"{base}fr/{ARTICLE}/")
    notice = page.locator(".sxs-reader__notice")
    expect(notice).to_contain_text("Cet article a été traduit automatiquement.")
    shot(page, "fr-mt-article")
    notice.get_by_role("link", name="Lire l\u2019article original en anglais").click()
    expect(page).to_have_url(f"{base}{ARTICLE}/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".sxs-reader").count() == 0  # English pages are the original


def test_ht_page_does_not_claim_machine_translation(site, page):
    base, _ = site
    page.goto(f"{base}fr/{HT_ARTICLE}/")
    expect(page.locator("article h1")).to_have_text("Réinitialiser votre mot de passe")
    assert page.locator(".sxs-reader__notice").count() == 0
    assert "automatiquement" not in page.locator("article").inner_text()
    expect(page.locator(".sxs-reader__toggle")).to_be_visible()  # the original is still offered
    shot(page, "fr-ht-article")


def test_without_javascript_the_disclosure_and_english_titles_are_there(site, browser):
    base, _ = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}fr/{ARTICLE}/")
    expect(page.locator(".sxs-reader__notice")).to_be_visible()
    expect(page.locator(".sxs-reader__toggle")).to_be_hidden()  # it needs the script
    assert segment(page, "d86e2-107").get_attribute("title") == english("d86e2-107")
    context.close()


def test_hovering_a_segment_shows_its_english_source_without_moving_the_text(site, page):
    base, _ = site
    page.goto(f"{base}fr/{ARTICLE}/")
    target = segment(page, "d86e2-103")
    before = (target.bounding_box(), page.locator("article").bounding_box())
    target.hover()
    tooltip = page.locator("#sxs-tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(english("d86e2-103"))
    assert tooltip.get_attribute("lang") == "en"
    assert target.get_attribute("title") is None  # no second, native tooltip
    assert (target.bounding_box(), page.locator("article").bounding_box()) == before
    shot(page, "fr-tooltip-hover", full_page=False)
    page.mouse.move(5, 790)
    expect(tooltip).to_be_hidden()


def test_keyboard_focus_shows_the_english_source_and_escape_or_blur_closes_it(site, page):
    base, _ = site
    page.goto(f"{base}fr/{ARTICLE}/")
    segment(page, "d86e2-102").focus()
    page.keyboard.press("Tab")  # segments are in the tab order, one after the other
    focused = page.locator(":focus")
    assert focused.get_attribute("data-sxs") == "d86e2-103"
    assert focused.get_attribute("aria-describedby") == "sxs-tooltip"
    tooltip = page.locator("#sxs-tooltip")
    expect(tooltip).to_have_text(english("d86e2-103"))
    expect(tooltip).to_be_visible()
    shot(page, "fr-tooltip-focus", full_page=False)
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    page.keyboard.press("Tab")
    expect(tooltip).to_have_text(english("d86e2-104"))
    segment(page, "d86e2-104").evaluate("node => node.blur()")
    expect(tooltip).to_be_hidden()


def test_read_in_english_switches_every_segment_and_back_and_persists(site, page):
    base, _ = site
    page.goto(f"{base}fr/{ARTICLE}/")
    toggle = page.get_by_role("button", name="Lire en anglais")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    document, _ = parse(SEED.read_text("utf-8"))
    for seg in document.segments:
        expect(segment(page, seg.id)).to_have_text(plain_text(seg.source))
        expect(segment(page, seg.id)).to_have_attribute("lang", "en")
    link = segment(page, "d86e2-107").locator("a")
    expect(link).to_have_text("Products & services")  # English HTML, not escaped text
    segment(page, "d86e2-103").hover()
    expect(page.locator("#sxs-tooltip")).to_be_hidden()  # already in English
    shot(page, "fr-read-in-english")

    page.goto(f"{base}fr/{HT_ARTICLE}/")  # the choice lasts for the session
    expect(page.locator("article h1 [data-sxs]")).to_have_text("Reset your password")
    toggle = page.get_by_role("button", name="Lire en anglais")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    toggle.click()
    expect(page.locator("article h1 [data-sxs]")).to_have_text("Réinitialiser votre mot de passe")
    assert page.locator("article [data-sxs][lang]").count() == 0

    page.goto(f"{base}fr/{ARTICLE}/")
    expect(segment(page, "d86e2-103")).to_have_text(
        "Nous sommes navrés de voir-vous, mais si vous souhaitez annuler votre abonnement, "
        "Voici les options disponibles :")


def test_language_switcher_goes_to_the_same_article(site, page):
    base, _ = site
    page.goto(f"{base}fr/{ARTICLE}/")
    page.locator(".md-header .md-select").hover()
    page.locator('.md-select__link[hreflang="en"]').click()
    expect(page).to_have_url(f"{base}{ARTICLE}/")
    page.locator(".md-header .md-select").hover()
    page.locator('.md-select__link[hreflang="fr"]').click()
    expect(page).to_have_url(f"{base}fr/{ARTICLE}/")
    assert page.locator("html").get_attribute("lang") == "fr"


@pytest.mark.parametrize(("path", "query", "lang", "stemmer"), [
    (f"fr/{ARTICLE}/", "abonnement", "fr", "lunr.fr.min.js"),
    (f"{ARTICLE}/", "subscription", "en", None),  # lunr's own English
])
def test_search_finds_pages_of_the_page_language_only(site, page, path, query, lang, stemmer):
    base, _ = site
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + path)
    hrefs = search(page, query)
    assert in_language(hrefs, base, lang), hrefs
    assert f"{language_root(base, lang)}{ARTICLE}/" in hrefs
    assert f"{base}{'fr/' if lang == 'fr' else ''}search/search_index.json" in requested
    assert any(url.endswith(f"/lunr/min/{stemmer}") for url in requested) == bool(stemmer)
    shot(page, f"{lang}-search")


def language_root(base: str, lang: str) -> str:
    return f"{base}fr/" if lang == "fr" else base


def in_language(hrefs: list[str], base: str, lang: str) -> bool:
    """Whether every URL is a page of ``lang`` (French pages live under ``fr/``)."""
    in_french = [href.startswith(f"{base}fr/") for href in hrefs]
    return all(in_french) if lang == "fr" else not any(in_french)


@pytest.mark.parametrize(("lang", "query", "written"), [
    ("fr", "annulera", "annuler"),  # the article says "annuler", "annulez": French stemmer
    ("fr", "abonné", "abonnement"),
    ("en", "cancelled", "cancel"),  # the article says "cancel", "Canceling": English stemmer
    ("en", "licensed", "licenses"),
])
def test_search_finds_other_inflections_of_a_word(site, page, lang, query, written):
    base, _ = site
    article = f"{language_root(base, lang)}{ARTICLE}/"
    page.goto(article)
    hrefs = search(page, query)
    assert article in hrefs and in_language(hrefs, base, lang), hrefs
    result = page.locator(".md-search-result__item", has=page.locator(f'a[href="{article}"]')).first
    marks = [mark.lower().strip(".,:;?!") for mark in result.locator("mark").all_inner_texts()]
    assert written in marks  # the inflected words are highlighted, each once
    assert result.locator("mark mark").count() == 0
    expect(result.locator(".md-search-result__terms")).to_have_count(0)  # nothing "missing"
    shot(page, f"{lang}-search-{query}", full_page=False)


@pytest.mark.parametrize(("lang", "word"), [("fr", "abonnements"), ("en", "subscriptions")])
def test_search_as_you_type_finds_the_article_at_every_prefix(site, page, lang, word):
    base, _ = site
    article = f"{language_root(base, lang)}{ARTICLE}/"
    page.goto(article)
    for end in range(3, len(word) + 1):  # also past the stem ("abon", "subscript")
        hrefs = search(page, word[:end])
        assert article in hrefs and in_language(hrefs, base, lang), (word[:end], hrefs)
        assert page.locator(".md-search-result mark mark").count() == 0  # word and stem: one mark
    suggestion = page.locator(".md-search__suggest").inner_text()
    assert suggestion in {word, word.removesuffix("s")}  # a word of the pages, not a stem


@pytest.mark.parametrize(("path", "lang", "title"), [
    ("no-such-page/", "en", "Page not found"),
    ("fr/no-such-page/", "fr", "Page introuvable"),
])
def test_each_language_has_its_own_404_page(site, page, path, lang, title):
    base, _ = site
    response = page.goto(base + path)
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == lang
    expect(page.locator("article h1")).to_have_text(title)
    expect(page.locator("link[rel=stylesheet]").first).to_be_attached()
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
    shot(page, f"{lang}-404")
    page.locator("article p a").click()
    expect(page).to_have_url(base + ("fr/" if lang == "fr" else ""))


def test_every_page_links_its_translations_and_x_default(site):
    base, site_dir = site
    for path, english_url in [(f"fr/{ARTICLE}/", f"{ARTICLE}/"), (f"{ARTICLE}/", f"{ARTICLE}/"),
                              ("fr/", ""), ("", "")]:
        html = BeautifulSoup((site_dir / path / "index.html").read_text("utf-8"), "html.parser")
        page_url = base + path
        links = {link["hreflang"]: urljoin(page_url, link["href"])
                 for link in html.select('head link[rel="alternate"][hreflang]')}
        assert links == {"en": base + english_url, "fr": f"{base}fr/{english_url}",
                         "x-default": base + english_url}, path


def test_sitemap_lists_every_page_with_its_alternates(site):
    base, site_dir = site
    sitemap = BeautifulSoup((site_dir / "sitemap.xml").read_text("utf-8"), "xml")
    entries = {url.loc.get_text(): {link["hreflang"]: link["href"] for link in url.find_all("link")}
               for url in sitemap.find_all("url")}
    for slug in (ARTICLE, HT_ARTICLE):
        alternates = {"en": f"{base}{slug}/", "fr": f"{base}fr/{slug}/", "x-default": f"{base}{slug}/"}
        assert entries[f"{base}{slug}/"] == alternates
        assert entries[f"{base}fr/{slug}/"] == alternates


def test_each_language_has_its_own_search_index(site):
    _, site_dir = site
    for folder, lang in [("", "en"), ("fr/", "fr")]:
        index = json.loads((site_dir / folder / "search" / "search_index.json").read_text("utf-8"))
        assert index["config"]["lang"] == [lang]
        assert "stemmer" in index["config"]["pipeline"]
        titles = {doc["title"] for doc in index["docs"] if doc["location"] == f"{ARTICLE}/"}
        assert titles == {"Canceling your subscription?" if lang == "en"
                          else "Vous annulez votre abonnement\u00a0?"}
        assert not any(doc["location"].startswith("fr/") for doc in index["docs"])


@pytest.mark.parametrize("path", ["", "fr/", f"{ARTICLE}/", f"fr/{ARTICLE}/", "404.html", "fr/404.html"])
def test_axe_finds_no_serious_or_critical_violation(site, page, path):
    base, _ = site
    page.goto(base + path)
    assert serious_violations(page) == []
