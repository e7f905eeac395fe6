"""Interface texts from gettext PO catalogs: shipped catalogs, fallback to marked English, updates."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from helpers import ROOT
from sxs.cli import run
from sxs.messages import (
    CATALOGS,
    MESSAGES,
    SECTION,
    catalog_problems,
    plural_text,
    section_title,
    text,
    translations,
    update_catalogs,
)
from sxs.sections import load_sections

SHIPPED = ("en", "fr", "de")
TITLES = [section.title for section in load_sections(ROOT / "sections.yml")]


@pytest.mark.parametrize("lang", SHIPPED)
def test_shipped_catalogs_pass_msgfmt_check(lang):
    result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(CATALOGS / f"{lang}.po")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert catalog_problems() == []


def test_catalogs_are_up_to_date_with_the_texts_and_sections(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert run(["messages", "--check"]) == 0, capsys.readouterr()


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_text_and_section_title_is_translated_in_the_shipped_catalogs(lang):
    for key, message in MESSAGES.items():
        shown = plural_text(key, 7, lang) if message.plural else text(key, lang, count=7)
        assert shown and shown.lang == lang, key
    for title in TITLES:
        assert section_title(title, lang).lang == lang, title


def test_german_and_french_texts_are_their_own():
    assert text("mt_notice", "de") == "Dieser Artikel wurde maschinell übersetzt."
    assert text("read_in_english", "fr") == "Lire en anglais"
    assert plural_text("home_more", 12, "de") == "Alle 12 Artikel dieses Bereichs"
    assert section_title("Billing and subscriptions", "de") == "Abrechnung und Abonnements"


@pytest.mark.parametrize("lang", ["ja", "ar", "sw"])
def test_a_language_without_a_catalog_gets_the_english_texts_marked_english(lang):
    for key, message in MESSAGES.items():
        shown = plural_text(key, 7, lang) if message.plural else text(key, lang, count=7)
        assert shown.strip() and shown.lang == "en", key
    assert text("mt_notice", lang) == "This article was translated by machine."


def test_update_brings_new_texts_in_untranslated_and_keeps_the_rest(tmp_path):
    shutil.copy2(CATALOGS / "de.po", tmp_path)
    written = update_catalogs([*TITLES[1:], "A new section"], tmp_path)
    assert written == [tmp_path / "sxs.pot", tmp_path / "de.po"]
    german = translations("de", tmp_path)
    assert german.pgettext(SECTION, "A new section") == "A new section"
    assert german.pgettext(SECTION, TITLES[1]) == section_title(TITLES[1], "de")
    assert "#~ msgctxt \"section\"" in (tmp_path / "de.po").read_text("utf-8")  # the removed title
    result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(tmp_path / "de.po")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert update_catalogs([*TITLES[1:], "A new section"], tmp_path) == []


def test_a_fuzzy_translation_is_not_shown(tmp_path):
    po = (CATALOGS / "fr.po").read_text("utf-8")
    po = po.replace('msgctxt "mt_notice"', '#, fuzzy\nmsgctxt "mt_notice"')
    (tmp_path / "fr.po").write_text(po, "utf-8")
    french = translations("fr", tmp_path)
    assert french.pgettext("mt_notice", MESSAGES["mt_notice"].english).lang == "en"
    assert french.pgettext("mt_link", MESSAGES["mt_link"].english) == "Lire l’article original en anglais"
