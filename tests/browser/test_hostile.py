"""Hostile translation memory in a real browser: nothing runs, everything reads as text.

The project is built with ``tests/fixtures/hostile/hostile-payloads.md`` added to
``tm/fr-FR/``: scripts, event attributes, ``javascript:`` links, frames, styles,
a comment that never closes, a segment breaking out of its wrapper, Jinja-like
titles; the same file is also added under a file name that is itself a payload.
Every page that shows it (article in both languages, home pages, status
page, search results, English tooltips) is opened in Chromium.
"""

from __future__ import annotations

import shutil

import pytest
from helpers import ROOT, copy_project
from served_site import built_and_served

pytestmark = [pytest.mark.build, pytest.mark.browser]

FIXTURE = ROOT / "tests" / "fixtures" / "hostile" / "hostile-payloads.md"
SLUG = "hostile-payloads"
HOSTILE_NAME = "\"><img src=x onerror=alert('file-name')>.md"  # its slug: img-src-x-onerror-alert-file-name
# Elements and attributes that only an injection could have put in the article.
INJECTED = """() => {
  const article = document.querySelector("article");
  const found = [...article.querySelectorAll(
    "script, iframe, style, svg, details, img, object, embed, a[href^='javascript' i]")]
    .map(e => e.outerHTML.slice(0, 80));
  for (const e of document.querySelectorAll("*")) {
    for (const a of e.attributes) {
      if (a.name.startsWith("on") || /^\\s*javascript:/i.test(a.value)) found.push(e.outerHTML.slice(0, 80));
    }
  }
  for (const s of document.querySelectorAll("script")) {
    if (s.textContent.includes("alert(")) found.push(s.outerHTML.slice(0, 80));
  }
  return found;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The project built with the hostile article and served; yields its base URL."""
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    shutil.copy(FIXTURE, project / "tm" / "fr-FR" / FIXTURE.name)
    shutil.copy(FIXTURE, project / "tm" / "fr-FR" / HOSTILE_NAME)
    with built_and_served(project) as base:
        yield base


def visit(browser, url: str):
    """Open ``url``, hover every segment; returns the page and the dialogs that fired."""
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url, wait_until="networkidle")
    for segment in page.locator("article [data-sxs]").all():
        segment.hover()
    return page, dialogs


def payloads(lang: str) -> list[str]:
    """What the reader must see, as text, in the article of ``lang``."""
    fr = lang == "fr"
    tag = "fr" if fr else "en"
    return [
        f'<img src=x onerror=alert("h1-{tag}")> {{{{ 7*7 }}}}',
        f'<script>alert("script-{tag}")</script>',
        f"<img src=\"x\" onerror=\"alert('img-{tag}')\">",
        f"<a href=\"javascript:alert('link-{tag}')\">{'clic' if fr else 'click'}</a>",
        f"<iframe src=\"javascript:alert('iframe-{tag}')\"></iframe>",
        f"<b onmouseover=\"alert('hover-{tag}')\">{'ici' if fr else 'here'}</b>",
        "<style>body{display:none}</style>",
        f"<svg onload=\"alert('svg-{tag}')\"></svg> <details open ontoggle=\"alert('details-{tag}')\">",
        f"<script>alert('breakout-{tag}')</script>",
        "<script>alert('skeleton')</script>",
        "<div onclick=\"alert('div')\">bloc</div>",
        "Ouvrez <app> puis <Your-Tenant>." if fr else "Open <app> then <Your-Tenant>.",
        "Commentaire <!-- avale la page" if fr else "Comment <!-- swallows the page",
        "Après le commentaire." if fr else "After the comment.",
    ]


@pytest.mark.parametrize(("path", "lang", "title"), [
    (f"{SLUG}/", "en", 'Title <img src=x onerror=alert("h1-en")> {{ 7*7 }}'),
    (f"fr/{SLUG}/", "fr",
     'Titre <script>alert("title-fr")</script> {{ 7*7 }} </title><img src=x onerror=alert("title-img")>'),
])
def test_hostile_article_runs_nothing_and_shows_every_payload_as_text(site, browser, path, lang, title):
    page, dialogs = visit(browser, site + path)
    assert page.evaluate(INJECTED) == []
    text = page.inner_text("article")
    assert [p for p in payloads(lang) if p not in text] == []
    assert page.title().startswith(title)
    assert page.evaluate("getComputedStyle(document.body).display") != "none"
    assert page.locator("article [style]").count() == 0  # attr_list could not add a style
    if lang == "fr":
        content = page.locator('meta[name="description"]').get_attribute("content")
        assert content == '"><script>alert("description")</script>'
    assert dialogs == []
    page.close()


@pytest.mark.parametrize("path", ["", "fr/", "status/", "img-src-x-onerror-alert-file-name/",
                                  "fr/img-src-x-onerror-alert-file-name/"])
def test_pages_listing_the_hostile_article_run_nothing(site, browser, path):
    page, dialogs = visit(browser, site + path)
    assert page.evaluate(INJECTED) == []
    if path != "status/":
        assert "{{ 7*7 }}" in page.inner_text("article")
    assert dialogs == []
    page.close()


@pytest.mark.parametrize(("path", "query", "shown"), [(f"{SLUG}/", "script", "<script>"),
                                                      (f"fr/{SLUG}/", "commentaire", "<!-- avale")])
def test_search_results_show_the_payloads_as_text(site, browser, path, query, shown):
    page, dialogs = visit(browser, site + path)
    page.keyboard.press("/")  # the theme's shortcut to the search box
    field = page.locator("input.md-search__input")
    field.fill(query)
    field.press("End")  # the theme reads the field on key up
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    assert page.locator(".md-search-result script, .md-search-result img[onerror]").count() == 0
    assert shown in page.inner_text(".md-search-result")
    assert page.evaluate(INJECTED) == []
    assert dialogs == []
    page.close()
