"""Every language in a real browser: search per language (Japanese, German, Arabic) and right to left.

The help-centre fixture (tests/fixtures/helpcentre/tm) built and served once:
its Japanese, German and Arabic articles hold words that a search must find,
and the Arabic pages must read right to left, with the reader's notice,
tooltips and toggle mirrored and no serious accessibility violation.
"""

from __future__ import annotations

import pytest
from helpers import make_helpcentre
from playwright.sync_api import expect
from served_site import built_and_served, search, serious_violations, shot

pytestmark = [pytest.mark.build, pytest.mark.browser]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_helpcentre(tmp_path_factory.mktemp("helpcentre"))
    with built_and_served(project) as base:
        yield base


@pytest.mark.parametrize(("path", "query"), [
    ("ja/search-ja/", "暗号鍵"),  # a word inside a sentence without spaces: segmented
    ("ja/search-ja/", "管理センター"),  # a query word the index holds as two
    ("zh/search-zh/", "用户"),  # Chinese: segmented by the browser (Intl.Segmenter)
    ("zh/search-zh/", "管理中心"),
    ("de/kompositum/", "Kennwortablaufrichtlinie"),  # a German compound
    ("ar/rtl-article/", "التشفير"),  # Arabic, with its stemmer
])
def test_search_finds_a_word_of_the_article_in_its_language(site, page, path, query):
    page.goto(site + path)
    hrefs = search(page, query)
    assert site + path in hrefs, hrefs
    lang = path.split("/")[0]
    assert all(href.startswith(f"{site}{lang}/") for href in hrefs), hrefs
    shot(page, f"{lang}-search-{query}", full_page=False)


def box(locator) -> dict:
    return locator.evaluate("node => node.getBoundingClientRect().toJSON()")


def test_arabic_pages_read_right_to_left_with_the_reader_mirrored(site, page):
    page.goto(site + "ar/rtl-article/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("body").get_attribute("dir") == "rtl"
    bar = page.locator(".sxs-reader--mt")
    style = bar.evaluate("node => [getComputedStyle(node).borderRightWidth, "
                         "getComputedStyle(node).borderLeftWidth]")
    assert style[0] != "0px" and style[1] == "0px"  # the notice's rule is on the reading side: right
    toggle = page.locator(".sxs-reader__toggle")
    expect(toggle).to_be_visible()
    assert abs(box(toggle)["right"] - box(bar)["right"]) < 40  # the toggle starts at the right
    segment = page.locator('article [data-sxs="eeeee-103"]')
    segment.hover()
    tooltip = page.locator("#sxs-tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_attribute("dir", "ltr")  # English inside a right-to-left page
    assert abs(box(tooltip)["right"] - box(segment)["right"]) < 2  # aligned on the segment's start
    shot(page, "ar-tooltip", full_page=False)
    toggle.click()
    expect(segment).to_have_text("The article text about encryption.")
    expect(segment).to_have_attribute("dir", "ltr")


@pytest.mark.parametrize("path", ["ar/", "ar/rtl-article/", "ar/404.html", "ja/search-ja/", "sw/no-catalog/",
                                  "zh/search-zh/"])
def test_axe_finds_no_serious_or_critical_violation(site, page, path):
    page.goto(site + path)
    assert serious_violations(page) == []
