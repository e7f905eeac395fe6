"""Site languages from the TM's locales: CLDR names and direction, order, what mkdocs.yml leaves out."""

from __future__ import annotations

import pytest
from mkdocs.config.defaults import MkDocsConfig
from sxs.locales import (
    LanguageSettings,
    language_problems,
    language_settings,
    ordered_languages,
    site_language,
)
from sxs.site.languages import theme_language, with_html_lang


@pytest.mark.parametrize(("code", "name", "direction"), [
    ("fr", "Français", "ltr"), ("de", "Deutsch", "ltr"), ("ja", "日本語", "ltr"),
    ("ar", "العربية", "rtl"), ("he", "עברית", "rtl"), ("fa", "فارسی", "rtl"), ("sw", "Kiswahili", "ltr"),
])
def test_names_and_direction_come_from_cldr(code, name, direction):
    language = site_language(code)
    assert (language.name, language.direction) == (name, direction)


def test_a_code_cldr_lacks_is_its_own_name_left_to_right():
    language = site_language("qq")
    assert (language.name, language.direction) == ("qq", "ltr")


def test_listed_languages_keep_their_order_and_the_others_follow_by_code():
    assert ordered_languages({"de", "ar", "fr"}, ["en", "fr"]) == ["en", "fr", "ar", "de"]
    assert ordered_languages({"de", "ar", "fr"}, ["en", "fr"], add_found=False) == ["en", "fr"]


def test_settings_and_problems_read_from_mkdocs_yml(tmp_path):
    mkdocs_yml = tmp_path / "mkdocs.yml"
    mkdocs_yml.write_text("docs_dir: !ENV [SXS_DOCS, docs]\nplugins:\n  - sxs:\n      tm_languages: false\n"
                          "  - i18n:\n      languages:\n        - locale: en\n        - locale: fr\n",
                          "utf-8")
    settings = language_settings(mkdocs_yml)
    assert settings == LanguageSettings(["en", "fr"], add_found=False)
    problems = language_problems({"fr", "de", "fil"}, settings, "mkdocs.yml")
    assert [(d.code, d.message.split("'")[1]) for d in problems] == [
        ("language-missing", "de"), ("language-unusable", "fil")]
    assert language_problems({"fr", "de"}, LanguageSettings(["en"], add_found=True), "mkdocs.yml") == []


def test_the_theme_speaks_a_language_material_has_and_english_otherwise():
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "theme": {"name": "material"}})
    assert not config.validate()[0]
    assert theme_language("ja", config.theme) == "ja"
    assert theme_language("sw", config.theme) == "en"  # Material has no Swahili labels
    page = '<!doctype html>\n<html lang="en" class="no-js">'
    config.theme["language"] = "en"
    assert with_html_lang(page, "sw", config.theme) == '<!doctype html>\n<html lang="sw" class="no-js">'
    assert with_html_lang(page, "en", config.theme) == page
