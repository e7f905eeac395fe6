"""The sitemap (assemble.write_sitemap): every page with its translations, within sitemaps.org's limits.

Read back with an XML parser (ElementTree), not compared with text the code made.
"""

from __future__ import annotations

import gzip
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest
from sxs import assemble
from sxs.assemble import Languages, shared_alternates, write_sitemap

NS = {"s": assemble.SITEMAP_NS, "xhtml": assemble.XHTML_NS}
SITE = "https://help.example.com/docs/"
LANGUAGES = Languages("en", ("en", "fr", "ar"))
SLUGS = ["a", "b&c", "é t", 'q"u<o>te', "tab\there", "x'y", "%20ok"]


def url(lang: str, slug: str) -> str:
    return f"{LANGUAGES.prefix(lang)}s/{slug}/"


def entries() -> dict[str, list]:
    """Each language's pages, each listing its translations (the same mapping, made anew each time,
    in the build's order: its own language first); "é t" has no Arabic translation."""
    def translations(lang, slug):
        return {other: url(other, slug) for other in [lang, *LANGUAGES.built]
                if not (slug == "é t" and other == "ar")}
    return {lang: [(url(lang, slug), translations(lang, slug)) for slug in SLUGS
                   if not (slug == "é t" and lang == "ar")] for lang in LANGUAGES.built}


def expected() -> list[tuple[str, dict[str, str]]]:
    """(absolute URL, {hreflang: absolute URL}) of every page, in the languages' order."""
    return [(urljoin(SITE, page), {**{lang: urljoin(SITE, href) for lang, href in alternates.items()},
                                   "x-default": urljoin(SITE, alternates["en"])})
            for lang in LANGUAGES.built for page, alternates in entries()[lang]]


def read_urlset(path) -> list[tuple[str, dict[str, str]]]:
    root = ElementTree.parse(path).getroot()
    assert root.tag == f"{{{assemble.SITEMAP_NS}}}urlset"
    return [(element.findtext("s:loc", namespaces=NS),
             {link.get("hreflang"): link.get("href") for link in element.findall("xhtml:link", NS)})
            for element in root.findall("s:url", NS)]


def gzipped_is_plain(site) -> bool:
    return gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


def test_a_sitemap_within_the_limits_is_one_file(tmp_path):
    write_sitemap(tmp_path, SITE, entries(), LANGUAGES)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["sitemap.xml", "sitemap.xml.gz"]
    assert read_urlset(tmp_path / "sitemap.xml") == expected()
    assert gzipped_is_plain(tmp_path)


@pytest.mark.parametrize(("max_urls", "max_bytes"), [(4, 10**9), (10**6, 2_000)])
def test_beyond_the_limits_the_sitemap_is_an_index_of_parts(tmp_path, monkeypatch, max_urls, max_bytes):
    """Parts of at most so many URLs or bytes, listed by sitemap.xml, hold every page in order."""
    monkeypatch.setattr(assemble, "SITEMAP_MAX_URLS", max_urls)
    monkeypatch.setattr(assemble, "SITEMAP_MAX_BYTES", max_bytes)
    write_sitemap(tmp_path, SITE, entries(), LANGUAGES)
    index = ElementTree.parse(tmp_path / "sitemap.xml").getroot()
    assert index.tag == f"{{{assemble.SITEMAP_NS}}}sitemapindex"
    locations = [element.findtext("s:loc", namespaces=NS) for element in index.findall("s:sitemap", NS)]
    names = [f"sitemap-{number}.xml" for number in range(1, len(locations) + 1)]
    assert locations == [SITE + name for name in names] and len(names) > 2
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [*names, "sitemap.xml", "sitemap.xml.gz"])
    parts = [read_urlset(tmp_path / name) for name in names]
    assert [page for part in parts for page in part] == expected()
    assert all(0 < len(part) <= max_urls for part in parts)
    assert all((tmp_path / name).stat().st_size <= max_bytes for name in names)
    assert gzipped_is_plain(tmp_path)


def test_translations_are_held_once_per_page():
    pool = {}
    shared = {lang: shared_alternates(pages, pool) for lang, pages in entries().items()}
    mappings = {id(alternates) for pages in shared.values() for _, alternates in pages}
    assert len(mappings) == len(pool) == len(SLUGS)
    assert shared == entries()  # the same mappings, shared


def test_a_smaller_sitemap_removes_the_parts_an_earlier_one_left(tmp_path, monkeypatch):
    """A ``--dirty`` build writes over an earlier site: parts beyond the new sitemap's go."""
    monkeypatch.setattr(assemble, "SITEMAP_MAX_URLS", 4)
    write_sitemap(tmp_path, SITE, entries(), LANGUAGES)
    before = sorted(path.name for path in tmp_path.glob("sitemap-*.xml"))
    fewer = {lang: pages[:2] for lang, pages in entries().items()}
    write_sitemap(tmp_path, SITE, fewer, LANGUAGES)
    after = sorted(path.name for path in tmp_path.glob("sitemap-*.xml"))
    assert len(before) > len(after) == 2
    assert [page for name in after for page in read_urlset(tmp_path / name)] == [
        page for page in expected() if any(page[0] == urljoin(SITE, url) for pages in fewer.values()
                                           for url, _ in pages)]
    monkeypatch.setattr(assemble, "SITEMAP_MAX_URLS", 10**6)
    write_sitemap(tmp_path, SITE, entries(), LANGUAGES)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["sitemap.xml", "sitemap.xml.gz"]


def test_a_page_asset_named_like_a_part_stays(tmp_path):
    (tmp_path / "sitemap-1.xml").write_text("<notes>a writer's file</notes>\n")
    write_sitemap(tmp_path, SITE, entries(), LANGUAGES)
    assert (tmp_path / "sitemap-1.xml").read_text() == "<notes>a writer's file</notes>\n"
    assert read_urlset(tmp_path / "sitemap.xml") == expected()
