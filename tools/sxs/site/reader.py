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

Only rendered HTML goes through BeautifulSoup here (GUIDE §1); segment text
itself never does. The English HTML comes from rendering the English side of
the same TM document with the page's own Markdown configuration.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag
from markupsafe import Markup

from ..labels import label

SEGMENT = "span[data-sxs]"
TEMPLATE_ID = "sxs-english"


def english_sources(english_html: str) -> dict[str, Tag]:
    """The segment spans of a rendered English page, by segment ID."""
    soup = BeautifulSoup(english_html, "html.parser")
    return {span["data-sxs"]: span for span in soup.select(SEGMENT)}


def annotate_segments(content_html: str, english_html: str) -> tuple[str, Markup]:
    """Give each segment of a translated page its English source.

    Returns the page content with a ``title`` (plain English text) on every
    segment that has an English source, and the ``<template>`` holding each
    source's rendered HTML.
    """
    sources = english_sources(english_html)
    soup = BeautifulSoup(content_html, "html.parser")
    store = BeautifulSoup("", "html.parser")
    template = store.new_tag("template", attrs={"id": TEMPLATE_ID, "lang": "en"})
    store.append(template)
    for span in soup.select(SEGMENT):
        source = sources.get(span["data-sxs"])
        if source is None:
            continue
        span["title"] = source.get_text()
        copy = store.new_tag("span", attrs={"data-sxs-en": span["data-sxs"]})
        copy.extend(list(source.contents))
        template.append(copy)
    return str(soup), Markup(str(store))


def reader_bar(lang: str, machine_translated: bool, english_url: str | None) -> Markup:
    """The bar above a translated article: MT disclosure and the English toggle.

    Texts come from ``labels.yml`` in ``lang``; every value is escaped.
    """
    parts = []
    if machine_translated:
        notice = Markup('<p class="sxs-reader__notice"><strong>{}</strong> {}').format(
            label("mt_notice", lang), label("mt_hint", lang))
        if english_url:
            notice += Markup(' <a href="{}" hreflang="en">{}</a>').format(
                english_url, label("mt_link", lang))
        parts.append(notice + Markup("</p>"))
    parts.append(Markup(
        '<button type="button" class="sxs-reader__toggle md-button" aria-pressed="false" hidden>'
        '{}</button>').format(label("read_in_english", lang)))
    kind = "mt" if machine_translated else "ht"
    return Markup('<div class="sxs-reader sxs-reader--{}" role="note" aria-label="{}">{}</div>').format(
        kind, label("reader_region", lang), Markup("").join(parts))
