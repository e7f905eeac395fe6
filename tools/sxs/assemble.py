"""The site files that span languages, and ``sxs assemble``: one site from languages built alone.

A multilingual site has the default language at its root and every other
language in its folder (``fr/``), plus files that span the languages: one
search index per language, taken from the entries of every language with
those of another language that repeat a default-language page left out; one
404 page per language; one sitemap listing every page with its translations
(an index of several beyond the limits of one sitemap file).
The MkDocs layer (site/multilingual.py) writes them at the end of a whole
build; :func:`assemble` writes them from languages built alone (the sxs
plugin's ``only_language``), each into its own folder, maybe on its own
machine: the assembled site is the same, file for file.

A language built alone (``mkdocs build`` with ``SXS_ONLY_LANGUAGE``) leaves
in its ``site_dir`` its part of the site (the default language: the root;
another: its folder ``fr/``), what every build writes at the root (the
theme's assets, the media), its search entries in ``search/search_index.json``
as Material wrote them, and a :data:`MANIFEST`: its language, the site's
languages, its stemmer and its sitemap entries.
"""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import chain
from pathlib import Path
from urllib.parse import urljoin
from xml.sax.saxutils import escape

from .fileio import read_text, write_if_changed

MANIFEST = ".sxs-language.json"  # what a language built alone tells the assembly
SEARCH_INDEX = "search/search_index.json"  # in each language's folder
SEARCH_PIPELINE = ["stemmer", "stopWordFilter", "trimmer"]
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
SitemapEntries = list[tuple[str, dict[str, str]]]  # (site-relative URL, {language: URL of each translation})
SITEMAP_MAX_URLS, SITEMAP_MAX_BYTES = 50_000, 50 * 1024 * 1024  # in one sitemap file (sitemaps.org)
XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"
SITEMAP_HEAD = f'{XML_DECLARATION}<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n'
SITEMAP_TAIL = "</urlset>\n"
SITEMAP_INDEX_HEAD = f'{XML_DECLARATION}<sitemapindex xmlns="{SITEMAP_NS}">\n'
# Escaped in a double-quoted attribute as ElementTree escapes them, besides &, < and >.
ATTRIBUTE_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}


class AssembleError(Exception):
    """Language folders that do not make one site; the message names the folder."""


@dataclass(frozen=True)
class Languages:
    """The site's languages: the default one (at the root) and every one built."""

    default: str
    built: tuple[str, ...]

    def prefix(self, lang: str) -> str:
        """The folder of a language's pages in the site: ``""`` or ``"fr/"``."""
        return "" if lang == self.default else f"{lang}/"

    def of_location(self, location: str) -> str:
        """The language of a site-relative URL: the first folder's, if a language's, else the default."""
        folder, slash, _ = location.partition("/")
        return folder if slash and folder != self.default and folder in self.built else self.default


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


def write_search_indexes(site_dir: Path, merged: dict, languages: Languages,
                         stemmers: dict[str, list[str]]) -> None:
    """One search index per language, in its folder, from the ``merged`` index of every language.

    Locations become relative to the language root (the pages' ``base``);
    ``config.lang`` is the language's stemmer (``stemmers``), which the
    pipeline keeps (``sxs-search.js`` makes it work with prefixes).
    """
    by_language: dict[str, list[dict]] = {lang: [] for lang in languages.built}
    for doc in merged["docs"]:  # one pass: with 41 languages, one pass per language took 22-24 s
        by_language[languages.of_location(doc["location"])].append(doc)
    for lang, entries in by_language.items():
        prefix = languages.prefix(lang)
        docs = [{**doc, "location": doc["location"][len(prefix):]} for doc in entries]
        config = {**merged["config"], "lang": stemmers[lang], "pipeline": SEARCH_PIPELINE}
        index = {**merged, "config": config, "docs": docs}
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        write_if_changed(site_dir / prefix / SEARCH_INDEX, text)


def shared_alternates(entries: SitemapEntries, pool: dict) -> SitemapEntries:
    """``entries`` with each translations mapping replaced by an equal one from ``pool`` (or added to it).

    Every translation of a page lists the same translations: with them shared,
    a site holds one mapping per page, not one per page and language (with 40
    locales of 3,000 pages, 600 MB).
    """
    return [(url, pool.setdefault(tuple(sorted(alternates.items())), alternates))
            for url, alternates in entries]


def sitemap_urls(pages: Iterable[tuple[str, dict[str, str]]], site_url: str, default: str) -> Iterator[str]:
    """Each page's ``<url>`` element of a sitemap, as text.

    It lists the page's translations as ``xhtml:link`` alternates plus
    ``x-default`` (the default language's page); URLs are made absolute
    against ``site_url``.
    """
    # Each URL comes once per language, and as its own: made absolute and escaped once.
    loc = cache(lambda url: escape(urljoin(site_url, url)))
    attribute = cache(lambda value: escape(value, ATTRIBUTE_ENTITIES))  # as ElementTree escapes it
    href = cache(lambda url: attribute(urljoin(site_url, url)))
    made: dict[int, tuple[dict, str]] = {}  # each mapping's links, made once (shared_alternates)
    for url, alternates in pages:
        mapping, links = made.get(id(alternates), (None, ""))
        if mapping is not alternates:
            translations = sorted(alternates.items())
            if default in alternates:
                translations.append(("x-default", alternates[default]))
            links = "".join(f'    <xhtml:link rel="alternate" hreflang="{attribute(lang)}" '
                            f'href="{href(alternate)}" />\n' for lang, alternate in translations)
            made[id(alternates)] = alternates, links
        yield f"  <url>\n    <loc>{loc(url)}</loc>\n{links}  </url>\n"


def sitemap_files(urls: Iterable[str]) -> Iterator[str]:
    """Sitemaps of ``<url>`` elements (:func:`sitemap_urls`), each within sitemaps.org's limits."""
    part, size = [], len(SITEMAP_HEAD) + len(SITEMAP_TAIL)
    for url in urls:
        url_size = len(url.encode("utf-8"))
        if part and (len(part) == SITEMAP_MAX_URLS or size + url_size > SITEMAP_MAX_BYTES):
            yield "".join([SITEMAP_HEAD, *part, SITEMAP_TAIL])
            part, size = [], len(SITEMAP_HEAD) + len(SITEMAP_TAIL)
        part.append(url)
        size += url_size
    yield "".join([SITEMAP_HEAD, *part, SITEMAP_TAIL])


def write_sitemap(site_dir: Path, site_url: str | None, entries: dict[str, SitemapEntries],
                  languages: Languages) -> None:
    """Write ``sitemap.xml`` (and its gzip) from each language's sitemap entries.

    Beyond sitemaps.org's limits for one file (50,000 URLs, 50 MB), the pages
    go into ``sitemap-1.xml``, ``sitemap-2.xml``... and ``sitemap.xml`` is
    their index. One part is held in memory at a time (two while the second
    is made).
    """
    base = site_url or "/"
    pages = (page for lang in languages.built for page in entries.get(lang, []))
    parts = sitemap_files(sitemap_urls(pages, base, languages.default))
    text, second = next(parts), next(parts, None)
    names = []
    if second is not None:
        for number, part in enumerate(chain([text, second], parts), 1):
            names.append(_sitemap_part(number))
            write_if_changed(site_dir / names[-1], part)
        text = "".join([SITEMAP_INDEX_HEAD, *(f"  <sitemap>\n    <loc>{escape(urljoin(base, name))}</loc>\n"
                                              "  </sitemap>\n" for name in names), "</sitemapindex>\n"])
    write_if_changed(site_dir / "sitemap.xml", text)
    write_if_changed(site_dir / "sitemap.xml.gz", gzip.compress(text.encode("utf-8"), mtime=0))
    _remove_parts_after(site_dir, len(names))


def _sitemap_part(number: int) -> str:
    """The name of the sitemap's part ``number`` (from 1)."""
    return f"sitemap-{number}.xml"


def _remove_parts_after(site_dir: Path, count: int) -> None:
    """Delete the parts an earlier, larger sitemap left beyond the first ``count`` (a ``--dirty`` build).

    Only files that are sitemaps of pages are deleted: a file of the same name
    that is not (a page's asset) stays.
    """
    head = SITEMAP_HEAD.encode("utf-8")
    number = count + 1
    while (path := site_dir / _sitemap_part(number)).is_file():
        with path.open("rb") as file:
            if file.read(len(head)) != head:
                return
        path.unlink()
        number += 1


def write_not_found_pages(site_dir: Path, pages: dict[str, str], languages: Languages) -> None:
    """Write each language's 404 page into its folder (``404.html``, ``fr/404.html``)."""
    for lang, html in pages.items():
        write_if_changed(site_dir / languages.prefix(lang) / "404.html", html)


def write_manifest(site_dir: Path, lang: str, languages: Languages, site_url: str | None,
                   stemmer: list[str], sitemap: SitemapEntries) -> None:
    """What a language built alone into ``site_dir`` tells :func:`assemble`."""
    manifest = {"language": lang, "default": languages.default, "languages": list(languages.built),
                "site_url": site_url, "stemmer": stemmer, "sitemap": sitemap}
    write_if_changed(site_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")


def assemble(folders: list[Path], site_dir: Path) -> Languages:
    """Assemble into ``site_dir`` (absent or empty) the site from every language's folder.

    Each folder is the ``site_dir`` of a build with ``only_language``. Their
    files are copied; the search indexes and the sitemap are made from them
    as the whole build makes them. Raises :class:`AssembleError` when the
    folders are not every language of one site exactly once.
    """
    manifests = {}
    for folder in folders:
        try:
            manifest = json.loads(read_text(folder / MANIFEST))
        except (OSError, ValueError) as error:
            raise AssembleError(f"{folder}: no language built alone here ({MANIFEST}: {error})") from None
        if manifest["language"] in manifests:
            raise AssembleError(f"{folder}: language {manifest['language']} given twice "
                                f"(also in {manifests[manifest['language']][0]})")
        manifests[manifest["language"]] = (folder, manifest)
    _, first = next(iter(manifests.values())) if manifests else (None, None)
    if first is None:
        raise AssembleError("no language folder given")
    languages = Languages(first["default"], tuple(first["languages"]))
    for folder, manifest in manifests.values():
        if (manifest["default"], manifest["languages"], manifest["site_url"]) != (
                first["default"], first["languages"], first["site_url"]):
            raise AssembleError(f"{folder}: built for other languages or another site_url than "
                                f"{manifests[first['language']][0]}")
    missing = [lang for lang in languages.built if lang not in manifests]
    if missing:
        raise AssembleError(f"no folder for language(s) {', '.join(missing)}")
    if site_dir.exists() and any(site_dir.iterdir()):
        raise AssembleError(f"{site_dir}: not empty (assemble into a new folder)")
    docs, stemmers, sitemap, translations = [], {}, {}, {}
    # As the whole build orders them: the default language first, then the others.
    in_order = sorted(languages.built, key=lambda lang: lang != languages.default)
    for lang in in_order:
        folder, manifest = manifests[lang]
        index = json.loads(read_text(folder / SEARCH_INDEX))  # Material's, of this language's pages
        if lang == languages.default:
            merged = index
        docs += index["docs"]
        stemmers[lang] = manifest["stemmer"]
        sitemap[lang] = shared_alternates([tuple(entry) for entry in manifest["sitemap"]], translations)
    # Every build also writes the theme's assets and the media at the root: the default one's last.
    for lang in reversed(in_order):
        folder = manifests[lang][0]
        shutil.copytree(folder, site_dir, dirs_exist_ok=True, ignore=_manifest_at(folder))
    remove_search_duplicates(docs, tuple(f"{lang}/" for lang in languages.built))
    write_search_indexes(site_dir, {**merged, "docs": docs}, languages, stemmers)
    write_sitemap(site_dir, first["site_url"], sitemap, languages)
    return languages


def _manifest_at(root: Path):
    """``copytree``'s ignore: the manifest at ``root``, nothing else."""
    return lambda folder, names: [MANIFEST] if Path(folder) == root and MANIFEST in names else []
