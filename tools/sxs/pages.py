"""Navigation pages that sxs generates: a home page and section pages per language.

Each page is Markdown with an ``sxs`` front-matter key (generated: home or
section), so ``sxs split`` owns it. Titles shown in links are escaped so any
text a translator wrote shows literally.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import yaml

from .labels import label
from .sections import Section

HOME_PREVIEW = 5  # articles listed under each section on the home page
STATUS_PAGE = "status.en.md"  # the translation status page, which status.py writes


@dataclass(frozen=True)
class Entry:
    """An article as listed on a navigation page."""

    slug: str
    title: str


def front_matter(meta: dict) -> str:
    """A YAML front matter block for ``meta``."""
    # libyaml's emitter when present: same text, 5x faster than the pure one.
    dumped = yaml.dump(meta, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                       allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{dumped}---\n"


def markdown_text(text: str) -> str:
    """``text`` escaped so Markdown shows it literally (for link texts and headings).

    HTML-significant characters become entities; Markdown's inline markers get
    Python-Markdown's backslash escapes.
    """
    return re.sub(r"([\\`*_\[\]()!#])", r"\\\1", html.escape(text, quote=False))


def sorted_entries(entries: list[Entry]) -> list[Entry]:
    """Entries in title order (case-insensitive), slug breaking ties."""
    return sorted(entries, key=lambda e: (e.title.casefold(), e.slug))


def section_page(section: Section, lang: str, entries: list[Entry]) -> str:
    """The index page of one section in one language: all its articles."""
    heading = section.title(lang)
    lines = [f"- [{markdown_text(e.title)}](../{e.slug}.md)" for e in sorted_entries(entries)]
    meta = {"title": heading, "sxs": {"generated": "section", "lang": lang}}
    return front_matter(meta) + f"# {markdown_text(heading)}\n\n" + "\n".join(lines) + "\n"


def home_page(lang: str, sections: list[tuple[Section, list[Entry]]]) -> str:
    """The home page of one language: every section with its first articles."""
    heading = label("home_title", lang)
    parts = [f"# {markdown_text(heading)}\n\n{label('home_intro', lang)}\n"]
    for section, entries in sections:
        shown = sorted_entries(entries)
        parts.append(f"\n## [{markdown_text(section.title(lang))}](sections/{section.id}.md)\n\n")
        parts.extend(f"- [{markdown_text(e.title)}]({e.slug}.md)\n" for e in shown[:HOME_PREVIEW])
        if len(shown) > HOME_PREVIEW:
            more = label("home_more", lang).format(count=len(shown))
            parts.append(f"- [{markdown_text(more)}](sections/{section.id}.md)\n")
    meta = {"title": heading, "sxs": {"generated": "home", "lang": lang}}
    return front_matter(meta) + "".join(parts)
