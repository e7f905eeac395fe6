"""Sections: group articles for navigation by keyword rules (``sections.yml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_SECTIONS = {"sections": [{"id": "articles", "title": "Articles"}]}


@dataclass(frozen=True)
class Section:
    """A section: its ID (URL part), English title (translated in the catalogs) and title keywords."""

    id: str
    title: str
    pattern: re.Pattern | None  # None: the fallback section


def load_sections(path: Path | None) -> list[Section]:
    """Sections from a YAML file (one fallback section when there is none).

    The last section is the fallback: it must have no keywords.
    """
    data = yaml.safe_load(path.read_text("utf-8")) if path and path.is_file() else DEFAULT_SECTIONS
    sections = []
    for entry in data["sections"]:
        keywords = entry.get("keywords") or []
        pattern = (re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keywords) + r")\b", re.I)
                   if keywords else None)
        if not isinstance(entry.get("title"), str):
            raise ValueError(f"{path}: section {entry.get('id')!r} needs an English title (a text); "
                             "its translations go in the catalogs (sxs messages)")
        sections.append(Section(str(entry["id"]), entry["title"], pattern))
    if not sections or sections[-1].pattern is not None:
        raise ValueError(f"{path}: the last section must have no keywords (it takes the rest)")
    return sections


def section_of(english_title: str, sections: list[Section]) -> Section:
    """The first section whose keywords occur in ``english_title``; else the fallback."""
    for section in sections[:-1]:
        if section.pattern.search(english_title):
            return section
    return sections[-1]
