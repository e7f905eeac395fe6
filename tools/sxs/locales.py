"""Site languages: which the TM folder's locales give, their names and text direction.

The site's languages are English plus the language of every TM locale (``fr-FR``
gives ``fr``). ``mkdocs.yml``'s i18n ``languages`` may list some of them to
order, name or leave them out (``build: false``); the others follow, in code
order, unless the sxs plugin's ``tm_languages`` is ``false``, which makes the
list the whole set. Names (in the language itself) and text direction come
from CLDR through Babel, never from a list of our own.

The MkDocs layer (``site/languages.py``) gives static-i18n the languages; the
core uses this module to tell, before a build, which TM languages a site leaves
out (``sxs split --mkdocs``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from .diagnostics import ERROR, Diagnostic

# The language codes static-i18n accepts (its config.RE_LOCALE, the forms a TM locale gives).
USABLE_CODE = re.compile(r"^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$")


@dataclass(frozen=True)
class SiteLanguage:
    """A site language: its code, its name in itself and its text direction (CLDR)."""

    code: str
    name: str
    direction: str  # "ltr" or "rtl"


@cache
def site_language(code: str) -> SiteLanguage:
    """CLDR's name and direction of ``code``; the code itself, left to right, when CLDR lacks it.

    The name starts with a capital, as in a menu (CLDR's "uiListOrMenu" context
    capitalises the first word: "français" becomes "Français").
    """
    try:
        locale = Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError):
        return SiteLanguage(code, code, "ltr")
    name = locale.get_display_name(locale) or code
    direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
    return SiteLanguage(code, name[:1].upper() + name[1:], direction)


def ordered_languages(found: set[str], listed: list[str], add_found: bool = True) -> list[str]:
    """The site's languages: ``listed`` ones in their order, then (``add_found``) the other ``found``."""
    added = sorted(set(found) - set(listed)) if add_found else []
    return [*listed, *added]


@dataclass(frozen=True)
class LanguageSettings:
    """What ``mkdocs.yml`` says of the site's languages."""

    listed: list[str]  # i18n languages, in order
    add_found: bool  # the sxs plugin's tm_languages


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, turning tags such as ``!ENV`` into plain values."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def language_settings(mkdocs_yml: Path) -> LanguageSettings:
    """The languages that ``mkdocs_yml`` lists under the i18n plugin, and whether TM ones are added."""
    config = yaml.load(mkdocs_yml.read_text("utf-8"), Loader=_TolerantLoader) or {}
    listed: list[str] = []
    add_found = True
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            listed = [str(lang.get("locale")) for lang in plugin["i18n"].get("languages") or []]
        if isinstance(plugin, dict) and isinstance(plugin.get("sxs"), dict):
            add_found = plugin["sxs"].get("tm_languages", True) is not False
    return LanguageSettings(listed, add_found)


def language_problems(found: set[str], settings: LanguageSettings, where: str) -> list[Diagnostic]:
    """Errors for TM languages the site cannot have: unlisted while not added, or unusable codes."""
    problems = []
    for code in sorted(found):
        if not USABLE_CODE.match(code):
            problems.append(Diagnostic(ERROR, "language-unusable", where, 1,
                                       f"TM files target language '{code}', which static-i18n cannot "
                                       "build (it takes two-letter codes); these articles are not published"))
        elif not settings.add_found and code not in settings.listed:
            problems.append(Diagnostic(ERROR, "language-missing", where, 1,
                                       f"TM files target language '{code}' but mkdocs.yml lists no such "
                                       "language and the sxs plugin's tm_languages is false; add "
                                       f"'- locale: {code}' under plugins: i18n: languages:"))
    return problems
