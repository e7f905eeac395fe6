"""A small help centre with every case of the real one: split, then a strict build.

The fixture (tests/fixtures/helpcentre/tm) holds DocFX alerts of every kind and
spelling, a video, anchored headings, site-relative and inter-article links, an
image linked with other letter case, French-only alt text, German (with a
catalog), Arabic (right to left), Japanese, Chinese and Swahili (no catalog;
Material has no Swahili labels) locales that no config lists, a file whose
"English" is Spanish, front matter turned into segments, a stray span, an
include and a same-named article in a subfolder.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from helpers import HELPCENTRE as FIXTURE
from helpers import make_helpcentre, mkdocs_build
from sxs.cli import run
from sxs.site.multilingual import search_languages
from sxs.split import split

pytestmark = pytest.mark.build

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_helpcentre(tmp_path_factory.mktemp("helpcentre"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def page(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def test_split_diagnoses_each_oddity_and_goes_on(tmp_path):
    report = split(FIXTURE, tmp_path / "docs")
    found = {(d.code, d.path.split("/", 1)[1], d.segment_id) for d in report.diagnostics}
    assert found == {
        ("include-skipped", "fr-FR/includes/fragment.md", ""),
        ("source-not-english", "fr-FR/spanish-source.md", ""),
        ("segments-in-front-matter", "fr-FR/front-matter-segments.md", ""),
        ("stray-span", "fr-FR/stray-span.md", "0b0b0-103"),
        ("untranslated-alt", "fr-FR/docfx-alerts.md", ""),
        ("english-differs", "fr-FR/docfx-alerts.md", ""),
        ("media-fallback", "de-DE/docfx-alerts.md", ""),
    }
    assert report.ok  # all warnings: every article is published
    docs = tmp_path / "docs"
    assert not (docs / "spanish-source.en.md").exists() and (docs / "spanish-source.fr.md").exists()
    assert not (docs / "includes").exists()
    assert (docs / "commercial-dialogues" / "other-article.fr.md").exists()
    media = sorted(p.name for p in (docs / "media").iterdir())
    # fr and de differ (one each: the first language code is shared); identical is stored once
    assert media == ["french-only.png", "identical.png", "setting.PNG", "setting.fr.PNG"]
    assert (docs / "media/setting.PNG").read_bytes() == (FIXTURE / "de-DE/media/setting.png").read_bytes()
    assert (docs / "media/setting.fr.PNG").read_bytes() == (FIXTURE / "fr-FR/media/Setting.png").read_bytes()
    stray = (docs / "stray-span.fr.md").read_text("utf-8")
    assert '<span data-sxs="0b0b0-103">suivez les instructions</span> de cet article</span>' in stray


def test_the_site_languages_are_the_tm_locales_named_by_cldr(site):
    """mkdocs.yml lists English alone; the TM folder's languages follow it by code."""
    switcher = page(site, "de/docfx-alerts").select("a.md-select__link")
    assert [(a["hreflang"], a.get_text(strip=True)) for a in switcher] == [
        ("en", "English"), ("ar", "العربية"), ("de", "Deutsch"), ("fr", "Français"), ("ja", "日本語"),
        ("sw", "Kiswahili"), ("zh", "中文")]
    assert page(site, "de/docfx-alerts").html["lang"] == "de"


def without_tm_languages(text: str) -> str:
    return text.replace("tm_dir: !ENV [SXS_TM, tm]", "tm_dir: !ENV [SXS_TM, tm]\n      tm_languages: false")


def test_with_tm_languages_off_an_unlisted_locale_is_reported_and_fails_the_build(tmp_path, capsys,
                                                                                   monkeypatch):
    project = make_helpcentre(tmp_path, config_edit=without_tm_languages)
    monkeypatch.chdir(project)
    assert run(["split", "--check"]) == 1
    err = capsys.readouterr().err
    assert "mkdocs.yml:1: error: TM files target language 'ar'" in err
    assert "language 'de'" in err
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "language-missing" in result.stderr


def test_languages_listed_in_mkdocs_yml_are_ordered_and_can_be_left_out(tmp_path, capsys, monkeypatch):
    def edit(text: str) -> str:
        return text.rstrip("\n") + (
            "\n        - locale: ar\n          name: Arabic (test)\n          build: false"
            "\n        - locale: de\n          name: Deutsch (Test)\n")
    project = make_helpcentre(tmp_path, config_edit=edit)
    monkeypatch.chdir(project)
    run(["split", "--check"])
    assert "(language-" not in capsys.readouterr().err
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert not (site / "ar").exists()
    switcher = page(site, "de/docfx-alerts").select("a.md-select__link")
    assert [a.get_text(strip=True) for a in switcher] == ["English", "Deutsch (Test)", "Français", "日本語",
                                                          "Kiswahili", "中文"]


@pytest.mark.parametrize(("path", "titles"), [
    ("docfx-alerts", ["Note", "Tip", "Important", "Warning", "Caution"]),
    ("fr/docfx-alerts", ["Remarque", "Conseil", "Important", "Avertissement", "Attention"]),
])
def test_alerts_become_admonitions_titled_in_the_page_language(site, path, titles):
    doc = page(site, path)
    shown = [a.select_one(".admonition-title").get_text() for a in doc.select("article .admonition")]
    if path.startswith("fr"):
        assert shown == titles
        nested = doc.select_one("article ol li .admonition.note [data-sxs]")
        assert nested["data-sxs"] == "aaaaa-104"
    else:  # the English page comes from the newer German handoff: one note
        assert shown == ["Note"]
    assert "[!" not in doc.select_one("article").get_text()


def test_video_headings_and_links(site):
    french = page(site, "fr/docfx-alerts")
    frame = french.select_one("article .sxs-video iframe")
    assert frame["src"] == "https://www.microsoft.com/videoplayer/embed/RE2MuO3?autoplay=false"
    assert french.select_one("article h1")["id"] == "alerts-and-links"
    assert french.select_one("article h2")["id"] == "links-section"
    hrefs = [a["href"] for a in french.select('article [data-sxs="aaaaa-110"] a')]
    assert hrefs == ["https://learn.microsoft.com/fr-fr/microsoft-365/admin/admin-overview",
                     "../other-article/#deep-part"]
    other = page(site, "other-article")
    assert other.select_one("article h2")["id"] == "deep-part"
    assert [a["href"] for a in other.select("article a[href*=links]")] == ["../docfx-alerts/#links-section"]
    german = page(site, "de/docfx-alerts")
    assert german.select_one("article h1")["id"] == "alerts-and-links"


def test_an_english_side_rendered_in_a_translation_s_build_is_english(site):
    """French docfx-alerts renders its own English (the English page is the newer German file's)."""
    template = page(site, "fr/docfx-alerts").select_one("template#sxs-english")
    english = BeautifulSoup(template.decode_contents(), "html.parser")
    hrefs = [a["href"] for a in english.select('[data-sxs-en="aaaaa-110"] a')]
    assert hrefs[0] == "https://learn.microsoft.com/en-us/microsoft-365/admin/admin-overview"


def test_media_with_other_letter_case_resolves(site):
    image = page(site, "fr/docfx-alerts").select_one("article img")
    assert image["alt"] == "Capture d’écran du paramètre"
    target = (site / "fr" / "docfx-alerts" / image["src"]).resolve()
    assert target.is_file()


def images(site, path: str) -> dict[str, str]:
    """The site file each image of a page shows, by its name in the link (site-relative)."""
    return {img["src"].rsplit("/", 1)[-1]: (site / path / img["src"]).resolve().relative_to(site).as_posix()
            for img in page(site, path).select("article img")}


def test_each_language_shows_its_locale_s_images_and_identical_ones_are_stored_once(site):
    german, french = images(site, "de/docfx-alerts"), images(site, "fr/docfx-alerts")
    assert (site / german["setting.PNG"]).read_bytes() == (FIXTURE / "de-DE/media/setting.png").read_bytes()
    assert (site / french["setting.PNG"]).read_bytes() == (FIXTURE / "fr-FR/media/Setting.png").read_bytes()
    assert german["identical.png"] == french["identical.png"] == "media/identical.png"
    copies = [p for p in site.rglob("*.png") if p.read_bytes() == (site / "media/identical.png").read_bytes()]
    assert copies == [site / "media/identical.png"]


def test_an_image_the_locale_lacks_falls_back_to_another_locale_s(site):
    """de-DE has no media/french-only.png: the German page shows fr-FR's (the split warns)."""
    shown = images(site, "de/docfx-alerts")["french-only.png"]
    assert (site / shown).read_bytes() == (FIXTURE / "fr-FR/media/french-only.png").read_bytes()


def test_languages_and_direction(site):
    arabic = page(site, "ar/rtl-article")
    assert arabic.html["lang"] == "ar"
    assert arabic.body["dir"] == "rtl"
    assert page(site, "fr/docfx-alerts").body["dir"] == "ltr"
    english = page(site, "docfx-alerts")
    assert english.select_one('[data-sxs="ddddd-102"]').get_text() == "Alerts and links, updated"


def test_oddities_are_published_as_decided(site):
    assert not (site / "spanish-source").exists()
    assert page(site, "fr/spanish-source").select_one('[data-sxs="fffff-103"]')
    assert not (site / "includes").exists() and not (site / "fr" / "includes").exists()
    assert page(site, "fr/front-matter-segments").title.get_text().startswith("Présence")
    assert page(site, "fr/commercial-dialogues/other-article").select_one('[data-sxs="ccccc-102"]')


def test_german_pages_speak_german_from_its_catalog_and_material(site):
    article = page(site, "de/docfx-alerts")
    bar = article.select_one(".sxs-reader")
    assert bar["aria-label"] == "Über diese Übersetzung"
    assert bar.select_one("strong").get_text() == "Dieser Artikel wurde maschinell übersetzt."
    assert bar.select_one("button").get_text() == "Auf Englisch lesen"
    assert not bar.select("[lang]")
    assert [t.get_text() for t in article.select(".admonition-title")] == ["Hinweis"]
    assert article.select_one("input.md-search__input")["placeholder"] == "Suche"  # Material's German
    assert article.select_one(".md-header__topic").get_text(strip=True) == "Hilfecenter"
    home = page(site, "de")
    assert home.select_one("article h1").get_text() == "Hilfeartikel"
    assert not home.select("article [lang]")
    not_found = BeautifulSoup((site / "de" / "404.html").read_text("utf-8"), "html.parser")
    assert not_found.select_one("article h1").get_text() == "Seite nicht gefunden"


@pytest.mark.parametrize("path", ["ja/search-ja", "sw/no-catalog", "ar/rtl-article"])
def test_a_language_without_a_catalog_shows_english_texts_marked_english(site, path):
    article = page(site, path)
    lang = path.split("/")[0]
    assert article.html["lang"] == lang  # Swahili: Material has no labels, the page still says sw
    notice = article.select_one(".sxs-reader__notice strong")
    assert notice.get_text() == "This article was translated by machine."
    assert notice.select_one("[lang]")["lang"] == "en"
    assert article.select_one(".sxs-reader__toggle [lang=en]").get_text() == "Read in English"
    for title in article.select(".admonition-title"):
        assert title["lang"] == "en"
    home = page(site, lang)
    assert home.select_one("article h1")["lang"] == "en"
    assert home.select_one("article h1").get_text() == "Help articles"


def test_each_language_s_search_index_uses_material_s_support_for_it(site):
    for lang, lunr in [("de", "de"), ("ar", "ar"), ("ja", "ja"), ("zh", "zh"), ("sw", "en")]:
        index = json.loads((site / lang / "search" / "search_index.json").read_text("utf-8"))
        assert index["config"]["lang"] == [lunr], lang
        assert {doc["location"].split("/")[0] for doc in index["docs"]} != {""}
    assert {"he", "el"} <= search_languages()  # Material's, beyond MkDocs' list
