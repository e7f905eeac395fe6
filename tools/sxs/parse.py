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
SOURCE_OPENING = re.compile(r'<span data-stu-id="[^"]*">')
SPAN_TAG = re.compile(r"<span|</span>")
ID_SHAPE = re.compile(r"[0-9a-f]{5}-p?\d{3,4}")
BOM = "\ufeff"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
FRONT_MATTER = re.compile(r"\A(\ufeff?---[ \t]*\r?\n)(.*?)(^---[ \t]*(?:\r?\n|\Z))", re.S | re.M)


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """The text of a TM file's bytes; None with an error when it is not UTF-8 text.

    A file holding NUL bytes is binary (an image or archive saved as ``.md``)
    or UTF-16; either way it is refused with a message saying so.
    """
    def refuse(code: str, offset: int, message: str) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(ERROR, code, path, 1 + data.count(b"\n", 0, offset), message)]

    if data.startswith(UTF16_BOMS):
        return refuse("not-utf8", 0, "file is UTF-16 encoded; re-save it as UTF-8")
    nul = data.find(b"\0")
    if nul >= 0:
        return refuse("binary-file", nul, f"binary file: NUL byte at offset {nul}; this is not a TM "
                      "text file, remove it from the TM folder or restore the text")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        return refuse("not-utf8", error.start,
                      f"bytes at offset {error.start} are not UTF-8; re-save the file as UTF-8")


def parse(text: str, path: str = "<string>") -> tuple[Document, list[Diagnostic]]:
    """Split ``text`` into skeleton and segments; report what is odd about it.

    Never raises on odd content: whatever is not a well-formed segment stays in
    the skeleton, so serialising always gives ``text`` back.
    """
    diagnostics: list[Diagnostic] = []
    lines = _LineIndex(text)

    def report(severity: str, code: str, offset: int, message: str, seg: str = "") -> None:
        diagnostics.append(Diagnostic(severity, code, path, lines.line(offset), message, seg))

    if not text.lstrip(BOM).strip():
        report(ERROR, "empty-file", 0, "file is empty or only whitespace; restore its content "
               "or delete it (its previous pages are kept until then)")
        return Document(path, [text], []), diagnostics
    if text.startswith(BOM):
        report(WARNING, "bom", 0, "file starts with a byte-order mark (U+FEFF); it is kept in the "
               "TM file and left out of the pages; re-save as UTF-8 without BOM to silence this")

    skeleton: list[str] = []
    segments: list[Segment] = []
    seen: dict[str, int] = {}
    source_ends = _source_ends(text)
    position = 0
    for match in OPENING.finditer(text):
        if match.start() < position:
            continue  # inside the previous segment (a nested span)
        seg_id = match.group(1)
        middle = MIDDLE.format(id=seg_id)
        next_opening = OPENING.search(text, match.end())
        middle_at = text.find(middle, match.end(), next_opening.start() if next_opening else len(text))
        if middle_at < 0:
            report(ERROR, "unpaired-segment", match.start(),
                   "target span has no English source span with the same ID; "
                   "kept as plain text, fix the TM file", seg_id)
            continue
        source_start = middle_at + len(middle)
        end = source_ends.get(source_start, -1)
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
        report(WARNING, "no-segments", 0, "file has no translation segments; its pages show "
               "its text as written, check that the TM export is complete")
    return document, diagnostics


def _piece_at(offset: int, segments: list[Segment]) -> tuple[int, int]:
    """(skeleton index, offset within it) of a text offset lying in the skeleton."""
    index, piece_start = 0, 0
    for segment in segments:
        if segment.offset >= offset:
            break
        index, piece_start = index + 1, segment.offset + len(segment.markup())
    return index, max(0, offset - piece_start)


def _source_ends(text: str) -> dict[int, int]:
    """For every place a source can start, the offset of the ``</span></span>`` ending it.

    A source starting at ``s`` ends at the first ``</span></span>`` at ``p``
    where ``text[s:p]`` opens no more spans than it closes: spans opened inside
    the source must be closed first, and a stray ``</span>`` does not end it
    early. With depth ``D(x)`` = spans opened minus closed before ``x``, that
    is the first close ``p >= s`` with ``D(p) <= D(s)``. One backward pass
    keeps the closes that no earlier close beats (their depths rise towards
    the left) and answers each start by bisection, so a file full of unclosed
    sources still parses in O(n log n) instead of O(n²).
    Starts without an end are left out.
    """
    tags = [(m.start(), m.group() == "<span") for m in SPAN_TAG.finditer(text)]
    starts = [m.end() for m in SOURCE_OPENING.finditer(text)]
    depth_before, depth = [], 0
    for _at, opens in tags:
        depth_before.append(depth)
        depth += 1 if opens else -1
    ends: dict[int, int] = {}
    close_depths: list[int] = []  # rising from the rightmost kept close to the leftmost
    close_offsets: list[int] = []
    tag_index = len(tags) - 1
    for start in reversed(starts):
        while tag_index >= 0 and tags[tag_index][0] >= start:
            at, opens = tags[tag_index]
            if not opens and text.startswith(SOURCE_CLOSE, at):
                while close_depths and close_depths[-1] >= depth_before[tag_index]:
                    close_depths.pop()
                    close_offsets.pop()
                close_depths.append(depth_before[tag_index])
                close_offsets.append(at)
            tag_index -= 1
        start_depth = depth_before[tag_index + 1] if tag_index + 1 < len(tags) else depth
        found = bisect_right(close_depths, start_depth) - 1
        if found >= 0:
            ends[start] = close_offsets[found]
    return ends


def _check_segment(segment: Segment, seen: dict[str, int], report) -> None:
    """Report duplicate IDs, odd IDs, empty sides and stray span tags."""
    if segment.id in seen:
        report(ERROR, "duplicate-id", segment.offset,
               f"segment ID already used on line {seen[segment.id]}; give each segment its own ID "
               "in the TM file", segment.id)
    else:
        seen[segment.id] = segment.line
    if not ID_SHAPE.fullmatch(segment.id):
        report(WARNING, "odd-id", segment.offset,
               "segment ID does not look like HASH-NNN", segment.id)
    for side, label in (("source", "English source"), ("target", "target")):
        text = segment.text(side)
        if not text.strip():
            report(ERROR, "empty-segment", segment.offset,
                   f"{label} is empty; write it in the TM file", segment.id)
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
        data = _load_yaml(match.group(2)) or {}
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


def _load_yaml(text: str):
    """``yaml.safe_load`` through libyaml (8x faster); errors are raised by the pure loader.

    The two loaders agree on every front matter of the corpus; only their error
    wording differs, so a failure is parsed again for the usual message.
    """
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return yaml.safe_load(text)


class _LineIndex:
    """Maps character offsets to 1-based line numbers."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        """The 1-based line holding ``offset``."""
        return bisect_right(self.starts, offset)
