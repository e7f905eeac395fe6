"""Pages have the structure and text CommonMark gives them, as DocFX rendered them (issue 11).

Each page is compared with its reference, markdown-it-py's rendering of the
page's Markdown in that language (commonmark_reference.py): fixture articles
for each construct in a real build, and every page of the shared corpora.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from commonmark_reference import REFERENCE, Comparison, compare, rendered_pages
from helpers import CORPUS, ROOT, convert, copy_project, mkdocs_build, require_corpus, segment, tm_file
from sxs.parse import parse
from sxs.render import render_body

FIXTURES = ROOT / "tests" / "fixtures" / "commonmark"
BAR = 0.995  # share of pages, per language, that must match their reference


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    """The project with the construct fixtures added to its TM files, built strict."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    for path in FIXTURES.glob("*.md"):
        shutil.copy2(path, project / "tm" / "fr-FR" / path.name)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def built_article(site: Path, path: str) -> BeautifulSoup:
    """The article of a built page without what the site adds around the article's own content."""
    page = BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")
    article = page.select_one("article")
    for added in article.select(".sxs-reader, template"):
        added.decompose()
    return article


CONSTRUCTS = [p.stem for p in sorted(FIXTURES.glob("*.md"))]


@pytest.mark.parametrize("name", CONSTRUCTS)
@pytest.mark.parametrize(("prefix", "side"), [("", "source"), ("fr/", "target")])
def test_each_construct_renders_as_commonmark(fixture_site, name, prefix, side):
    article = built_article(fixture_site, prefix + name)
    document, _ = parse((FIXTURES / f"{name}.md").read_text("utf-8"))
    reference_markdown = render_body(document, side, mark=False)
    comparison = compare(name, side, article.decode_contents(), reference_markdown)
    assert comparison.structure_differences() == []
    assert comparison.same_text, comparison.text_difference()
    reference = BeautifulSoup(REFERENCE.render(reference_markdown), "html.parser")
    assert [ol.get("start") for ol in article.select("ol")] == [ol.get("start") for ol in reference("ol")]


# What CommonMark makes of each construct, in both languages (checked against the reference above).
@pytest.mark.parametrize(("name", "selector", "count"), [
    ("list-after-paragraph", "ol > li", 3),
    ("list-after-paragraph", "ul > li", 2),
    ("nested-lists", "li > ul > li", 4),
    ("nested-lists", "li > ol > li", 2),
    ("fence-in-list-item", "ol > li > pre", 2),
    ("fence-in-list-item", "ul > li > pre", 1),
    ("lazy-continuation", "ul > li", 2),
    ("lazy-continuation", ".admonition.note p [data-sxs]", 2),
    ("lazy-continuation", "blockquote p [data-sxs]", 2),
    ("numbering-across-code", "ol", 2),
    ("numbering-across-code", "ol > li > pre", 2),
    ("numbering-across-code", 'ol[start="4"] > li', 2),
])
@pytest.mark.parametrize("prefix", ["", "fr/"])
def test_constructs_have_the_commonmark_structure(fixture_site, name, selector, count, prefix):
    assert len(built_article(fixture_site, prefix + name).select(selector)) == count


def test_commands_indented_under_steps_are_code_inside_the_steps(fixture_site):
    steps = built_article(fixture_site, "fr/fence-in-list-item").select("ol > li")
    assert len(steps) == 4
    assert [li.pre.get_text() if li.pre else None for li in steps] == [
        None, "Enable-OrganizationCustomization\n", None,
        "Set-AdminAuditLogConfig -UnifiedAuditLogIngestionEnabled $true\n"]
    assert steps[3].select_one("code")["class"] == ["language-powershell"]


# The shared corpora: every page of each language against its reference.

CORPORA = {"fr-FR": CORPUS, "de-DE": CORPUS.parent.parent / "de-DE" / CORPUS.name}


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus_comparisons(request, tmp_path_factory) -> dict[str, list[Comparison]]:
    """Every article page of one shared corpus compared with its reference, by language."""
    tm_dir = require_corpus(CORPORA[request.param])
    by_lang: dict[str, list[Comparison]] = defaultdict(list)
    for page, lang, html, reference in rendered_pages(tm_dir, tmp_path_factory.mktemp(request.param)):
        by_lang[lang].append(compare(page, lang, html, reference))
    assert set(by_lang) == {"en", request.param[:2]}
    return by_lang


def report(title: str, by_lang: dict[str, list[Comparison]], matches, differences) -> dict[str, float]:
    """Print each language's share of matching pages and the pages that differ; return the shares."""
    shares = {}
    lines = [title]
    for lang, comparisons in sorted(by_lang.items()):
        differing = [c for c in comparisons if not matches(c)]
        shares[lang] = 1 - len(differing) / len(comparisons)
        lines.append(f"  {lang}: {len(comparisons) - len(differing)} of {len(comparisons)} pages "
                     f"({shares[lang]:.2%})")
        lines += [f"    {c.page}: {differences(c)}" for c in differing]
    print("\n".join(lines))
    return shares


@pytest.mark.corpus
def test_corpus_pages_have_the_commonmark_structure(corpus_comparisons, capsys):
    with capsys.disabled():
        shares = report("\nPages with the element counts of their CommonMark reference:", corpus_comparisons,
                        lambda c: c.same_structure, lambda c: "; ".join(c.structure_differences()))
    assert all(share >= BAR for share in shares.values()), shares


@pytest.mark.corpus
def test_corpus_pages_show_the_text_of_their_reference(corpus_comparisons, capsys):
    with capsys.disabled():
        shares = report("\nPages with the visible text of their reference (policy differences excepted):",
                        corpus_comparisons, lambda c: c.same_text, lambda c: c.text_difference())
        for lang, comparisons in sorted(corpus_comparisons.items()):
            excepted = sum(c.same_text and not c.same_text_exactly for c in comparisons)
            print(f"  {lang}: {excepted} pages equal only with the documented policy differences excepted")
    assert all(share >= BAR for share in shares.values()), shares


def test_a_segment_ending_with_a_backslash_keeps_its_tag_and_its_hard_break():
    body = segment("abcde-102", "Achetez.\\", "Buy.\\") + "\n" + segment("abcde-103", "Suite", "Next") + "\n"
    html = convert(render_body(parse(tm_file(body))[0], "source"))
    assert html == ('<p><span data-sxs="abcde-102">Buy.</span><br />\n'
                    '<span data-sxs="abcde-103">Next</span></p>')


@pytest.mark.parametrize(("source", "expected"), [
    ("[the docs][ref] and [ref]\n\n[ref]: https://example.com/a \"Title\"\n",
     '<p><a href="https://example.com/a" title="Title">the docs</a> and '
     '<a href="https://example.com/a" title="Title">ref</a></p>'),
    ("Replace \\<CustomDomain\\> and C:\\\\Users", "<p>Replace &lt;CustomDomain&gt; and C:\\Users</p>"),
    ("| a | b |\n|:--|--:|\n| `1` | **2** |\n",
     '<table>\n<thead>\n<tr>\n<th style="text-align:left">a</th>\n<th style="text-align:right">b</th>\n'
     '</tr>\n</thead>\n<tbody>\n<tr>\n<td style="text-align:left"><code>1</code></td>\n'
     '<td style="text-align:right"><strong>2</strong></td>\n</tr>\n</tbody>\n</table>'),
])
def test_references_escapes_and_tables_read_as_commonmark_reads_them(source, expected):
    assert convert(source) == expected
