"""``sxs split``: turn a folder of TM files into paired Markdown pages.

Per article ``docs/<slug>.en.md`` and ``docs/<slug>.<lang>.md``
(mkdocs-static-i18n's suffix structure), plus a home page per language.
Generated pages carry an ``sxs`` front-matter key; only such pages are ever
rewritten or removed, so hand-written pages in ``docs/`` are safe.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import ERROR, Diagnostic, has_errors
from .fileio import read_text, write_if_changed
from .labels import label
from .model import Document, language_of
from .parse import parse
from .render import front_matter, render_page, title
from .slug import RESERVED, slug_of

GENERATED_MARK = re.compile(r"\A---\r?\n(?:.*\r?\n)*?sxs:", re.M)


@dataclass(frozen=True)
class Article:
    """A converted TM file: its slug, display path and parsed document."""

    slug: str
    tm_path: str
    document: Document

    @property
    def lang(self) -> str:
        """The site language of the article's target side."""
        return language_of(self.document.locale)


@dataclass
class Report:
    """What a split run found and did."""

    articles: list[Article] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    outdated: list[Path] = field(default_factory=list)  # with check=True

    @property
    def ok(self) -> bool:
        """True when nothing is in error (and, for a check, nothing out of date)."""
        return not has_errors(self.diagnostics) and not self.outdated


def split(tm_dir: Path, docs_dir: Path, *, check: bool = False) -> Report:
    """Convert every ``*.md`` under ``tm_dir`` into pages under ``docs_dir``.

    With ``check``, nothing is written: ``Report.outdated`` lists the pages
    that a real run would write or remove.
    """
    report = Report()
    kept_slugs: set[str] = set()  # files that failed: their old pages stay
    for path in sorted(tm_dir.rglob("*.md")):
        article = _load(path, tm_dir, report.diagnostics)
        if article is None:
            kept_slugs.add(slug_of(path.name))
        else:
            report.articles.append(article)
    report.articles = _drop_collisions(report.articles, report.diagnostics, kept_slugs)
    pages = plan(report.articles)
    for name, text in sorted(pages.items()):
        path = docs_dir / name
        if check:
            if not path.is_file() or path.read_bytes() != text.encode("utf-8"):
                report.outdated.append(path)
        elif write_if_changed(path, text):
            report.written.append(path)
    for path in _generated_pages(docs_dir):
        name = path.relative_to(docs_dir).as_posix()
        if name in pages or name.split(".")[0] in kept_slugs:
            continue
        if check:
            report.outdated.append(path)
        else:
            path.unlink()
            report.removed.append(path)
    return report


def _load(path: Path, tm_dir: Path, diagnostics: list[Diagnostic]) -> Article | None:
    """Parse one TM file; None (with diagnostics) when it cannot be converted."""
    shown = (Path(tm_dir.name) / path.relative_to(tm_dir)).as_posix()
    found: list[Diagnostic] = []
    try:
        document, found = parse(read_text(path), shown)
    except UnicodeDecodeError as error:
        found = [Diagnostic(ERROR, "not-utf8", shown, 1 + path.read_bytes()[: error.start].count(b"\n"),
                            f"bytes at offset {error.start} are not UTF-8; re-save the file as UTF-8")]
    slug = slug_of(path.name)
    if not has_errors(found):
        if not document.locale:
            found.append(Diagnostic(ERROR, "no-locale", shown, 1,
                                    "front matter has no ms.contentlocale; add the target locale"))
        elif language_of(document.locale) == "en":
            found.append(Diagnostic(ERROR, "english-target", shown, 1,
                                    f"target locale {document.locale} is English, like the source"))
        if not slug or slug in RESERVED:
            found.append(Diagnostic(ERROR, "bad-slug", shown, 1,
                                    f"file name gives the slug {slug!r}, which is empty or "
                                    "reserved; rename the file"))
    diagnostics.extend(found)
    return None if has_errors(found) else Article(slug, shown, document)


def _drop_collisions(articles: list[Article], diagnostics: list[Diagnostic],
                     kept_slugs: set[str]) -> list[Article]:
    """Remove articles whose slug and language another file also has."""
    by_key: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for article in articles:
        by_key[article.slug, article.lang].append(article)
    result = []
    for (slug, _lang), group in by_key.items():
        if len(group) == 1:
            result.extend(group)
            continue
        kept_slugs.add(slug)
        others = ", ".join(a.tm_path for a in group)
        for article in group:
            diagnostics.append(Diagnostic(ERROR, "slug-collision", article.tm_path, 1,
                                          f"slug {slug!r} is also given by another file of the "
                                          f"same language ({others}); rename one"))
    return result


def plan(articles: list[Article]) -> dict[str, str]:
    """Every generated page: name relative to ``docs/`` mapped to its text."""
    pages: dict[str, str] = {}
    newest: dict[str, Article] = {}
    for article in articles:
        pages[f"{article.slug}.{article.lang}.md"] = render_page(
            article.document, "target", article.tm_path)
        current = newest.get(article.slug)
        if current is None or article.document.handoff > current.document.handoff:
            newest[article.slug] = article
    for slug, article in newest.items():
        pages[f"{slug}.en.md"] = render_page(article.document, "source", article.tm_path)
    for lang in sorted({"en"} | {a.lang for a in articles}):
        pages[f"index.{lang}.md"] = home_page(lang, articles)
    return pages


def home_page(lang: str, articles: list[Article]) -> str:
    """The home page of one language: every article's title, linked."""
    side = "source" if lang == "en" else "target"
    entries = {
        a.slug: title(a.document, side)
        for a in articles
        if lang == "en" or a.lang == lang
    }
    lines = [
        f"- [{markdown_text(text or slug)}]({slug}.md)"
        for slug, text in sorted(entries.items(), key=lambda item: (item[1].casefold(), item[0]))
    ]
    heading = label("home_title", lang)
    meta = {"title": heading, "sxs": {"generated": "home", "lang": lang}}
    body = f"# {markdown_text(heading)}\n\n{label('home_intro', lang)}\n\n" + "\n".join(lines) + "\n"
    return front_matter(meta) + body


def markdown_text(text: str) -> str:
    """``text`` escaped so Markdown shows it literally (for link texts and headings).

    HTML-significant characters become entities; Markdown's inline markers get
    Python-Markdown's backslash escapes.
    """
    return re.sub(r"([\\`*_\[\]()!#])", r"\\\1", html.escape(text, quote=False))


def _generated_pages(docs_dir: Path) -> list[Path]:
    """Pages under ``docs_dir`` that sxs generated (they carry the ``sxs`` key)."""
    if not docs_dir.is_dir():
        return []
    return [
        path for path in sorted(docs_dir.rglob("*.md"))
        if GENERATED_MARK.match(path.read_text("utf-8", errors="replace"))
    ]
