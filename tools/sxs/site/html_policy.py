"""The HTML policy: what raw HTML in TM text may do in the built site.

Translation memory comes from outside, so the HTML a page's Markdown carries is
treated as untrusted. The policy:

- An allowlist of harmless inline tags stays HTML: ``b i em strong code kbd
  sup sub u s mark small br``, ``span`` with at most the project's ``data-sxs``
  attribute and a ``lang``, ``a`` with ``name``/``title`` and a safe ``href``, ``img`` with a
  safe ``src`` and ``alt``/``title``/``width``/``height``. A tag is allowed only
  when its raw text matches a strict pattern of the tag (names and values as a
  browser reads them) and every attribute is listed for that tag.
- Safe URLs: relative paths, fragments, ``http``, ``https``, ``mailto``,
  ``tel``, ``feedback-hub`` and ``ms-*`` app links (``ms-settings:``); for
  images also ``data:image/(png|gif|jpeg|webp)``. Entities and control
  characters are decoded first, as a browser does (``java&#115;cript:``).
- Everything else is shown as text: ``<script>``, ``<iframe>``, ``<style>``,
  ``<img onerror>``, event attributes, comments, placeholders such as
  ``<app>``, and whole raw HTML blocks. Markdown links and images with an
  unsafe URL become their text; ``{: ...}`` attribute lists
  (``attr_list``) may set only ``id``, ``class`` and ``title``; no element of
  the page body keeps an ``on*`` event attribute.
- Allowed tags must be balanced within their block; an unclosed ``<a href>``
  or ``<b>`` would restyle or hijack the rest of the page, so it is shown as
  text.
- Page titles and descriptions are text: MkDocs' templates print them as HTML
  without escaping, so :func:`protect_page_meta` escapes them once.

The policy acts where Python-Markdown stashes raw HTML from the page source
(inline tags and raw blocks), so the theme's HTML and HTML that extensions
generate are untouched, and segment text is never re-serialised by an HTML
parser: each tag is judged on its own raw text and kept or escaped whole.
:func:`disallowed_html` lists what the policy would show as text, for checks.
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
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE
from markupsafe import Markup

WS = r"[ \t\n\r\f]"  # HTML's whitespace, not Unicode's
ATTRIBUTE = re.compile(rf"{WS}+([a-zA-Z][a-zA-Z0-9_.:-]*)"
                       rf"(?:{WS}*={WS}*(\"[^\"]*\"|'[^']*'|[^ \t\n\r\f\"'=<>`]+))?")
START_TAG = re.compile(rf"<([a-zA-Z][a-zA-Z0-9]*)((?:{ATTRIBUTE.pattern})*){WS}*/?>")
END_TAG = re.compile(rf"</([a-zA-Z][a-zA-Z0-9]*){WS}*>")
# What Markdown would take as raw HTML in a text: its own pattern, plus a comment never closed.
RAW_HTML = re.compile(HTML_RE[1:-1] + r"|<!--", re.S)
MARKDOWN_URL = re.compile(r"(!?)\[[^\]]*\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)")

PLAIN = frozenset()
ALLOWED: dict[str, frozenset[str]] = {
    **{name: PLAIN for name in ("b", "i", "em", "strong", "code", "kbd", "sup", "sub",
                                 "u", "s", "mark", "small", "br")},
    "span": frozenset({"data-sxs", "lang"}),
    "a": frozenset({"href", "name", "title"}),
    "img": frozenset({"src", "alt", "title", "width", "height"}),
}
VOID = frozenset({"br", "img"})
# HTML element names (current and obsolete): a disallowed tag with another name, such
# as <app> or <Your-Tenant>, is a placeholder meant as text, so checks do not report it.
HTML_ELEMENTS = frozenset({
    "a", "abbr", "address", "applet", "area", "article", "aside", "audio", "b", "base", "basefont",
    "bdi", "bdo", "bgsound", "blink", "blockquote", "body", "br", "button", "canvas", "caption",
    "center", "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del", "details", "dfn",
    "dialog", "dir", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font",
    "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
    "hgroup", "hr", "html", "i", "iframe", "image", "img", "input", "ins", "isindex", "kbd", "keygen",
    "label", "legend", "li", "link", "listing", "main", "map", "mark", "marquee", "math", "menu",
    "meta", "meter", "nav", "noembed", "noframes", "noscript", "object", "ol", "optgroup", "option",
    "output", "p", "param", "picture", "plaintext", "pre", "progress", "q", "rp", "rt", "ruby", "s",
    "samp", "script", "search", "section", "select", "slot", "small", "source", "span", "strong",
    "style", "sub", "summary", "sup", "svg", "table", "tbody", "td", "template", "textarea", "tfoot",
    "th", "thead", "time", "title", "tr", "track", "u", "ul", "var", "video", "wbr", "xmp"
})
TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")
URL_ATTRIBUTES = {("a", "href"): False, ("img", "src"): True}  # (tag, attribute) -> is an image
ATTR_LIST_ALLOWED = ("id", "class", "title")
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel", "feedback-hub"})
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
DATA_IMAGE = re.compile(r"^data:image/(?:png|gif|jpeg|webp);base64,", re.I)
CONTROL = re.compile(r"[\x00-\x20\x7f]")
# Markdown's own block elements in rendered HTML: allowed inline tags may not span them.
BLOCK_BOUNDARY = re.compile(
    r"</?(?:p|li|ul|ol|h[1-6]|blockquote|table|thead|tbody|tr|td|th|div|pre|dl|dt|dd|hr)\b")


def safe_url(value: str, *, image: bool = False) -> bool:
    """True when a link (or, with ``image``, an image source) cannot run code."""
    url = CONTROL.sub("", html.unescape(value))
    scheme = SCHEME.match(url)
    if not scheme:
        return True  # relative path, fragment or query
    name = scheme.group(1).lower()
    if image and name == "data":
        return bool(DATA_IMAGE.match(url))
    return name in SAFE_SCHEMES or name.startswith("ms-")


@dataclass(frozen=True)
class Tag:
    """An allowed tag: its lower-case name and whether it opens, closes or is void."""

    name: str
    kind: str  # "open", "close" or "void"


def allowed_tag(raw: str) -> Tag | None:
    """The tag ``raw`` (one tag's complete text) if the policy keeps it as HTML, else None."""
    end = END_TAG.fullmatch(raw)
    if end:
        name = end.group(1).lower()
        return Tag(name, "close") if name in ALLOWED and name not in VOID else None
    start = START_TAG.fullmatch(raw)
    if not start:
        return None
    name = start.group(1).lower()
    if name not in ALLOWED:
        return None
    for attribute in ATTRIBUTE.finditer(start.group(2)):
        key, value = attribute.group(1).lower(), (attribute.group(2) or "").strip("\"'")
        if key not in ALLOWED[name]:
            return None
        image = URL_ATTRIBUTES.get((name, key))
        if image is not None and not safe_url(value, image=image):
            return None
    return Tag(name, "void" if name in VOID else "open")


def disallowed_html(text: str) -> list[str]:
    """The raw HTML and link targets in Markdown ``text`` that the site shows as text.

    For ``sxs check``: each item is the offending tag, comment or URL as written.
    Placeholders (tags whose name is no HTML element, like ``<app>``) are meant
    as text and not listed.
    """
    found = [m.group() for m in RAW_HTML.finditer(text)
             if allowed_tag(m.group()) is None and _is_html(m.group())]
    found += [m.group(2) for m in MARKDOWN_URL.finditer(text)
              if not safe_url(m.group(2), image=bool(m.group(1)))]
    return found


def _is_html(raw: str) -> bool:
    """True for comments, declarations and tags named like an HTML element."""
    name = TAG_NAME.match(raw)
    return name is None or name.group(1).lower() in HTML_ELEMENTS


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
    """Python-Markdown extension applying the policy to a page's own raw HTML."""

    def extendMarkdown(self, md) -> None:
        kept = _Kept()
        md.inlinePatterns.register(_InlineHtml(HTML_RE, md, kept), "html", 90)
        block = md.preprocessors["html_block"]
        md.preprocessors.register(_BlockHtml(md, block), "html_block", 20)
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


class _BlockHtml(Preprocessor):
    """Raw HTML blocks (they start with a block tag, never allowed) shown as text."""

    def __init__(self, md, wrapped: Preprocessor):
        super().__init__(md)
        self.wrapped = wrapped

    def run(self, lines: list[str]) -> list[str]:
        stash = self.md.htmlStash
        first = stash.html_counter
        lines = self.wrapped.run(lines)
        for index in range(first, stash.html_counter):
            if isinstance(stash.rawHtmlBlocks[index], str):
                stash.rawHtmlBlocks[index] = html.escape(stash.rawHtmlBlocks[index])
        return lines


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
