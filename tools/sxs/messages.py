"""Interface texts: every text sxs adds to pages, from one gettext PO catalog per language.

The English texts are defined here (:data:`MESSAGES`, each keyed by its
``msgctxt``) and, for section titles, in ``sections.yml``; ``sxs messages``
extracts them into the template ``catalogs/sxs.pot`` and merges it into each
``catalogs/<language>.po``, which the localization team translates with the
tools it uses for articles (PO is one of ``sxs export``'s formats too).

A catalog is read with Babel and compiled in memory to gettext's MO form; a
fuzzy or empty translation counts as missing. A text missing from a language's
catalog (or a language without one) is the English text, and says so: every
text is a :class:`Text`, whose ``lang`` is the language it is written in, so
the pages can mark English texts ``lang="en"``. A text is never empty.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from .fileio import write_if_changed

CATALOGS = Path(__file__).with_name("catalogs")
TEMPLATE = "sxs.pot"
SECTION = "section"  # msgctxt of section titles (their English title is the msgid)


@dataclass(frozen=True)
class Message:
    """An interface text: its English singular (and plural) and a note for translators."""

    english: str
    comment: str
    plural: str | None = None


MESSAGES: dict[str, Message] = {
    "site_name": Message("Help Center", "Name of the site, in the header of every page."),
    "site_description": Message("Help articles", "Description of the site, for search engines."),
    "home_title": Message("Help articles", "Title of the home page."),
    "home_intro": Message(
        "Browse the articles by section, or search them with the search box at the top of every page.",
        "Introduction of the home page, under its title."),
    "home_more": Message(
        "The only article of this section", "Home page: link to a section's page, after its first articles.",
        plural="All {count} articles of this section"),
    "reader_region": Message("About this translation",
                             "Accessible name of the box above a translated article."),
    "mt_notice": Message("This article was translated by machine.",
                         "Notice above a machine-translated article, in bold."),
    "mt_hint": Message(
        "Point to a sentence, tap it or move the focus to it to see the original English text.",
        "Follows the machine-translation notice: how to see each sentence's English original."),
    "mt_link": Message("Read the original English article",
                       "Link from the machine-translation notice to the English article."),
    "read_in_english": Message(
        "Read in English",
        "Button that shows the whole article in English, and back (pressed: a check mark shows)."),
    "not_found_title": Message("Page not found", "Title of the page shown for a missing address (404)."),
    "not_found_text": Message("This page does not exist or has moved.", "Text of the 404 page."),
    "not_found_home": Message("Go to the help articles", "Link from the 404 page to the home page."),
    "alert_note": Message("Note", "Title of a note box in an article (DocFX [!NOTE])."),
    "alert_tip": Message("Tip", "Title of a tip box in an article (DocFX [!TIP])."),
    "alert_info": Message("Important", "Title of an important-information box (DocFX [!IMPORTANT])."),
    "alert_warning": Message("Warning", "Title of a warning box in an article (DocFX [!WARNING])."),
    "alert_danger": Message("Caution", "Title of a caution box in an article (DocFX [!CAUTION])."),
    "status_title": Message("Translation status", "Title of the translation status page."),
    "status_intro": Message(
        "{count} articles. Segments of machine-translated (MT) and human-translated (HT) articles, "
        "segments left untranslated, and quality-check findings (sxs check).",
        "Status page: introduction; {count} is the number of articles (always several). Keep “sxs check”."),
    "status_mt": Message("MT segments", "Status page: bar of segments in machine-translated articles."),
    "status_ht": Message("HT segments", "Status page: bar of segments in human-translated articles."),
    "status_untranslated": Message("Untranslated", "Status page: bar and column of untranslated segments."),
    "status_errors": Message("Errors", "Status page: bar and column of quality-check errors."),
    "status_warnings": Message("Warnings", "Status page: bar and column of quality-check warnings."),
    "status_locales": Message("By locale", "Status page: heading of the table of each locale's figures."),
    "status_articles": Message("By article", "Status page: heading of the table of each article's figures."),
    "status_locale": Message("Locale", "Status page: table column of locale codes (fr-FR, de-DE)."),
    "status_file": Message("File", "Status page: table column of TM file names."),
    "status_segments": Message("Segments", "Status page: table column of segment counts."),
    "status_handoff": Message("Handoff", "Status page: table column of the date of the last handoff."),
}


class Text(str):
    """An interface text, and the language it is written in (``lang``)."""

    lang: str

    def __new__(cls, text: str, lang: str) -> Text:
        made = super().__new__(cls, text)
        made.lang = lang
        return made


class _English(gettext.NullTranslations):
    """What a catalog lacks: the English text, marked English."""

    def pgettext(self, context: str, message: str) -> str:
        return Text(message, "en")

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return Text(singular if n == 1 else plural, "en")


def catalog_path(lang: str, folder: Path = CATALOGS) -> Path:
    """The PO catalog of a language (``catalogs/fr.po``)."""
    return folder / f"{lang}.po"


@cache
def translations(lang: str, folder: Path = CATALOGS) -> gettext.NullTranslations:
    """The translations of ``lang``'s catalog, falling back to English; English alone without one."""
    path = catalog_path(lang, folder)
    if not path.is_file():
        return _English()
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=lang.replace("-", "_"), abort_invalid=True)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    loaded = gettext.GNUTranslations(compiled)
    loaded.add_fallback(_English())
    return loaded


def _text(found: str, lang: str, values: dict) -> Text:
    written_in = found.lang if isinstance(found, Text) else lang
    return Text(found.format(**values) if values else found, written_in)


def text(key: str, lang: str, **values: object) -> Text:
    """The interface text ``key`` in ``lang`` (English when not translated), ``values`` filled in."""
    message = MESSAGES[key]
    return _text(translations(lang).pgettext(key, message.english), lang, values)


def plural_text(key: str, count: int, lang: str, **values: object) -> Text:
    """The form of the interface text ``key`` for ``count`` in ``lang``; ``{count}`` is filled in."""
    message = MESSAGES[key]
    found = translations(lang).npgettext(key, message.english, message.plural, count)
    return _text(found, lang, {"count": count, **values})


def section_title(english: str, lang: str) -> Text:
    """A section's title in ``lang``, from its English title in ``sections.yml``."""
    return _text(translations(lang).pgettext(SECTION, english), lang, {})


def template(section_titles: list[str]) -> Catalog:
    """The catalog template: every message, then each section title (context ``section``)."""
    catalog = Catalog(domain="sxs", project="sxs", version="1.0", fuzzy=False, charset="utf-8",
                      header_comment="# Interface texts of the sxs help site (tools/sxs/messages.py, "
                                     "sections.yml).\n# Made by `sxs messages`: do not edit; "
                                     "translate <language>.po.\n#")
    for key, message in MESSAGES.items():
        msgid = (message.english, message.plural) if message.plural else message.english
        catalog.add(msgid, context=key, auto_comments=[message.comment],
                    flags=["python-brace-format"] if "{" in "".join(filter(None, msgid)) else [])
    for title in section_titles:
        catalog.add(title, context=SECTION, auto_comments=["Title of a section of the help centre."])
    return catalog


def _entries(catalog: Catalog) -> list[tuple]:
    """What a catalog says, without its header's dates: to write it only when that changes."""
    def string(message) -> object:
        return tuple(message.string) if isinstance(message.string, (list, tuple)) else message.string or ""

    return [(m.context, m.id, string(m), sorted(m.flags), m.auto_comments, m.user_comments)
            for m in catalog if m.id] + [(m.context, m.id, string(m)) for m in catalog.obsolete.values()]


def _differs(path: Path, catalog: Catalog, known: Catalog | None, write: bool) -> bool:
    """True when ``catalog`` says more or less than ``known`` (``path``'s), written there if ``write``."""
    if known is not None and _entries(known) == _entries(catalog):
        return False
    if write:
        data = BytesIO()
        write_po(data, catalog, width=100, no_location=True)
        write_if_changed(path, data.getvalue())
    return True


def _read(path: Path, lang: str | None = None) -> Catalog | None:
    if not path.is_file():
        return None
    with path.open("rb") as stream:
        return read_po(stream, locale=lang, abort_invalid=True)


def update_catalogs(section_titles: list[str], folder: Path = CATALOGS, *, write: bool = True) -> list[Path]:
    """Write the template and merge it into every ``<language>.po`` of ``folder``; the files written.

    As ``msgmerge`` does: new texts come in untranslated, a changed English
    text keeps its old translation marked fuzzy (not shown until reviewed),
    removed texts become obsolete (``#~``). Without ``write``, nothing is
    written: the files that would be are returned.
    """
    new = template(section_titles)
    changed = []
    pot = folder / TEMPLATE
    if _differs(pot, new, _read(pot), write):
        changed.append(pot)
    for path in sorted(folder.glob("*.po")):
        catalog, known = _read(path, _locale(path)), _read(path, _locale(path))
        catalog.update(new, update_creation_date=False)
        if _differs(path, catalog, known, write):
            changed.append(path)
    return changed


def outdated_catalogs(section_titles: list[str], folder: Path = CATALOGS) -> list[Path]:
    """The catalogs that :func:`update_catalogs` would write."""
    return update_catalogs(section_titles, folder, write=False)


def _locale(path: Path) -> str:
    return path.stem.replace("-", "_")


def catalog_problems(folder: Path = CATALOGS) -> list[str]:
    """What is wrong with the catalogs of ``folder``: placeholders and plural forms (Babel's checks)."""
    problems = []
    for path in sorted(folder.glob("*.po")):
        try:
            catalog = _read(path, _locale(path))
        except Exception as error:  # Babel raises its own or ValueError on a malformed file
            problems.append(f"{path}: {error}")
            continue
        for message, errors in catalog.check():
            problems.extend(f"{path}:{message.lineno}: {error}" for error in errors)
    return problems
