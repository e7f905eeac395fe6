"""Render one language side of a TM document as MkDocs Markdown.

The body is the TM body with each segment replaced by its text in that
language, wrapped in ``<span data-sxs="ID">…</span>`` so pages, tests and
the reader features can find segments by ID (a backslash ending a text goes
after the tag: CommonMark would read ``\\</span>`` as an escaped ``<``).
Everything else is kept byte for byte. Segments inside fenced code blocks are not wrapped (HTML would show
there as text). A segment whose text is empty on this side (a TM defect, reported
by the parser) shows the other side's text, marked with that language's ``lang``; the
n-th segment with an ID already used is marked ``ID~n`` (its English source must not
be taken for the first one's).
"""

from __future__ import annotations

import re
from collections import Counter

from .model import Document, language_of
from .pages import front_matter

SEGMENT_MARK = '<span data-sxs="{id}">{text}</span>'
# A segment whose side is empty shows the other side's text, marked with its language.
STAND_IN_MARK = '<span data-sxs="{id}" lang="{lang}">{text}</span>'
FENCE = re.compile(r"^[ \t>]*(```|~~~)", re.M)
ANCHOR = re.compile(r'<a name="[^"]*"></a>')
H1 = re.compile(r"^# +(.*?)[ \t#]*$", re.M)

SIDES = ("source", "target")


def render_body(document: Document, side: str, *, mark: bool = True) -> str:
    """The document's body in one language (``"source"`` or ``"target"``)."""
    skeleton, segments = document.body()
    parts = [skeleton[0]]
    other_lang = "en" if side == "target" else language_of(document.locale)
    for segment, shown_id, after in zip(segments, _shown_ids(document), skeleton[1:], strict=True):
        text, stand_in = segment.shown(side)
        if mark and shown_id is not None:
            text = _marked(STAND_IN_MARK if stand_in else SEGMENT_MARK, shown_id, other_lang, text)
        parts.append(text)
        parts.append(after)
    return "".join(parts)


def marked_ids(document: Document) -> list[str]:
    """The segment IDs :func:`render_body` marks, in order (both sides mark the same)."""
    return [shown_id for shown_id in _shown_ids(document) if shown_id is not None]


def _shown_ids(document: Document) -> list[str | None]:
    """Each body segment's ID on pages; None inside a fenced code block (not marked)."""
    skeleton, segments = document.body()
    in_fence = _toggles_fence(skeleton[0], False)
    seen: Counter[str] = Counter()
    shown = []
    for segment, after in zip(segments, skeleton[1:], strict=True):
        seen[segment.id] += 1
        count = seen[segment.id]
        shown.append(None if in_fence else segment.id if count == 1 else f"{segment.id}~{count}")
        in_fence = _toggles_fence(after, in_fence)
    return shown


def _marked(mark: str, segment_id: str, lang: str, text: str) -> str:
    """``text`` in its segment tag; a backslash ending it goes after the tag, which it would escape."""
    cut = len(text) - (len(text) - len(text.rstrip("\\"))) % 2
    return mark.format(id=segment_id, lang=lang, text=text[:cut]) + text[cut:]


def _toggles_fence(skeleton_text: str, in_fence: bool) -> bool:
    """Fence state after a stretch of skeleton: each fence line flips it."""
    return in_fence ^ (len(FENCE.findall(skeleton_text)) % 2 == 1)


def title(document: Document, side: str) -> str:
    """The page title: the TM title for the target, the H1's text for English."""
    if side == "target" and document.front_matter.get("title"):
        return str(document.front_matter["title"])
    match = H1.search(render_body(document, side, mark=False))
    return ANCHOR.sub("", match.group(1)).strip() if match else ""


def render_page(document: Document, side: str, tm_path: str, page_title: str | None = None) -> str:
    """The complete Markdown page: generated front matter, then the body.

    ``page_title`` is :func:`title` of the same side, when the caller has it already.
    """
    meta: dict = {"title": title(document, side) if page_title is None else page_title}
    if side == "target" and document.front_matter.get("description"):
        meta["description"] = str(document.front_matter["description"])
    meta["sxs"] = {
        "tm": tm_path,
        "locale": document.locale,
        "lang": "en" if side == "source" else language_of(document.locale),
        "translation": document.translation_type,
        "handoff": document.handoff,
    }
    return front_matter(meta) + render_body(document, side)
