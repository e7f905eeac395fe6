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
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlencode, urljoin
from xml.etree import ElementTree

import material
from jinja2.utils import htmlsafe_json_dumps
from mkdocs.structure.files import File

from ..fileio import read_text, write_if_changed

CLIENT_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
SEARCH_WORKER = "sxs-search.js"  # overrides/assets/javascripts/workers/
SEARCH_PIPELINE = ["stemmer", "stopWordFilter", "trimmer"]
# Material's search worker loads lunr.<lang>.min.js from here for an index of that language.
LUNR_FOLDER = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"


@cache
def search_languages() -> frozenset[str]:
    """The languages Material's search has lunr support for (stemmer, segmentation), and English.

    Material's own list, not MkDocs' (static-i18n's): it has Greek and Hebrew too.
    """
    names = (path.name.split(".")[1] for path in LUNR_FOLDER.glob("lunr.*.min.js"))
    return frozenset(name for name in names if name not in {"multi", "stemmer"}) | {"en"}


@dataclass(frozen=True)
class Languages:
    """The site's languages: the default one (at the root) and every one built."""

    default: str
    built: tuple[str, ...]

    def prefix(self, lang: str) -> str:
        """The folder of a language's pages in the site: ``""`` or ``"fr/"``."""
        return "" if lang == self.default else f"{lang}/"

    def of_location(self, location: str) -> str:
        """The language of a site-relative URL."""
        for lang in self.built:
            if lang != self.default and location.startswith(self.prefix(lang)):
                return lang
        return self.default


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


def remove_search_duplicates(entries: list[dict], prefixes: tuple[str, ...]) -> None:
    """static-i18n's removal of duplicated search entries, in linear rather than quadratic time.

    An entry of another language (location starting with one of ``prefixes``)
    goes when a default-language entry has its title and text and a location
    that ends its location. static-i18n compares every pair (minutes when
    ``serve --dirty`` reloads the previous index); here candidates are found by
    (title, text). The result is the same for entries ordered as built (the
    default language first; tests/test_search_duplicates.py).
    """
    defaults: dict[tuple[str, str], list[str]] = {}
    for entry in entries:
        if not entry["location"].startswith(prefixes):
            defaults.setdefault((entry["title"], entry["text"]), []).append(entry["location"])
    entries[:] = [entry for entry in entries
                  if not (entry["location"].startswith(prefixes)
                          and any(entry["location"].endswith(location)
                                  for location in defaults.get((entry["title"], entry["text"]), ())))]


def split_search_index(site_dir: Path, languages: Languages) -> None:
    """Replace the merged search index by one per language, in each language's folder.

    Locations become relative to the language root (the pages' ``base``);
    ``config.lang`` names the language so that search uses its stemmer, which
    the pipeline keeps (``sxs-search.js`` makes it work with prefixes).
    """
    merged = json.loads(read_text(site_dir / "search" / "search_index.json"))
    for lang in languages.built:
        prefix = languages.prefix(lang)
        docs = [
            {**doc, "location": doc["location"][len(prefix):]}
            for doc in merged["docs"]
            if languages.of_location(doc["location"]) == lang
        ]
        stemmer = [lang] if lang in search_languages() else ["en"]
        config = {**merged["config"], "lang": stemmer, "pipeline": SEARCH_PIPELINE}
        index = {**merged, "config": config, "docs": docs}
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        write_if_changed(site_dir / prefix / "search" / "search_index.json", text)


def sitemap_xml(pages: list[tuple[str, dict[str, str]]], site_url: str, default: str) -> str:
    """A sitemap of ``pages`` (site-relative URL, {language: URL of each translation}).

    Each URL lists its translations as ``xhtml:link`` alternates plus
    ``x-default`` (the default language's page); URLs are made absolute
    against ``site_url``.
    """
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    urlset = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    for url, alternates in pages:
        entry = ElementTree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ElementTree.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = urljoin(site_url, url)
        links = sorted(alternates.items())
        if default in alternates:
            links.append(("x-default", alternates[default]))
        for lang, href in links:
            ElementTree.SubElement(entry, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=lang,
                                   href=urljoin(site_url, href))
    ElementTree.indent(urlset)
    return ElementTree.tostring(urlset, encoding="unicode", xml_declaration=True) + "\n"


def sitemap_entries(files: list[File]) -> list[tuple[str, dict[str, str]]]:
    """(URL, {language: URL of each translation}) of static-i18n's pages of one language."""
    return [(file.url, {lang: alternate.url for lang, alternate in file.alternates.items()})
            for file in files if file.page is not None and not file.page.is_link]


def write_sitemap(site_dir: Path, site_url: str | None, entries: dict[str, list[tuple[str, dict[str, str]]]],
                  languages: Languages) -> None:
    """Write ``sitemap.xml`` (and its gzip): ``entries`` are each language's :func:`sitemap_entries`."""
    pages = [page for lang in languages.built for page in entries.get(lang, [])]
    text = sitemap_xml(pages, site_url or "/", languages.default)
    write_if_changed(site_dir / "sitemap.xml", text)
    write_if_changed(site_dir / "sitemap.xml.gz", gzip.compress(text.encode("utf-8"), mtime=0))


def write_not_found_pages(site_dir: Path, pages: dict[str, str], languages: Languages) -> None:
    """Write each language's 404 page into its folder (``404.html``, ``fr/404.html``)."""
    for lang, html in pages.items():
        write_if_changed(site_dir / languages.prefix(lang) / "404.html", html)
