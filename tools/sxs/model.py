"""The translation-memory model: a skeleton with segments in its holes.

A side-by-side (sxs) file is kept as Okapi keeps documents: the bytes outside
segments (the skeleton) and the segments themselves. Serialising puts them
back together, giving the exact original text when nothing was edited.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

TARGET_OPEN = '<span data-ttu-id="{id}">'
MIDDLE = '</span><span class="sxs-lookup"><span data-stu-id="{id}">'
SOURCE_CLOSE = "</span></span>"


@dataclass(frozen=True)
class Segment:
    """One translation unit: its ID, English source, target text and position."""

    id: str
    source: str
    target: str
    line: int  # 1-based line of the opening span in the TM file
    offset: int  # character offset of the opening span in the TM file
    # The TM text of a defective segment (a side's span missing, IDs that differ), as written.
    raw: str = ""

    def markup(self) -> str:
        """The segment as it is written in a TM file."""
        return self.raw or (
            TARGET_OPEN.format(id=self.id)
            + self.target
            + MIDDLE.format(id=self.id)
            + self.source
            + SOURCE_CLOSE
        )

    def text(self, side: str) -> str:
        """The segment's text on one side: ``"source"`` or ``"target"``."""
        return self.source if side == "source" else self.target

    def shown(self, side: str) -> tuple[str, bool]:
        """What a page of one side shows: its text, or the other side's when it is empty.

        The flag is True when the other side's text stands in for an empty one.
        """
        text = self.text(side)
        other = self.text("target" if side == "source" else "source")
        if not text.strip() and other.strip():
            return other, True
        return text, False


@dataclass
class Document:
    """A parsed TM file: ``skeleton[i]`` precedes ``segments[i]``.

    ``skeleton`` always has one more item than ``segments``; the last item is
    the text after the final segment.
    """

    path: str
    skeleton: list[str]
    segments: list[Segment]
    front_matter: dict = field(default_factory=dict)
    # Where the body (after the front matter) starts: (skeleton index, offset in it).
    body_start: tuple[int, int] = (0, 0)

    def serialise(self) -> str:
        """Give back the TM file's text, exact to the character."""
        parts = [self.skeleton[0]]
        for segment, after in zip(self.segments, self.skeleton[1:], strict=True):
            parts.append(segment.markup())
            parts.append(after)
        return "".join(parts)

    def body(self) -> tuple[list[str], list[Segment]]:
        """Skeleton and segments of the body, front matter left out."""
        index, offset = self.body_start
        skeleton = [self.skeleton[index][offset:], *self.skeleton[index + 1:]]
        return skeleton, self.segments[index:]

    def with_targets(self, targets: dict[str, str]) -> Document:
        """A copy whose segments named in ``targets`` carry new target text.

        A defective segment given a target is written well-formed from then on.
        """
        segments = [
            replace(s, target=targets[s.id], raw="") if s.id in targets else s
            for s in self.segments
        ]
        return replace(self, segments=segments)

    @property
    def locale(self) -> str:
        """The target locale named by ``ms.contentlocale`` (e.g. ``fr-FR``)."""
        return str(self.front_matter.get("ms.contentlocale", ""))

    @property
    def translation_type(self) -> str:
        """``MT`` (machine) or ``HT`` (human), from ``ms.translationtype``."""
        return str(self.front_matter.get("ms.translationtype", ""))

    @property
    def handoff(self) -> str:
        """The handoff date as ISO ``YYYY-MM-DD`` (from ``ms.lasthandoff``)."""
        raw = str(self.front_matter.get("ms.lasthandoff", ""))
        month, _, rest = raw.partition("/")
        day, _, year = rest.partition("/")
        if len(year) == 4 and month.isdigit() and day.isdigit():
            return f"{year}-{int(month):02d}-{int(day):02d}"
        return raw


def language_of(locale: str) -> str:
    """The site language code of a locale: its primary subtag, lower case."""
    return locale.split("-")[0].lower()
