"""Reader features of translated pages: the MT disclosure and the English original.

A translated page gets, all as server-made HTML:

- a reader bar above the article: for machine-translated (MT) pages a
  disclosure in the page's language with a link to the English page; for every
  translated page a "Read in English" button, ``hidden`` until the script
  (``overrides/assets/sxs/reader.js``) enables it;
- a ``title`` on each segment (``<span data-sxs="ID">``) holding the plain text
  of its English source, so pointing at a sentence shows the original even
  without JavaScript (the script replaces it with an accessible tooltip);
- a ``<template id="sxs-english" lang="en">`` with the rendered English HTML of
  each segment, which the script swaps in and out of the page.

Only rendered HTML goes through an HTML parser here (lxml; GUIDE §1), and only
the English page's, for the plain text of the titles: segment text never does,
and no page is re-serialised. The translated page's segment tags, written by
``render.py``, get their ``title`` in place; the template holds each English
segment's inner HTML exactly as the English page has it. The English HTML is
the English page's own rendering when the build has it (static-i18n builds
English first, in the same process, or shares its segment sources, read once
for every locale's translation, with a parallel build), the page of this TM
document or of another locale's with the same English (:func:`under_ids`);
else the English side of the TM document rendered with the page's Markdown
configuration.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple
from xml.sax.saxutils import quoteattr

from lxml import html as lxml_html
from markupsafe import Markup, escape

from ..messages import Text, text

SEGMENT = "//span[@data-sxs]"
# A segment's opening tag exactly as render.SEGMENT_MARK writes it (Markdown keeps raw HTML).
SEGMENT_TAG = re.compile(r'<span data-sxs="([^"<>]*)">')
SPAN_TAG = re.compile(r"<(/?)span\b[^>]*>")
TEMPLATE_ID = "sxs-english"


class Source(NamedTuple):
    """A segment's English source: its plain text and its rendered inner HTML."""

    text: str
    html: str


def english_sources(english_html: str) -> dict[str, Source]:
    """The segment sources of a rendered English page, by segment ID."""
    root = lxml_html.fragment_fromstring(english_html, create_parent="div")
    texts = {str(span.get("data-sxs")): str(span.text_content()) for span in root.xpath(SEGMENT)}
    inner = _segment_contents(english_html)
    return {segment_id: Source(text, inner[segment_id]) for segment_id, text in texts.items()
            if segment_id in inner}


def under_ids(sources: dict[str, Source], ids: dict[str, str]) -> dict[str, Source]:
    """``sources`` under a translation's segment IDs: ``ids`` maps the English page's to them.

    The English page may be another locale's file with the same English; empty
    ``ids`` means the page is the translation's own file.
    """
    if not ids:
        return sources
    return {ids[segment_id]: source for segment_id, source in sources.items() if segment_id in ids}


def _segment_contents(rendered: str) -> dict[str, str]:
    """The HTML inside each segment tag of ``rendered``, as written, by segment ID.

    Spans nest: a segment ends at the ``</span>`` that closes its own tag.
    """
    contents: dict[str, str] = {}
    open_spans: list[tuple[str | None, int]] = []  # (segment ID or None, where its content starts)
    for tag in SPAN_TAG.finditer(rendered):
        if not tag.group(1):
            segment = SEGMENT_TAG.fullmatch(tag.group(0))
            open_spans.append((html.unescape(segment.group(1)) if segment else None, tag.end()))
        elif open_spans:
            segment_id, start = open_spans.pop()
            if segment_id is not None:
                contents[segment_id] = rendered[start:tag.start()]
    return contents


def annotate_segments(content_html: str, sources: dict[str, Source]) -> tuple[str, Markup]:
    """Give each segment of a translated page its English source.

    Returns the page content with a ``title`` (plain English text) on every
    segment that has an English source, and the ``<template>`` holding each
    source's rendered HTML.
    """
    copies: list[str] = []

    def titled(match: re.Match) -> str:
        segment_id = html.unescape(match.group(1))
        source = sources.get(segment_id)
        if source is None:
            return match.group(0)
        copies.append(f"<span data-sxs-en={quoteattr(segment_id)}>{source.html}</span>")
        return f"{match.group(0)[:-1]} title={quoteattr(source.text)}>"

    annotated = SEGMENT_TAG.sub(titled, content_html)
    template = f'<template id="{TEMPLATE_ID}" lang="en">{"".join(copies)}</template>'
    return annotated, Markup(template)


def in_language(shown: Text, lang: str) -> Markup:
    """An interface text, escaped; in a ``<span lang>`` when it is not in the page's language."""
    if shown.lang == lang:
        return escape(shown)
    return Markup('<span lang="{}">{}</span>').format(shown.lang, shown)


def reader_bar(lang: str, machine_translated: bool, english_url: str | None) -> Markup:
    """The bar above a translated article: MT disclosure and the English toggle.

    Texts come from the interface catalog of ``lang`` (English ones marked
    ``lang="en"`` where it lacks them); every value is escaped.
    """
    parts = []
    if machine_translated:
        notice = Markup('<p class="sxs-reader__notice"><strong>{}</strong> {}').format(
            in_language(text("mt_notice", lang), lang), in_language(text("mt_hint", lang), lang))
        if english_url:
            notice += Markup(' <a href="{}" hreflang="en">{}</a>').format(
                english_url, in_language(text("mt_link", lang), lang))
        parts.append(notice + Markup("</p>"))
    parts.append(Markup(
        '<button type="button" class="sxs-reader__toggle md-button" aria-pressed="false" hidden>'
        '{}</button>').format(in_language(text("read_in_english", lang), lang)))
    kind = "mt" if machine_translated else "ht"
    return Markup('<div class="sxs-reader sxs-reader--{}" role="note" aria-label="{}">{}</div>').format(
        kind, text("reader_region", lang), Markup("").join(parts))
