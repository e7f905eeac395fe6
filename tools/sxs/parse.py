"""Parse a side-by-side TM file into a :class:`~sxs.model.Document`.

Segments are located as text: their delimiters are fixed strings, and segment
text must never be round-tripped through an HTML parser (GUIDE §1).
"""

from __future__ import annotations

import re
from bisect import bisect_right

import yaml

from .diagnostics import ERROR, WARNING, Diagnostic
from .model import MIDDLE, SOURCE_CLOSE, Document, Segment

OPENING = re.compile(r'<span data-ttu-id="([^"<>]*)">')
ID_SHAPE = re.compile(r"[0-9a-f]{5}-p?\d{3,4}")
FRONT_MATTER = re.compile(r"\A(\ufeff?---[ \t]*\r?\n)(.*?)(^---[ \t]*(?:\r?\n|\Z))", re.S | re.M)


def parse(text: str, path: str = "<string>") -> tuple[Document, list[Diagnostic]]:
    """Split ``text`` into skeleton and segments; report what is odd about it.

    Never raises on odd content: whatever is not a well-formed segment stays in
    the skeleton, so serialising always gives ``text`` back.
    """
    diagnostics: list[Diagnostic] = []
    lines = _LineIndex(text)

    def report(severity: str, code: str, offset: int, message: str, seg: str = "") -> None:
        diagnostics.append(Diagnostic(severity, code, path, lines.line(offset), message, seg))

    skeleton: list[str] = []
    segments: list[Segment] = []
    seen: dict[str, int] = {}
    position = 0
    for match in OPENING.finditer(text):
        if match.start() < position:
            continue  # inside the previous segment (a nested span)
        seg_id = match.group(1)
        middle = MIDDLE.format(id=seg_id)
        middle_at = text.find(middle, match.end())
        next_opening = OPENING.search(text, match.end())
        if middle_at < 0 or (next_opening and next_opening.start() < middle_at):
            report(ERROR, "unpaired-segment", match.start(),
                   "target span has no English source span with the same ID; "
                   "kept as plain text, fix the TM file", seg_id)
            continue
        source_start = middle_at + len(middle)
        end = _source_end(text, source_start)
        if end < 0:
            report(ERROR, "unclosed-segment", match.start(),
                   "English source span is never closed with </span></span>; "
                   "kept as plain text, fix the TM file", seg_id)
            continue
        segment = Segment(
            id=seg_id,
            target=text[match.end():middle_at],
            source=text[source_start:end],
            line=lines.line(match.start()),
            offset=match.start(),
        )
        _check_segment(segment, seen, report)
        skeleton.append(text[position:match.start()])
        segments.append(segment)
        position = end + len(SOURCE_CLOSE)
    skeleton.append(text[position:])

    front_matter, body_offset = _front_matter(text, path, report)
    document = Document(path, skeleton, segments, front_matter,
                        _piece_at(body_offset, segments))
    if not segments:
        report(WARNING, "no-segments", 0, "file has no translation segments")
    return document, diagnostics


def _piece_at(offset: int, segments: list[Segment]) -> tuple[int, int]:
    """(skeleton index, offset within it) of a text offset lying in the skeleton."""
    index, piece_start = 0, 0
    for segment in segments:
        if segment.offset >= offset:
            break
        index, piece_start = index + 1, segment.offset + len(segment.markup())
    return index, max(0, offset - piece_start)


def _source_end(text: str, start: int) -> int:
    """Offset of the ``</span></span>`` closing a source that starts at ``start``.

    Spans opened inside the source must be closed before it ends; a stray
    ``</span>`` in the source does not end it early.
    """
    at = text.find(SOURCE_CLOSE, start)
    while at >= 0:
        inner = text[start:at]
        if inner.count("<span") <= inner.count("</span>"):
            return at
        at = text.find(SOURCE_CLOSE, at + 1)
    return -1


def _check_segment(segment: Segment, seen: dict[str, int], report) -> None:
    """Report duplicate IDs, odd IDs, empty sides and stray span tags."""
    if segment.id in seen:
        report(ERROR, "duplicate-id", segment.offset,
               f"segment ID already used on line {seen[segment.id]}", segment.id)
    else:
        seen[segment.id] = segment.line
    if not ID_SHAPE.fullmatch(segment.id):
        report(WARNING, "odd-id", segment.offset,
               "segment ID does not look like HASH-NNN", segment.id)
    for side, label in (("source", "English source"), ("target", "target")):
        text = segment.text(side)
        if not text.strip():
            report(ERROR, "empty-segment", segment.offset, f"{label} is empty", segment.id)
        if "<span" in text or "</span>" in text:
            report(WARNING, "stray-span", segment.offset,
                   f"{label} contains a <span> tag of its own; its text is kept as written",
                   segment.id)


def _front_matter(text: str, path: str, report) -> tuple[dict, int]:
    """The YAML front matter as a dict and the offset where the body starts."""
    match = FRONT_MATTER.match(text)
    if not match:
        if text.lstrip("\ufeff").startswith("---"):
            report(ERROR, "front-matter-unterminated", 0,
                   "front matter opens with --- but never closes; add the closing --- line")
        else:
            report(WARNING, "no-front-matter", 0, "file has no YAML front matter")
        return {}, 0
    if OPENING.search(match.group(2)):
        report(ERROR, "segments-in-front-matter", 0,
               "front matter was turned into translation segments, so its metadata "
               "(title, locale, MT/HT) cannot be read; restore the YAML front matter")
        return {}, match.end()
    try:
        data = yaml.safe_load(match.group(2)) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 2 + (mark.line if mark else 0)
        report(ERROR, "front-matter-yaml", 0,
               f"front matter is not valid YAML (line {line}): {getattr(error, 'problem', error)}")
        return {}, match.end()
    if not isinstance(data, dict):
        report(ERROR, "front-matter-yaml", 0, "front matter is not a YAML mapping")
        return {}, match.end()
    return data, match.end()


class _LineIndex:
    """Maps character offsets to 1-based line numbers."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        """The 1-based line holding ``offset``."""
        return bisect_right(self.starts, offset)
