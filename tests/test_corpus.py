"""The whole shared corpus (2,922 articles): exact round trips and pairing."""

from __future__ import annotations

from collections import Counter

import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, assert_paired, mkdocs_build
from sxs.parse import parse
from sxs.sections import load_sections
from sxs.split import split

pytestmark = pytest.mark.corpus


def corpus_files(corpus_dir):
    files = sorted(corpus_dir.rglob("*.md"))
    assert len(files) == 2922
    return files


def test_every_corpus_file_serialises_to_its_exact_bytes(corpus_dir):
    mismatched = []
    segments = 0
    for path in corpus_files(corpus_dir):
        data = path.read_bytes()
        document, _ = parse(data.decode("utf-8"), str(path))
        segments += len(document.segments)
        if document.serialise().encode("utf-8") != data:
            mismatched.append(path.name)
    assert mismatched == []
    assert segments == 27220


def test_every_corpus_segment_is_paired(corpus_dir):
    for path in corpus_files(corpus_dir):
        assert_paired(path.read_bytes().decode("utf-8"), str(path))


def page_body(page: str) -> str:
    """A generated page without its front matter."""
    assert page.startswith("---\n")
    return page[page.index("\n---\n", 3) + 5:]


def assert_faithful(tm_text: str, document, page: str, side: str, where: str) -> None:
    """Outside segments the page body equals the TM body; each segment's text is exact.

    Found by plain string search, segment after segment, in file order.
    """
    body = page_body(page)
    index, tm_at = document.body_start
    if index:  # the front matter held segments: the body starts after the last of them
        last = document.segments[index - 1]
        tm_at += last.offset + len(last.markup())
    page_at = 0
    for segment in document.body()[1]:
        markup = segment.markup()
        tm_found = tm_text.index(markup, tm_at)
        text = segment.text(side)
        wrapped = f'<span data-sxs="{segment.id}">{text}</span>'
        found = body.find(wrapped, page_at)
        shown = wrapped
        if found < 0 or body[page_at:found] != tm_text[tm_at:tm_found]:
            found, shown = body.find(text, page_at), text  # in a code fence: not wrapped
        assert found >= 0, f"{where} [{segment.id}] {side} text missing or out of order"
        assert body[page_at:found] == tm_text[tm_at:tm_found], f"{where} before [{segment.id}]"
        page_at, tm_at = found + len(shown), tm_found + len(markup)
    assert body[page_at:] == tm_text[tm_at:], f"{where}: end of file differs"


@pytest.fixture(scope="module")
def corpus_docs(corpus_dir, tmp_path_factory):
    docs = tmp_path_factory.mktemp("corpus") / "docs"
    report = split(corpus_dir, docs, sections_file=ROOT / "sections.yml")
    return report, docs


def test_corpus_split_loses_nothing(corpus_docs, corpus_dir):
    report, docs = corpus_docs
    assert report.ok, [str(d) for d in report.diagnostics if d.severity == "error"]
    codes = Counter(d.code for d in report.diagnostics)
    assert codes["source-not-english"] == 17
    assert len(report.articles) == 2921  # 2,922 files less the one include
    segments = 0
    for article in report.articles:
        tm_text = (corpus_dir.parent / article.tm_path).read_bytes().decode("utf-8")
        target = (docs / f"{article.slug}.{article.lang}.md").read_text("utf-8")
        assert_faithful(tm_text, article.document, target, "target", article.tm_path)
        english = docs / f"{article.slug}.en.md"
        assert english.exists() == article.english_source, article.tm_path
        if article.english_source:
            assert_faithful(tm_text, article.document, english.read_text("utf-8"), "source", article.tm_path)
        segments += len(article.document.segments)
    includes = (corpus_dir / "includes").rglob("*.md")
    assert segments + sum(len(parse(p.read_text("utf-8"))[0].segments) for p in includes) == 27220


def test_corpus_site_builds_strict_with_small_navigation(corpus_dir, tmp_path):
    """What `make corpus` does, into a temporary folder."""
    (tmp_path / "docs").mkdir()
    result = mkdocs_build(ROOT, env={"SXS_TM": str(corpus_dir), "SXS_DOCS": str(tmp_path / "docs"),
                                     "SXS_SITE": str(tmp_path / "site")})
    assert result.returncode == 0, result.stderr[-3000:]
    site = tmp_path / "site"
    english = {p.parent for p in site.glob("**/index.html") if not p.is_relative_to(site / "fr")}
    french = set((site / "fr").glob("**/index.html"))
    assert len(english) > 2904 and len(french) > 2921  # articles, plus home, sections, status
    article = BeautifulSoup((site / "fr" / "excel-crashing" / "index.html").read_text("utf-8"), "html.parser")
    assert len(article.select("nav.md-nav--primary a")) < 300
    assert article.select("article .admonition.note .admonition-title")[0].get_text() == "Remarque"
    assert article.html["lang"] == "fr"
    section_links = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser").select(
        "article h2 a")
    assert len(section_links) == len(load_sections(ROOT / "sections.yml"))
