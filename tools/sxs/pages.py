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

from .messages import Text, plural_text, section_title, text
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


def in_language(shown: Text, lang: str) -> str:
    """attr_list's mark of a text in another language than its page's (English): ``{: lang="en" }``."""
    return f'{{: lang="{shown.lang}" }}' if shown.lang != lang else ""


def heading(level: int, shown: Text, lang: str, url: str = "") -> str:
    """A Markdown heading of an interface text (a link to ``url`` if given), marked with its language."""
    title = f"[{markdown_text(shown)}]({url}){in_language(shown, lang)}" if url else (
        f"{markdown_text(shown)} {in_language(shown, lang)}".rstrip())
    return f"{'#' * level} {title}\n"


def section_page(section: Section, lang: str, entries: list[Entry]) -> str:
    """The index page of one section in one language: all its articles."""
    title = section_title(section.title, lang)
    lines = [f"- [{markdown_text(e.title)}](../{e.slug}.md)" for e in sorted_entries(entries)]
    meta = {"title": str(title), "sxs": {"generated": "section", "lang": lang}}
    return front_matter(meta) + heading(1, title, lang) + "\n" + "\n".join(lines) + "\n"


def home_page(lang: str, sections: list[tuple[Section, list[Entry]]]) -> str:
    """The home page of one language: every section with its first articles."""
    title, intro = text("home_title", lang), text("home_intro", lang)
    paragraph = f"{markdown_text(intro)}\n{in_language(intro, lang)}".rstrip()
    parts = [heading(1, title, lang), f"\n{paragraph}\n"]
    for section, entries in sections:
        shown = sorted_entries(entries)
        url = f"sections/{section.id}.md"
        parts.append("\n" + heading(2, section_title(section.title, lang), lang, url) + "\n")
        parts.extend(f"- [{markdown_text(e.title)}]({e.slug}.md)\n" for e in shown[:HOME_PREVIEW])
        if len(shown) > HOME_PREVIEW:
            more = plural_text("home_more", len(shown), lang)
            parts.append(f"- [{markdown_text(more)}]({url}){in_language(more, lang)}\n")
    meta = {"title": str(title), "sxs": {"generated": "home", "lang": lang}}
    return front_matter(meta) + "".join(parts)
