"""Pages compared with their CommonMark reference (issue 11), for the structure tests.

A generated page's reference is its Markdown with each segment replaced by
that language's text (``render_body(..., mark=False)``), rendered by
markdown-it-py in CommonMark mode with tables, as DocFX's markdig rendered the
article. Inside the article, the page and its reference are compared on:

- element counts: headings, lists, list items, tables, rows, code blocks,
  inline code, bold, italics, links and images;
- visible words, whitespace aside. The documented policy differences are
  excepted: DocFX alerts and videos (the reference shows ``[!NOTE]`` and
  ``[!VIDEO url]`` as text, the site an admonition titled in the page's
  language and a video), and raw HTML the HTML policy shows as text
  (``<app>``-style placeholders, ``</br>``, disallowed tags, allowed tags
  left unclosed or closed unopened), which the reference takes as HTML and
  hides: tag-like text is taken out of both texts, except the page's own
  segment tags (``<span data-sxs="...">`` shown as text is a defect).

Pages are rendered exactly as ``mkdocs build`` renders their content: the
project's ``mkdocs.yml`` loaded by MkDocs, the sxs plugin's configuration and
page hook, and MkDocs' own ``Page.render`` (what the other plugins and the
theme add around the content is not article text).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from helpers import ROOT
from lxml import html as lxml_html
from markdown_it import MarkdownIt
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page
from sxs.render import render_body
from sxs.site.html_policy import RAW_HTML
from sxs.split import split

REFERENCE = MarkdownIt("commonmark").enable("table")
ELEMENTS = {
    "headings": "//h1|//h2|//h3|//h4|//h5|//h6",
    "lists": "//ul|//ol",
    "list items": "//li",
    "tables": "//table",
    "rows": "//tr",
    "code blocks": "//pre",
    "inline code": "//code[not(ancestor::pre)]",
    "bold": "//strong|//b",
    "italics": "//em|//i",
    "links": "//a[@href]",
    "images": "//img",
}
DOCFX_MARKER = re.compile(r"\[!(?:NOTE|TIPS?|IMPORTANT|WARNING|CAUTION|VIDEO\s+[^\]\s]+)\]", re.I)
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Comparison:
    """A page and its reference: element counts and visible words of each."""

    page: str  # the generated page's path in docs/
    lang: str
    counts: dict[str, int]
    reference_counts: dict[str, int]
    words: str  # visible text without whitespace, policy differences taken out
    reference_words: str
    same_text_exactly: bool  # visible text equal before taking out the policy differences

    @property
    def same_structure(self) -> bool:
        return self.counts == self.reference_counts

    @property
    def same_text(self) -> bool:
        return self.words == self.reference_words

    def structure_differences(self) -> list[str]:
        """``element: page count != reference count`` for each element that differs."""
        return [f"{name}: {self.counts[name]} != {self.reference_counts[name]}"
                for name in ELEMENTS if self.counts[name] != self.reference_counts[name]]

    def text_difference(self, context: int = 30) -> str:
        """Where the visible words first differ, page then reference."""
        ours, theirs = self.words, self.reference_words
        at = next((i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b),
                  min(len(ours), len(theirs)))
        start = max(0, at - context)
        return f"page …{ours[start:at + context]}… reference …{theirs[start:at + context]}…"


def compare(page: str, lang: str, page_html: str, reference_markdown: str) -> Comparison:
    """The comparison of a page's rendered article with its reference Markdown."""
    ours = _fragment(page_html)
    reference = _fragment(REFERENCE.render(reference_markdown))
    text, reference_text = ours.text_content(), reference.text_content()
    for title in ours.xpath("//*[contains(@class, 'admonition-title')]"):
        title.drop_tree()  # DocFX alert titles, in the page's language
    return Comparison(page, lang, _counts(ours), _counts(reference),
                      _words(RAW_HTML.sub(_policy_text, ours.text_content())),
                      _words(RAW_HTML.sub("", DOCFX_MARKER.sub("", reference_text))),
                      _words(text) == _words(reference_text))


def _fragment(html: str):
    return lxml_html.fragment_fromstring(html, create_parent="div")


def _counts(root) -> dict[str, int]:
    return {name: len(root.xpath(path)) for name, path in ELEMENTS.items()}


def _policy_text(tag: re.Match) -> str:
    """Tag-like text of the page: taken out, but a segment tag shown as text is a defect of ours."""
    return tag.group() if tag.group().startswith("<span data-sxs=") else ""


def _words(text: str) -> str:
    return WHITESPACE.sub("", text)


def rendered_pages(tm_dir: Path, work: Path) -> Iterator[tuple[str, str, str, str]]:
    """(page path, language, rendered article HTML, reference Markdown) of every article page.

    ``sxs split`` of ``tm_dir`` into ``work/docs``, then each page rendered as
    ``mkdocs build`` renders it with the project's ``mkdocs.yml``.
    """
    docs = work / "docs"
    articles = {a.tm_path: a for a in split(tm_dir, docs, sections_file=ROOT / "sections.yml").articles}
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # links between languages: no i18n here
    try:
        config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs),
                             site_dir=str(work / "site"))
        plugin = config.plugins["sxs"]
        plugin.config.tm_dir = str(tm_dir)
        plugin.on_startup(command="build", dirty=False)
        config = plugin.on_config(config)
        files = get_files(config)
        for file in files.documentation_pages():
            page = Page(None, file, config)
            page.read_source(config)
            meta = page.meta.get("sxs") or {}
            if meta.get("tm") not in articles:
                continue  # home, section and status pages
            page.markdown = plugin.on_page_markdown(page.markdown, page=page, config=config, files=files)
            page.render(config, files)
            side = "source" if meta["lang"] == "en" else "target"
            reference = render_body(articles[meta["tm"]].document, side, mark=False)
            yield file.src_uri, meta["lang"], page.content, reference
    finally:
        logging.getLogger("mkdocs").setLevel(logging.NOTSET)
