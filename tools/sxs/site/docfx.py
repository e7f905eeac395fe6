"""DocFX Markdown in MkDocs: alerts, videos, heading anchors and links.

A Python-Markdown extension that works on the parsed tree of each page, so
nested and indented constructs come for free:

- ``> [!NOTE]`` (TIP, IMPORTANT, WARNING, CAUTION, any case, with or without
  the space) becomes a Material admonition titled in the page's language;
- ``> [!VIDEO https://...]`` becomes a responsive embedded video;
- ``# <a name="slug"></a>Title`` gives the heading the id ``slug`` in every
  language, so ``#slug`` deep links survive the language switcher;
- site-relative links (``/microsoft-365/...``) point at the publisher's site in
  the page's locale, and links to other articles' ``.md`` files follow the slug
  rule so they resolve to the same-language page.

The page language is set by the sxs plugin before each page is rendered.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import PurePosixPath

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from ..messages import text as interface_text
from ..slug import slug_of

ALERT = re.compile(r"^\s*\[!(NOTE|TIPS?|IMPORTANT|WARNING|CAUTION)\][ \t]*\n?", re.I)
VIDEO = re.compile(r"^\s*\[!VIDEO\s+(https://[^\s\]]+)\]\s*$", re.I)
ANCHOR = re.compile(r'^<a name="([^"]+)">(?:</a>)?$')  # Markdown stashes <a> and </a> apart
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
# DocFX alert → Material admonition type
ADMONITION = {"note": "note", "tip": "tip", "tips": "tip", "important": "info",
              "warning": "warning", "caution": "danger"}


@dataclass
class PageContext:
    """What the extension needs to know about the page being rendered."""

    lang: str = "en"
    locale: str = "en-us"  # for site-relative links, lower case


class DocfxExtension(Extension):
    """Registers the DocFX tree processors; ``page`` is updated per page."""

    def __init__(self, site_relative_base: str = "https://learn.microsoft.com/{locale}/", **kwargs):
        self.site_relative_base = site_relative_base
        self.page = PageContext()
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:
        # After inline processing (20) so raw-HTML placeholders exist; before toc (5)
        # so our heading ids win; before MkDocs' link resolution (0).
        md.treeprocessors.register(_DocfxTreeprocessor(md, self), "sxs_docfx", 10)


class _DocfxTreeprocessor(Treeprocessor):
    def __init__(self, md, extension: DocfxExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page = self.extension.page
        for parent in list(root.iter()):
            for index, child in reversed(list(enumerate(parent))):
                if child.tag == "blockquote":
                    parent[index:index + 1] = _alerts(child, page.lang)
        for heading in root.iter():
            if heading.tag in HEADINGS:
                self._anchor_id(heading)
        for link in root.iter("a"):
            href = link.get("href")
            if href:
                link.set("href", _link(href, self.extension.site_relative_base, page.locale))

    def _anchor_id(self, heading: etree.Element) -> None:
        """Give the heading the id of a DocFX ``<a name>`` anchor at its start."""
        match = HTML_PLACEHOLDER_RE.match(heading.text or "")
        if not match:
            return
        raw = self.md.htmlStash.rawHtmlBlocks[int(match.group(1))]
        anchor = ANCHOR.match(str(raw))
        if anchor:
            heading.set("id", anchor.group(1))


def _alerts(quote: etree.Element, lang: str) -> list[etree.Element]:
    """A blockquote split into plain quotes, admonitions and videos.

    Python-Markdown merges blockquotes separated by a blank line, which DocFX
    keeps apart, so every paragraph starting with a marker starts a new block.
    """
    blocks: list[etree.Element] = []
    current = None
    for child in list(quote):
        text = (child.text or "") if child.tag == "p" else ""
        video, alert = VIDEO.match(text), ALERT.match(text)
        if video:
            blocks.append(_video(video.group(1)))
            current = None
            continue
        if alert:
            kind = alert.group(1).lower()
            current = etree.Element("div", {"class": f"admonition {ADMONITION[kind]}"})
            title = etree.SubElement(current, "p", {"class": "admonition-title"})
            title.text = shown = interface_text(f"alert_{ADMONITION[kind]}", lang)
            if shown.lang != lang:  # not in the page's catalog: the English title, marked so
                title.set("lang", shown.lang)
            child.text = text[alert.end():]
            blocks.append(current)
            if not child.text.strip() and len(child) == 0:
                continue
        elif current is None:
            current = etree.Element("blockquote")
            blocks.append(current)
        current.append(child)
    return blocks


def _video(url: str) -> etree.Element:
    """A responsive video frame for a DocFX video URL (https only)."""
    frame = etree.Element("div", {"class": "sxs-video"})
    etree.SubElement(frame, "iframe", {
        "src": url, "title": "Video", "loading": "lazy", "allowfullscreen": "allowfullscreen",
        "style": "width: 100%; aspect-ratio: 16 / 9; border: 0;"})
    return frame


def _link(href: str, base: str, locale: str) -> str:
    """Site-relative links to the publisher's site; article links by slug."""
    if href.startswith("/") and not href.startswith("//"):
        return base.format(locale=locale) + href[1:]
    if SCHEME.match(href) or href.startswith(("#", "//")):
        return href
    path, hashmark, fragment = href.partition("#")
    if not path.lower().endswith(".md"):
        return href
    parts = PurePosixPath(path).parts
    slugged = [p if p in (".", "..") else slug_of(p) for p in parts]
    return "/".join(slugged) + ".md" + hashmark + fragment
