"""What a multilingual site needs beyond mkdocs-static-i18n: search, 404, sitemap.

static-i18n builds the default language into ``site/`` and each other
language into ``site/<lang>/``, one MkDocs build after the other, but it

- merges every language into one search index, so a French search finds
  English pages: here each language gets its own ``<lang>/search/search_index.json``
  (with that language's stemmer) and its pages point Material's client
  configuration ``base`` at the language root, where the search looks for it,
  and ``search`` at ``sxs-search.js``, the theme's worker wrapped so that
  stemming and search-as-you-type work together;
- writes one ``404.html``, overwritten by the last language built: here each
  language keeps its own (``404.html``, ``fr/404.html``);
- writes a sitemap without ``x-default``: here the sitemap lists every page
  with an ``xhtml:link`` alternate per translation and ``x-default`` (the
  default language's page), with absolute URLs from ``site_url``.

The files that span languages are written by the core (assemble.py), which
``sxs assemble`` shares; this module gives it what only a build knows.
"""

from __future__ import annotations

import json
import posixpath
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

import material
from jinja2.utils import htmlsafe_json_dumps
from mkdocs.structure.files import File

from ..assemble import SEARCH_INDEX, Languages, write_search_indexes
from ..fileio import read_text

CLIENT_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
SEARCH_WORKER = "sxs-search.js"  # overrides/assets/javascripts/workers/
# Material's search worker loads lunr.<lang>.min.js from here for an index of that language.
LUNR_FOLDER = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"


@cache
def search_languages() -> frozenset[str]:
    """The languages Material's search has lunr support for (stemmer, segmentation), and English.

    Material's own list, not MkDocs' (static-i18n's): it has Greek and Hebrew too.
    """
    names = (path.name.split(".")[1] for path in LUNR_FOLDER.glob("lunr.*.min.js"))
    return frozenset(name for name in names if name not in {"multi", "stemmer"}) | {"en"}


def with_client_config(html: str, prefix: str) -> str:
    """``html`` with Material's client configuration set for its language's search.

    Material's search fetches ``search/search_index.json`` relative to
    ``base``; pointing ``base`` at the language root (``prefix``) makes the
    page load its own language's index. ``search``, the theme's worker, becomes
    ``sxs-search.js`` in the same folder (``overrides/assets/javascripts/workers``),
    which loads the theme's worker named in its ``worker`` parameter.
    """

    def configured(match: re.Match) -> str:
        data = json.loads(match.group(2))
        if prefix:
            data["base"] = posixpath.join(data["base"], prefix)
        folder, worker = posixpath.split(data["search"])
        data["search"] = posixpath.join(folder, f"{SEARCH_WORKER}?{urlencode({'worker': worker})}")
        return match.group(1) + str(htmlsafe_json_dumps(data)) + match.group(3)

    return CLIENT_CONFIG.sub(configured, html, count=1)


def forget_page_alternates(config) -> None:
    """Drop the language switcher links that static-i18n left from the previous build's last page.

    static-i18n sets each page's switcher links as an attribute,
    ``config.extra.alternate``, but resets only the item, ``config.extra["alternate"]``,
    for the next build; templates read the attribute first. So the next language's
    pages built before any other page (its ``404.html``) linked to the translations of
    the English build's last page instead of the language homes.
    """
    vars(config.extra).pop("alternate", None)


def split_search_index(site_dir: Path, languages: Languages) -> None:
    """Replace the merged search index by one per language, in each language's folder.

    Each language's index uses its stemmer where Material's search has one
    (:func:`search_languages`), English's otherwise.
    """
    merged = json.loads(read_text(site_dir / SEARCH_INDEX))
    write_search_indexes(site_dir, merged, languages, {lang: stemmer(lang) for lang in languages.built})


def stemmer(lang: str) -> list[str]:
    """The ``lang`` of a language's search index: itself where Material's search supports it."""
    return [lang] if lang in search_languages() else ["en"]


def sitemap_entries(files: list[File]) -> list[tuple[str, dict[str, str]]]:
    """(URL, {language: URL of each translation}) of static-i18n's pages of one language."""
    return [(file.url, {lang: alternate.url for lang, alternate in file.alternates.items()})
            for file in files if file.page is not None and not file.page.is_link]
