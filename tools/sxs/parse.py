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
# A source span, with the span that hides it in DocFX's side-by-side view.
LONE_SOURCE = re.compile(r'<span class="sxs-lookup"><span data-stu-id="([^"<>]*)">')
SEGMENT_START = re.compile(f"{OPENING.pattern}|{LONE_SOURCE.pattern}")
SOURCE_OPENING = re.compile(r'<span data-stu-id="[^"]*">')
SPAN_TAG = re.compile(r"<span|</span>")
ID_SHAPE = re.compile(r"[0-9a-f]{5}-p?\d{3,4}")
BOM = "\ufeff"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# An unterminated front matter: the ``key: value`` lines after the opening ``---``.
FRONT_MATTER_START = re.compile(r"\A\ufeff?---[ \t]*\r?\n((?:[A-Za-z0-9_.-]+:.*(?:\r?\n|\Z))*)")
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
    position = resume = 0
    for match in SEGMENT_START.finditer(text):
        if match.start() < resume:
            continue  # inside the previous segment (a nested span, or the source of a pair)
        if match.group(1) is None:
            segment = _lone_source(text, match, source_ends, lines, report)
        else:
            segment, resume = _pair(text, match, source_ends, lines, report)
        if segment is None:
            continue
        _check_segment(segment, seen, report)
        skeleton.append(text[position:match.start()])
        segments.append(segment)
        position = resume = match.start() + len(segment.markup())
    skeleton.append(text[position:])

    front_matter, body_offset = _front_matter(text, path, report)
    document = Document(path, skeleton, segments, front_matter,
                        _piece_at(body_offset, segments))
    if not segments:
        report(WARNING, "no-segments", 0, "file has no translation segments; its pages show "
               "its text as written, check that the TM export is complete")
    return document, diagnostics


def _pair(text: str, match: re.Match, source_ends: dict[int, int], lines: _LineIndex,
          report) -> tuple[Segment | None, int]:
    """The segment opening with a target span at ``match`` (None, reported, when none can be made)
    and where to look for the next one.

    A target span without the source span of its ID becomes a segment without
    source (or, when a source span with another ID follows it, a segment with
    that source); its TM text is kept as written.
    """
    seg_id = match.group(1)
    middle = MIDDLE.format(id=seg_id)
    next_opening = OPENING.search(text, match.end())
    bound = next_opening.start() if next_opening else len(text)
    middle_at = text.find(middle, match.end(), bound)
    if middle_at >= 0:
        source_start = middle_at + len(middle)
        end = source_ends.get(source_start, -1)
        if end < 0:
            report(ERROR, "unclosed-segment", match.start(),
                   "English source span is never closed with </span></span>; its TM markup is "
                   "shown as text on both pages; fix the TM file", seg_id)
            return None, source_start
        return Segment(seg_id, text[source_start:end], text[match.end():middle_at],
                       lines.line(match.start()), match.start()), end
    close = text.find("</span>", match.end(), bound)
    if close < 0:
        report(ERROR, "unclosed-segment", match.start(),
               "target span is never closed; its TM markup is shown as text on both pages; "
               "fix the TM file", seg_id)
        return None, match.end()
    target, after = text[match.end():close], close + len("</span>")
    source = LONE_SOURCE.match(text, after)
    end = source_ends.get(source.end(), -1) if source else -1
    if end >= 0:
        report(ERROR, "unpaired-segment", match.start(),
               f"English source span has ID {source.group(1)}, not {seg_id}; the two are shown as one "
               "segment; give them the same ID in the TM file", seg_id)
        return Segment(seg_id, text[source.end():end], target, lines.line(match.start()), match.start(),
                       text[match.start():end + len(SOURCE_CLOSE)]), end
    report(ERROR, "unpaired-segment", match.start(),
           "target span has no English source span with the same ID; the English page shows the "
           "target text in its place (marked with the target language); add the source in the TM file",
           seg_id)
    return Segment(seg_id, "", target, lines.line(match.start()), match.start(),
                   text[match.start():after]), after


def _lone_source(text: str, match: re.Match, source_ends: dict[int, int], lines: _LineIndex,
                 report) -> Segment | None:
    """A segment of the English source span at ``match``, which has no target span before it."""
    seg_id = match.group(2)
    end = source_ends.get(match.end(), -1)
    if end < 0:
        report(ERROR, "unclosed-segment", match.start(),
               "English source span is never closed with </span></span>; its TM markup is "
               "shown as text on both pages; fix the TM file", seg_id)
        return None
    report(ERROR, "unpaired-segment", match.start(),
           "English source span has no target span with the same ID before it; the target page "
           'shows the English text in its place (marked lang="en"); add the target in the TM file',
           seg_id)
    return Segment(seg_id, text[match.end():end], "", lines.line(match.start()), match.start(),
                   text[match.start():end + len(SOURCE_CLOSE)])


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
               f"segment ID already used on line {seen[segment.id]}; both are published, this one "
               "marked with the ID followed by ~2 (~3...) on the pages; give each segment its own ID "
               "in the TM file", segment.id)
    else:
        seen[segment.id] = segment.line
    if not ID_SHAPE.fullmatch(segment.id):
        report(WARNING, "odd-id", segment.offset,
               "segment ID does not look like HASH-NNN", segment.id)
    for side, label in (("source", "English source"), ("target", "target")):
        text = segment.text(side)
        if not text.strip() and not segment.raw:  # a segment without a side is reported as unpaired
            report(ERROR, "empty-segment", segment.offset, f"{label} is empty; {_stand_in(segment, side)}; "
                   "write it in the TM file", segment.id)
        if "<span" in text or "</span>" in text:
            report(WARNING, "stray-span", segment.offset,
                   f"{label} contains a <span> tag of its own; its text is kept as written (a tag "
                   "without its pair shows as text)", segment.id)


def _stand_in(segment: Segment, side: str) -> str:
    """What the pages show in place of an empty side of ``segment``."""
    if not segment.shown(side)[1]:
        return "both sides are empty, the pages show nothing for it"
    if side == "source":
        return "the English page shows the target text in its place (marked with the target language)"
    return 'the target page shows the English source in its place (marked lang="en")'


def _front_matter(text: str, path: str, report) -> tuple[dict, int]:
    """The YAML front matter as a dict and the offset where the body starts."""
    match = FRONT_MATTER.match(text)
    if not match:
        start = FRONT_MATTER_START.match(text)
        if start:
            report(ERROR, "front-matter-unterminated", 0,
                   "front matter opens with --- but never closes; its key: value lines are read as "
                   "front matter, the rest as the body; add the closing --- line")
            try:
                data = _load_yaml(start.group(1))
            except yaml.YAMLError:
                data = None
            return (data if isinstance(data, dict) else {}), start.end()
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
