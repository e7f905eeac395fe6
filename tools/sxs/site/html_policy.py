"""The HTML policy applied to a page: a Python-Markdown extension over the rules of ``html_rules.py``.

What the policy allows and why is said in :mod:`sxs.html_rules` (and
ARCHITECTURE.md, "The HTML policy"). This extension acts where raw HTML from the
page source is stashed (inline tags by Python-Markdown's inline processor, raw
blocks by the CommonMark block parser of commonmark.py, which must be
registered first), so the theme's HTML and HTML that extensions generate are
untouched:

- an inline tag the rules allow is stashed as written, any other escaped;
- a raw HTML block stays as written only when it holds allowed tags alone,
  balanced (a data-URI ``<img>`` on its own line); any other is escaped;
- ``{: ...}`` attribute lists (``attr_list``) may set only ``id``, ``class``,
  ``title`` and ``lang``; no element keeps an ``on*`` attribute, and a link or image
  whose URL could run code becomes its text;
- an allowed tag left open (or closed without opening) in its block is escaped.

:func:`protect_page_meta` makes page titles and descriptions text in MkDocs' templates.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from jinja2 import Environment
from markdown import Extension
from markdown.inlinepatterns import HTML_RE, HtmlInlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE
from markupsafe import Markup

from ..html_rules import ATTR_LIST_ALLOWED, RAW_HTML, Tag, allowed_tag, safe_url
from .commonmark import CommonMarkParser

# Markdown's own block elements in rendered HTML: allowed inline tags may not span them.
BLOCK_BOUNDARY = re.compile(
    r"</?(?:p|li|ul|ol|h[1-6]|blockquote|table|thead|tbody|tr|td|th|div|pre|dl|dt|dd|hr)\b")


def protect_page_meta(env: Environment, pages) -> Environment:
    """Make page titles and descriptions text in MkDocs' templates (for ``on_env``).

    MkDocs and Material print ``page.title`` and ``page.meta.description`` as
    HTML, unescaped; ``striptags`` (used in ``<title>``) even decodes entities.
    Titles and descriptions from TM files are escaped once here, and
    ``striptags`` returns escaped text.
    """
    for page in pages:
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = Markup(html.escape(value))
    env.filters["striptags"] = lambda value: Markup.escape(Markup(str(value)).striptags())
    return env


@dataclass
class _Kept:
    """Stash indexes of the allowed tags of the page being converted."""

    tags: dict[int, Tag] = field(default_factory=dict)


class HtmlPolicyExtension(Extension):
    """Python-Markdown extension applying the policy to a page's own raw HTML.

    ``generated_page`` is set (by the plugin, per page) for a page sxs generated
    from values it escaped itself, the status page: its raw HTML blocks (table,
    bar chart) are sxs's own and stay HTML. Inline HTML is judged on every page.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.generated_page = False

    def extendMarkdown(self, md) -> None:
        kept = _Kept()
        md.inlinePatterns.register(_InlineHtml(HTML_RE, md, kept), "html", 90)
        if not isinstance(md.parser, CommonMarkParser):
            raise TypeError("the HTML policy judges raw HTML blocks where the CommonMark block parser "
                            "stashes them: register CommonMarkExtension before HtmlPolicyExtension")
        md.parser.html_block = lambda raw: raw if self.generated_page else _html_block(raw)
        if "attr_list" in md.treeprocessors:
            _limit_attr_list(md.treeprocessors["attr_list"])
        # After DocFX (10) and attr_list (8) have set attributes; before toc (5) reads headings.
        md.treeprocessors.register(_UnsafeAttributes(md), "sxs_unsafe_attributes", 7)
        md.postprocessors.register(_Balance(md, kept), "sxs_balance", 35)
        md.registerExtension(self)
        self._kept = kept

    def reset(self) -> None:
        self._kept.tags.clear()


class _InlineHtml(HtmlInlineProcessor):
    """Inline raw HTML: an allowed tag is stashed as written, anything else escaped."""

    def __init__(self, pattern: str, md, kept: _Kept):
        super().__init__(pattern, md)
        self.kept = kept

    def handleMatch(self, m, data):
        raw = self.backslash_unescape(self.unescape(m.group(1)))
        tag = allowed_tag(raw)
        placeholder = self.md.htmlStash.store(raw if tag else html.escape(raw))
        if tag:
            self.kept.tags[self.md.htmlStash.html_counter - 1] = tag
        return placeholder, m.start(0), m.end(0)


def _html_block(raw: str) -> str:
    """A raw HTML block as written when it is allowed tags only, balanced; else as text."""
    tags = [allowed_tag(m.group()) for m in RAW_HTML.finditer(raw)]
    if "<" in RAW_HTML.sub("", raw) or None in tags or not _balanced(tags):
        return html.escape(raw)
    return raw


def _balanced(tags: list[Tag]) -> bool:
    """True when every tag opened is closed, in order, and none is closed unopened."""
    open_tags: list[str] = []
    for tag in tags:
        if tag.kind == "open":
            open_tags.append(tag.name)
        elif tag.kind == "close" and (not open_tags or open_tags.pop() != tag.name):
            return False
    return not open_tags


def _limit_attr_list(processor: Treeprocessor) -> None:
    """Let ``{: ...}`` set only the attributes in ``ATTR_LIST_ALLOWED`` (not ``onclick``, ``style``)."""
    assign = processor.assign_attrs

    def assign_allowed(element: etree.Element, attrs_string: str, *, strict: bool = False) -> str:
        scratch = etree.Element(element.tag, dict(element.attrib))
        remainder = assign(scratch, attrs_string, strict=strict)
        for key in ATTR_LIST_ALLOWED:
            if scratch.get(key) is not None:
                element.set(key, scratch.get(key))
        return remainder

    processor.assign_attrs = assign_allowed


class _UnsafeAttributes(Treeprocessor):
    """No event attributes; a link or image whose URL could run code becomes its text.

    The element turns into a ``span`` (MkDocs expects every ``a`` and ``img``
    to keep its URL); an image's alt text becomes the span's text.
    """

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for key, value in list(element.attrib.items()):
                if key.lower().startswith("on"):
                    del element.attrib[key]
                elif key in ("href", "src") and not safe_url(value or "", image=element.tag == "img"):
                    del element.attrib[key]
                    if element.tag == "img":
                        element.text = element.attrib.pop("alt", "")
                    element.tag = "span"


class _Balance(Postprocessor):
    """Allowed tags left open (or closed without opening) in a block become text."""

    def __init__(self, md, kept: _Kept):
        super().__init__(md)
        self.kept = kept

    def run(self, text: str) -> str:
        stash = self.md.htmlStash.rawHtmlBlocks
        unmatched: list[int] = []
        open_tags: list[tuple[int, Tag]] = []
        marks = sorted([*HTML_PLACEHOLDER_RE.finditer(text), *BLOCK_BOUNDARY.finditer(text)],
                       key=lambda m: m.start())
        for mark in marks:
            if not mark.group().startswith("\x02"):
                unmatched += [index for index, _ in open_tags]
                open_tags = []
                continue
            index = int(mark.group(1))
            tag = self.kept.tags.get(index)
            if tag is None or tag.kind == "void":
                continue
            if tag.kind == "open":
                open_tags.append((index, tag))
            elif open_tags and open_tags[-1][1].name == tag.name:
                open_tags.pop()
            else:
                unmatched.append(index)
        for index in unmatched + [index for index, _ in open_tags]:
            stash[index] = html.escape(stash[index])
            del self.kept.tags[index]  # escaped once, even when toc renders the block again
        return text
