"""Site languages in static-i18n: the TM's languages added to its config before it reads it.

The sxs plugin runs first (``plugins:`` in mkdocs.yml) and its ``on_config``
splits the TM folder, so it knows the TM's languages before static-i18n's
``on_config`` (priority -100) sets the build up. :func:`configure_languages`
adds each missing one to static-i18n's public config (``languages``, entries
validated as its own ``I18nPluginLanguage``), named from CLDR, and gives every
language its theme settings through static-i18n's per-language ``theme``
override: Material's ``language`` (its own labels where it has the language,
English labels otherwise) and the text ``direction`` from CLDR.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs_static_i18n.config import I18nPluginLanguage

from ..locales import USABLE_CODE, ordered_languages, site_language
from ..messages import MESSAGES, text

FALLBACK_THEME_LANGUAGE = "en"


def configure_languages(i18n, found: set[str], config, add_found: bool = True) -> list[str]:
    """Give static-i18n (plugin ``i18n``) the TM languages ``found``; the settings of each.

    Every language gets its theme settings and, unless mkdocs.yml gives them,
    the site name and description from its interface catalog (when the site's
    are the catalogs' English ones). Returns the problems met, as messages (a
    language static-i18n refuses).
    """
    theme = config.theme
    languages = i18n.config.languages
    listed = [lang.locale for lang in languages]
    problems = []
    for code in ordered_languages({c for c in found if USABLE_CODE.match(c)}, listed, add_found):
        if code in listed:
            continue
        entry = I18nPluginLanguage()
        entry.load_dict({"locale": code, "name": site_language(code).name, "build": True})
        failed, _warnings = entry.validate()
        if failed:
            problems.append(f"language '{code}': " + "; ".join(f"{key}: {error}" for key, error in failed))
        else:
            languages.append(entry)
    if theme.get("direction") is None:
        # static-i18n overrides a theme setting only when mkdocs.yml has one of the same type.
        theme["direction"] = "ltr"
    for entry in languages:
        defaults = {"language": theme_language(entry.locale, theme),
                    "direction": site_language(entry.locale).direction}
        entry.theme = {**defaults, **(entry.theme or {})}
        for key in ("site_name", "site_description"):
            if entry[key] is None and config[key] == MESSAGES[key].english:
                shown = text(key, entry.locale)
                if shown.lang == entry.locale:
                    entry[key] = str(shown)
    return problems


def theme_language(code: str, theme) -> str:
    """The theme language for ``code``: itself where Material has its labels, else English."""
    template = f"partials/languages/{code}.html"
    if any((Path(folder) / template).is_file() for folder in theme.dirs):
        return code
    return FALLBACK_THEME_LANGUAGE


HTML_LANG = re.compile(r'(<html\b[^>]*?\blang=")[^"]*(")')


def with_html_lang(html: str, code: str, theme) -> str:
    """``html`` whose ``<html lang>`` names ``code`` where the theme's labels are another language's."""
    if not code or theme.get("language") == code:
        return html
    return HTML_LANG.sub(lambda m: m.group(1) + code + m.group(2), html, count=1)
