"""Plan the docs folder: every generated page the articles give, and the navigation.

Articles whose slug and language another file also has are dropped
(:func:`drop_collisions`); the English page of a slug comes from its newest
handoff; home and section pages list the articles per language.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import NamedTuple

from .cache import Memo, digest
from .convert import ConvertedArticle, Rendered, page_bytes, page_name
from .diagnostics import ERROR, WARNING, Diagnostic
from .media import localized_name
from .pages import Entry, home_page, section_page
from .sections import Section, section_of


class Wanted(NamedTuple):
    """A file the docs folder must hold: the hash of its content, and a function making the content."""

    content_hash: str
    make: Callable[[], bytes]

    @classmethod
    def of(cls, data: bytes) -> Wanted:
        """The wanted file holding ``data``."""
        return cls(digest(data), lambda: data)


class EnglishSide(NamedTuple):
    """The English page that shows a TM file's English side: its TM file, and how its IDs map.

    ``ids`` maps that page's segment IDs to this file's; it is empty when the
    page is this file's own. Another locale's file of the same article has the
    same English, segment for segment, under other IDs.
    """

    tm_path: str
    ids: dict[str, str]


class Plan(NamedTuple):
    """What the docs folder must hold, and what MkDocs and the plugin need to know of it."""

    pages: dict[str, Wanted]  # every generated page by docs-relative name
    nav: list[str]  # home and section pages
    english_sides: dict[str, EnglishSide]  # by TM path: files whose English side is a page


def plan(articles: list[ConvertedArticle], sections: list[Section], diagnostics: list[Diagnostic],
         memo: Memo | None = None) -> Plan:
    """Every generated page, the navigation and the TM files whose English side is a page."""
    pages: dict[str, Wanted] = {}
    english: dict[str, ConvertedArticle] = {}
    rendered = {article.tm_path: Rendered.of(article, memo) for article in articles}

    def article_page(article: ConvertedArticle, side: str) -> None:
        pages[page_name(article, side)] = Wanted(rendered[article.tm_path].hashes[side],
                                                 partial(page_bytes, article, side))

    for article in articles:
        article_page(article, "target")
        if article.english_source:
            english[article.slug] = _newest(english.get(article.slug), article, diagnostics)
    for article in english.values():
        article_page(article, "source")
    entries = _entries_by_language(articles, english, sections, rendered)
    used = [s for s in sections if any((s.id, lang) in entries for lang in _languages(articles))]
    for lang in _languages(articles):
        listed = [(s, entries.get((s.id, lang), [])) for s in used]
        home = home_page(lang, [(s, e) for s, e in listed if e])
        pages[f"index.{lang}.md"] = Wanted.of(home.encode("utf-8"))
        for section, section_entries in listed:
            page = section_page(section, lang, section_entries)
            pages[f"sections/{section.id}.{lang}.md"] = Wanted.of(page.encode("utf-8"))
    nav = ["index.md"] + [f"sections/{s.id}.md" for s in used]
    return Plan(pages, nav, _english_sides(articles, english))


def _english_sides(articles: list[ConvertedArticle],
                   english: dict[str, ConvertedArticle]) -> dict[str, EnglishSide]:
    """Each article whose English side an English page shows: its own, or one identical to it."""
    sides = {}
    for article in articles:
        page = english.get(article.slug)
        if page is article:
            sides[article.tm_path] = EnglishSide(article.tm_path, {})
        elif page is not None and _same_english_page(article, page):
            ids = dict(zip(page.english.ids, article.english.ids, strict=True))
            sides[article.tm_path] = EnglishSide(page.tm_path, ids)
    return sides


def _same_english_page(article: ConvertedArticle, page: ConvertedArticle) -> bool:
    """True when ``page``'s English page is what ``article``'s would be: no stand-in, same body."""
    return article.english.body is not None and article.english.body == page.english.body


def _languages(articles: list[ConvertedArticle]) -> list[str]:
    return sorted({"en"} | {a.lang for a in articles})


def _newest(current: ConvertedArticle | None, candidate: ConvertedArticle,
            diagnostics: list[Diagnostic]) -> ConvertedArticle:
    """Of two locales' copies of an article, the newest handoff gives the English page.

    On the same handoff date, the later locale code does, whatever order the
    files come in. When the two English sides differ, a warning names the one published.
    """
    if current is None:
        return candidate
    old, new = sorted((current, candidate), key=lambda a: (a.english.handoff, a.english.locale))
    if old.english.sources != new.english.sources:
        why = (f"the same handoff ({new.english.handoff}), and {new.english.locale} comes after "
               f"{old.english.locale}" if old.english.handoff == new.english.handoff
               else f"the newer handoff ({new.english.handoff} after {old.english.handoff})")
        diagnostics.append(Diagnostic(WARNING, "english-differs", old.tm_path, 1,
                                      f"English differs from {new.tm_path}'s, which gives the "
                                      f"English page: {why}"))
    return new


def _entries_by_language(articles: list[ConvertedArticle], english: dict[str, ConvertedArticle],
                         sections: list[Section],
                         rendered: dict[str, Rendered]) -> dict[tuple[str, str], list[Entry]]:
    """Articles listed per (section ID, language); the English title picks the section."""
    entries: dict[tuple[str, str], list[Entry]] = defaultdict(list)

    def titles(article: ConvertedArticle) -> dict[str, str]:
        return rendered[article.tm_path].titles

    for article in articles:
        section = section_of(titles(english.get(article.slug, article))["source"], sections)
        entries[section.id, article.lang].append(Entry(article.slug, titles(article)["target"]))
    for slug, article in english.items():
        section = section_of(titles(article)["source"], sections)
        entries[section.id, "en"].append(Entry(slug, titles(article)["source"]))
    return entries


def media_to_publish(articles: list[ConvertedArticle], diagnostics: list[Diagnostic]) -> dict[str, Path]:
    """Media to publish (docs-relative name → source file): each language's images, distinct files once.

    Per linked path, the content most languages give (ties: the first language
    code) is published under the path itself, which English and every language
    without a copy of its own show (static-i18n's fallback to the default
    language); a language whose image differs gets its own, suffixed with its
    code (``media/x.de.png``), which static-i18n serves to that language's
    pages under the unchanged link. A page whose locale lacks the image shows
    the shared one, with a warning. Two different files for one path in one
    language are an error.
    """
    by_target: dict[str, dict[str, Path]] = defaultdict(dict)  # path → language → file
    given_by: dict[tuple[str, str], str] = {}  # (path, language) → the first TM file linking it
    for article in articles:
        for item in article.media:
            known = by_target[item.target].setdefault(article.lang, item.source)
            given_by.setdefault((item.target, article.lang), article.tm_path)
            if known != item.source and known.read_bytes() != item.source.read_bytes():
                diagnostics.append(Diagnostic(ERROR, "media-conflict", article.tm_path, 1,
                                              f"{item.target} is also {known}, with other content, "
                                              f"in the same language ({article.lang})"))
    media: dict[str, Path] = {}
    shared_by: dict[str, str] = {}  # path → the language whose file is published under it
    for target, files in by_target.items():
        shared_by[target] = shared = _most_shared(files)
        media[target] = files[shared]
        for lang, source in files.items():
            if lang != shared and not _same_file(source, files[shared]):
                media[localized_name(target, lang)] = source
    for article in articles:
        for item in article.missing_media:
            shared = shared_by.get(item.target)
            diagnostics.append(
                Diagnostic(WARNING, "media-missing", article.tm_path, item.line,
                           f"image {item.link!r} not found next to the TM file nor in another locale")
                if shared is None else
                Diagnostic(WARNING, "media-fallback", article.tm_path, item.line,
                           f"image {item.link!r} not found next to the TM file; the page shows the "
                           f"{shared} image of that name ({given_by[item.target, shared]} links "
                           "to it); add the locale's own"))
    return media


def _most_shared(files: dict[str, Path]) -> str:
    """The language whose file most languages share (ties: the first language code)."""
    if len(files) == 1:
        return next(iter(files))
    contents = {lang: digest(source.read_bytes()) for lang, source in files.items()}
    counts = Counter(contents.values())
    return min(files, key=lambda lang: (-counts[contents[lang]], lang))


def _same_file(one: Path, other: Path) -> bool:
    return one == other or one.read_bytes() == other.read_bytes()


def drop_collisions(articles: list[ConvertedArticle], diagnostics: list[Diagnostic],
                     kept_slugs: set[str]) -> list[ConvertedArticle]:
    """Remove articles whose slug and language another file also has."""
    by_key: dict[tuple[str, str], list[ConvertedArticle]] = defaultdict(list)
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
