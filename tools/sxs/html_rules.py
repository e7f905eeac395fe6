"""The HTML policy's rules: which raw HTML and URLs of TM text the built site keeps.

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
  ``<app>``, and raw HTML blocks holding anything else (a block of allowed
  tags only, such as a data-URI ``<img>`` on its own line, stays HTML; its tags
  must be balanced within it). Markdown links and images with an
  unsafe URL become their text; ``{: ...}`` attribute lists
  (``attr_list``) may set only ``id``, ``class``, ``title`` and ``lang``; no element of
  the page body keeps an ``on*`` event attribute.
- Allowed tags must be balanced within their block; an unclosed ``<a href>``
  or ``<b>`` would restyle or hijack the rest of the page, so it is shown as
  text.
- Page titles and descriptions are text: MkDocs' templates print them as HTML
  without escaping, so the site escapes them once (``site/html_policy.py``).

The rules live in the core because two places apply them: the site
(``site/html_policy.py``, a Python-Markdown extension, acts where Markdown
stashes raw HTML) and the checks (:func:`disallowed_html`, what the site
would show as text, for ``sxs check`` and the status page). Each tag is
judged on its own raw text and kept or escaped whole; segment text is never
re-serialised by an HTML parser.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markdown.inlinepatterns import HTML_RE

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
ATTR_LIST_ALLOWED = ("id", "class", "title", "lang")  # lang: generated pages mark English texts
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel", "feedback-hub"})
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
DATA_IMAGE = re.compile(r"^data:image/(?:png|gif|jpeg|webp);base64,", re.I)
CONTROL = re.compile(r"[\x00-\x20\x7f]")
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
    if "<" not in text and "](" not in text:  # no tag, comment or link
        return []
    found = [m.group() for m in RAW_HTML.finditer(text)
             if allowed_tag(m.group()) is None and _is_html(m.group())]
    found += [m.group(2) for m in MARKDOWN_URL.finditer(text)
              if not safe_url(m.group(2), image=bool(m.group(1)))]
    return found


def _is_html(raw: str) -> bool:
    """True for comments, declarations and tags named like an HTML element."""
    name = TAG_NAME.match(raw)
    return name is None or name.group(1).lower() in HTML_ELEMENTS
