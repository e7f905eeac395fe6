"""``sxs split``: turn a folder of TM files into paired Markdown pages.

Per article ``docs/<slug>.en.md`` and ``docs/<slug>.<lang>.md``
(mkdocs-static-i18n's suffix structure), the images it links to, and per
language a home page and section pages. Generated pages carry an ``sxs``
front-matter key; only such pages (and media listed in ``docs/.sxs-media``)
are ever rewritten or removed, so hand-written files in ``docs/`` are safe.
The status page is generated too, but by :func:`sxs.status.publish_status`,
after the split (its checks cost several times the split): the split leaves it alone.
"""

from __future__ import annotations

import os
import pickle
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from pathlib import Path
from typing import NamedTuple

from .cache import Memo, SplitCache, collector_paused, digest, file_state, folder_state
from .diagnostics import ERROR, WARNING, Diagnostic, has_errors
from .fileio import locked, write_if_changed
from .language import guess_language
from .media import MANIFEST, MediaFile, resolve_media, untranslated_alt_texts
from .model import Document, language_of
from .pages import STATUS_PAGE, Entry, home_page, section_page
from .parse import decode, parse
from .render import SIDES, render_page, title
from .sections import Section, load_sections, section_of
from .slug import LOCALE_FOLDER, article_slug, is_valid
from .workers import map_on_cores

GENERATED_MARK = re.compile(r"\A---\r?\n(?:.*\r?\n)*?sxs:", re.M)
# DocFX built everything but includes/ (content fragments); so do we.
EXCLUDED_FOLDERS = {"includes"}
# Generated into the docs folder by another step (status.publish_status): not the split's to write or remove.
OTHER_STEPS = frozenset({STATUS_PAGE})


@dataclass(frozen=True)
class Article:
    """A converted TM file: slug, display path, target language, text hash, document, media.

    The document is kept pickled (``pickled_document``) and unpickled where it
    is used: the workers that convert TM files send it back, and the cache
    keeps it, as bytes; ``sxs split`` alone never reads it again (the status
    page and the site do).
    """

    slug: str
    tm_path: str
    lang: str  # the site language of the target side
    content_hash: str  # of the TM file's bytes: what the article's pages are computed from
    pickled_document: bytes = field(repr=False)
    media: tuple[MediaFile, ...] = ()
    english_source: bool = True  # False when the "English" side is another language

    @classmethod
    def of(cls, document: Document, slug: str, tm_path: str, content_hash: str,
           media: tuple[MediaFile, ...], english_source: bool) -> Article:
        """The article of ``document``, which this process keeps unpickled."""
        article = cls(slug, tm_path, language_of(document.locale), content_hash,
                      pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL), media, english_source)
        article.__dict__["document"] = document  # what the cached property would give
        return article

    @cached_property
    def document(self) -> Document:
        """The parsed TM file."""
        return pickle.loads(self.pickled_document)

    def __getstate__(self) -> dict:
        return {name: value for name, value in self.__dict__.items() if name != "document"}


@dataclass(frozen=True)
class Rendered:
    """An article's two pages, as content hashes, and its two titles, by side (``target``, ``source``).

    A page's text is made again (:func:`page_bytes`) only when it must be
    written: kept in the cache and sent back by the workers, the texts would
    double what they carry.
    """

    hashes: dict[str, str]
    titles: dict[str, str]

    @classmethod
    def of(cls, article: Article, memo: Memo | None = None) -> Rendered:
        """Render ``article`` (or, with ``memo``, take what its unchanged text gave before)."""
        return memo(cls.key(article), lambda: render(article)[0]) if memo else render(article)[0]

    @staticmethod
    def key(article: Article) -> tuple:
        """The memo key of an article's rendering: its path and content."""
        return ("rendered", article.tm_path, article.content_hash)


def render(article: Article) -> tuple[Rendered, dict[str, bytes]]:
    """``article``'s rendering and its pages by side, as written to the docs folder."""
    titles = {side: title(article.document, side) for side in SIDES}
    pages = {side: render_page(article.document, side, article.tm_path, titles[side]).encode("utf-8")
             for side in SIDES}
    return Rendered({side: digest(data) for side, data in pages.items()}, titles), pages


def page_bytes(article: Article, side: str) -> bytes:
    """The page of one side of ``article``, as written to the docs folder."""
    return render_page(article.document, side, article.tm_path).encode("utf-8")


def page_name(article: Article, side: str) -> str:
    """The docs-relative name of one side's page: ``<slug>.<lang>.md``."""
    return f"{article.slug}.{'en' if side == 'source' else article.lang}.md"


@dataclass
class Report:
    """What a split run found and did."""

    articles: list[Article] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    outdated: list[Path] = field(default_factory=list)  # with check=True
    nav: list[str] = field(default_factory=list)  # home and section pages, for MkDocs
    english_tm: set[str] = field(default_factory=set)  # TM files whose English side is a page
    unpublished: list[str] = field(default_factory=list)  # TM files without pages this run

    @property
    def ok(self) -> bool:
        """True when nothing is in error (and, for a check, nothing out of date)."""
        return not has_errors(self.diagnostics) and not self.outdated

    def files_with_errors(self) -> list[str]:
        """The files (TM paths) that have at least one error."""
        return sorted({d.path for d in self.diagnostics if d.severity == ERROR})

    def errors_summary(self) -> str:
        """``N errors in F files (U not published)``."""
        errors = sum(d.severity == ERROR for d in self.diagnostics)
        return (f"{errors} errors in {len(self.files_with_errors())} files "
                f"({len(self.unpublished)} not published)")


def split(tm_dir: Path, docs_dir: Path, *, check: bool = False,
          sections_file: Path | None = None) -> Report:
    """Convert every article ``*.md`` under ``tm_dir`` into pages under ``docs_dir``.

    With ``check``, nothing is written: ``Report.outdated`` lists the files
    that a real run would write or remove.
    """
    with collector_paused():
        return _split(tm_dir, docs_dir, check, sections_file)


def _split(tm_dir: Path, docs_dir: Path, check: bool, sections_file: Path | None) -> Report:
    cache = SplitCache.beside(docs_dir)  # unchanged TM files are not parsed and checked again
    inputs = _inputs_state(tm_dir, sections_file)
    with locked(docs_dir, shared=check):  # overlapping runs write one after the other
        previous = cache.last_report((inputs, folder_state(docs_dir, "", OTHER_STEPS)))
        if isinstance(previous, Report):
            return previous  # nothing changed since the last run: it would write nothing
        report = Report()
        media_state = folder_state(tm_dir, ".md")  # media: their presence changes what a file gives
        kept_slugs: set[str] = set()  # files that failed: their old pages stay
        files = _tm_files(tm_dir, report.diagnostics)
        output = None if check else Output(docs_dir, _unshared_slugs(files), cache)
        loaded, written = _load_all(files, tm_dir, cache, media_state, output)
        for file, (article, found) in zip(files, loaded, strict=True):
            report.diagnostics.extend(found)
            if article is None:
                kept_slugs.add(file.slug)
            else:
                report.articles.append(article)
        report.articles = _drop_collisions(report.articles, report.diagnostics, kept_slugs)
        report.unpublished = sorted({f.shown for f in files} - {a.tm_path for a in report.articles})
        pages, report.nav, report.english_tm = plan(report.articles, load_sections(sections_file),
                                                    report.diagnostics, cache.memo)
        media = _media(report.articles, report.diagnostics)
        _sync(docs_dir, pages, media, kept_slugs, check, report, cache, written)
        if not check:
            cache.remember_report((inputs, folder_state(docs_dir, "", OTHER_STEPS)),
                                  replace(report, written=[], removed=[]))
            cache.save()
    return report


def _inputs_state(tm_dir: Path, sections_file: Path | None) -> tuple:
    """What a run reads, as names, sizes and times: TM files, media, sections."""
    return str(tm_dir.resolve()), folder_state(tm_dir, ""), file_state(sections_file)


class TmFile(NamedTuple):
    """An article file: its path, its name in pages and diagnostics, its slug."""

    path: Path
    shown: str  # from the TM folder's name on
    slug: str


def _tm_files(tm_dir: Path, diagnostics: list[Diagnostic]) -> list[TmFile]:
    """The article files under ``tm_dir``, in a stable order."""
    files = []
    for path in sorted(tm_dir.rglob("*.md")):
        relative = path.relative_to(tm_dir)
        shown = posixpath.join(tm_dir.name, relative.as_posix())
        if EXCLUDED_FOLDERS & set(relative.parts[:-1]):
            diagnostics.append(Diagnostic(WARNING, "include-skipped", shown, 1,
                                          "files under includes/ are fragments, not articles; not published"))
        else:
            files.append(TmFile(path, shown, article_slug(relative)))
    return files


Converted = tuple[Article | None, list[Diagnostic]]  # a TM file's article (None: failed), diagnostics
# Pages the conversion wrote or found up to date: docs-relative name → (content hash, written now).
Written = dict[str, tuple[str, bool]]


@dataclass(frozen=True)
class Output:
    """Where the conversion of a TM file writes its article's pages itself.

    Only the pages of a slug no other TM file gives: what they hold depends on
    that file alone (no collision, no other locale's English), so each worker
    writes its files' pages as soon as they are rendered, on every core,
    instead of sending them back to be written one after the other.
    """

    docs_dir: Path
    unshared_slugs: frozenset[str]
    cache: SplitCache

    def write(self, article: Article, pages: dict[str, bytes]) -> list[tuple[str, str, tuple, bool]]:
        """Write ``article``'s pages unless the docs folder holds them: (name, hash, file state, written)."""
        if article.slug not in self.unshared_slugs:
            return []
        done = []
        for side, data in pages.items():
            if side == "source" and not article.english_source:
                continue
            name, content_hash = page_name(article, side), digest(data)
            path = self.docs_dir / name
            written = not self.cache.holds(path, content_hash) and write_if_changed(path, data)
            done.append((name, content_hash, file_state(path), written))
        return done


def _unshared_slugs(files: list[TmFile]) -> frozenset[str]:
    """The slugs that only one of ``files`` gives."""
    counts = Counter(file.slug for file in files)
    return frozenset(slug for slug, count in counts.items() if count == 1)


def _load_all(files: list[TmFile], tm_dir: Path, cache: SplitCache, media_state: str,
              output: Output | None) -> tuple[list[Converted], Written]:
    """Each TM file's article (None when it cannot be converted) and diagnostics; pages written.

    Files are read, and those whose bytes the cache does not know converted,
    their pages rendered and (with ``output``) written, on every core when
    there are many (:func:`_load`); the others are taken from the cache.
    """
    load = partial(_load, tm_dir=tm_dir, root=tm_dir.resolve(), cache=cache, media_state=media_state,
                   output=output)
    results: list[Converted] = []
    written: Written = {}
    for key, converted, rendered, done in map_on_cores(load, files):
        if key is None:  # not read
            results.append(converted)
            continue
        if rendered is not None:  # converted now; its pages too, for plan()
            cache.memo(Rendered.key(converted[0]), lambda rendered=rendered: rendered)
        if converted is not None:
            cache.memo(key, lambda converted=converted: converted)
        results.append(cache.memo(key, _unreachable))
        for name, content_hash, state, was_written in done:
            cache.record(output.docs_dir / name, content_hash, state)
            written[name] = (content_hash, was_written)
    return results, written


def _unreachable() -> Converted:
    raise AssertionError("every file missing from the cache was converted")


def _load(file: TmFile, tm_dir: Path, root: Path, cache: SplitCache, media_state: str,
          output: Output | None) -> tuple[tuple | None, Converted | None, Rendered | None, list]:
    """One TM file: (memo key of its bytes, converted file, rendering, pages written).

    The key is None for a file that is not read (a link out of the TM folder);
    the converted file and its rendering are None when the cache knows the key.
    """
    resolved = _real_path(file.path, tm_dir, root)
    if not resolved.is_relative_to(root):
        return None, (None, [Diagnostic(ERROR, "outside-tm", file.shown, 1,
                                        "symbolic link to a file outside the TM folder; not read, "
                                        "copy the file into the TM folder instead")]), None, []
    data = file.path.read_bytes()
    key = ("article", str(resolved), file.shown, digest(data), media_state)
    if cache.has(key):
        return key, None, None, []
    article, found = _convert(data, file, tm_dir)
    if article is None:
        return key, (None, found), None, []
    rendered, pages = render(article)
    return key, (article, found), rendered, output.write(article, pages) if output else []


def _real_path(path: Path, tm_dir: Path, root: Path) -> Path:
    """Where ``path``, found under ``tm_dir``, really is (``root`` is ``tm_dir`` resolved).

    Resolved in full only when one of its parts below ``tm_dir`` is a symbolic
    link: a full resolve checks every part of the path, for each of thousands of files.
    """
    relative = path.relative_to(tm_dir)
    for depth in range(1, len(relative.parts) + 1):
        if os.path.islink(os.path.join(tm_dir, *relative.parts[:depth])):
            return path.resolve()
    return root / relative


def _convert(data: bytes, file: TmFile, tm_dir: Path) -> tuple[Article | None, list[Diagnostic]]:
    """The article of one TM file's bytes and what was found.

    Errors in segments or in the front matter do not stop the article: the
    pages show what stands in for the defect, as the diagnostics say. There is
    no article when the file cannot be read as a TM file (not UTF-8 text, empty)
    or has no place on the site (no usable locale, no valid slug).
    """
    path, shown, slug = file
    text, problems = decode(data, shown)
    if text is None:
        return None, problems
    document, found = parse(text, shown)
    if any(d.code == "empty-file" for d in found):
        return None, found
    found = _recover_locale(document, path, found)
    refusals = _article_problems(document, slug, shown)
    media, media_problems = resolve_media(text, path, tm_dir, slug, shown, _line_of(text))
    found.extend(refusals + media_problems + untranslated_alt_texts(document, _line_of(text)))
    english = _source_is_english(document, shown, found)
    if refusals:
        return None, found
    return Article.of(document, slug, shown, digest(data), tuple(media), english), found


def _recover_locale(document: Document, path: Path, found: list[Diagnostic]) -> list[Diagnostic]:
    """Front matter that gives no locale (broken, missing, or turned into segments): take it from the folder.

    When a folder named like a locale (``fr-FR``) holds the file, the article
    is published with that locale and its H1 as title; the diagnostics say so.
    Turned into segments, the front matter's error becomes a warning (it is
    the pipeline's doing, nothing is lost).
    """
    if document.locale:
        return found
    folders = [p for p in reversed(path.resolve().parts[:-1]) if LOCALE_FOLDER.match(p)]
    if not folders:
        return found
    document.front_matter["ms.contentlocale"] = folders[0]
    taken = f"locale {folders[0]} taken from the folder name" + (
        "" if document.front_matter.get("title") else ", title from the H1")
    recovered = [
        Diagnostic(WARNING, d.code, d.path, d.line, f"front matter was turned into translation "
                   f"segments; {taken}; restore the YAML front matter")
        if d.code == "segments-in-front-matter" else d
        for d in found
    ]
    if not any(d.code == "segments-in-front-matter" for d in found):
        recovered.append(Diagnostic(WARNING, "locale-from-folder", document.path, 1,
                                    f"front matter gives no locale; {taken}; add ms.contentlocale"))
    return recovered


def _article_problems(document: Document, slug: str, shown: str) -> list[Diagnostic]:
    """Errors that stop a parsed file from becoming an article."""
    if not document.locale:
        return [Diagnostic(ERROR, "no-locale", shown, 1,
                           "front matter has no ms.contentlocale; add the target locale")]
    if not LOCALE_FOLDER.match(document.locale):
        return [Diagnostic(ERROR, "bad-locale", shown, 1,
                           f"ms.contentlocale {document.locale!r} is not a locale code like fr-FR; "
                           "fix the front matter")]
    if language_of(document.locale) == "en":
        return [Diagnostic(ERROR, "english-target", shown, 1,
                           f"target locale {document.locale} is English, like the source")]
    if not is_valid(slug):
        return [Diagnostic(ERROR, "bad-slug", shown, 1,
                           f"file path gives the slug {slug!r}, which has an empty part; rename the file")]
    return []


def _source_is_english(document: Document, shown: str, found: list[Diagnostic]) -> bool:
    """False (with a warning) when the source side reads as another language."""
    guessed = guess_language(" ".join(s.source for s in document.segments))
    if guessed in (None, "en"):
        return True
    found.append(Diagnostic(WARNING, "source-not-english", shown, 1,
                            f"the English side of this file reads as '{guessed}', not English; "
                            "only the target page is published"))
    return False


def _line_of(text: str):
    """A function giving the 1-based line of an offset in ``text``."""
    return lambda offset: text.count("\n", 0, offset) + 1


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


# A file the docs folder must hold: the hash of its content, and a function making the content.
Wanted = tuple[str, Callable[[], bytes]]


def plan(articles: list[Article], sections: list[Section], diagnostics: list[Diagnostic],
         memo: Memo | None = None) -> tuple[dict[str, Wanted], list[str], set[str]]:
    """Every generated page (docs-relative name → wanted content), the navigation and
    the TM files whose English side is a page."""
    pages: dict[str, Wanted] = {}
    english: dict[str, Article] = {}
    rendered = {article.tm_path: Rendered.of(article, memo) for article in articles}

    def article_page(article: Article, side: str) -> None:
        pages[page_name(article, side)] = (rendered[article.tm_path].hashes[side],
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
        pages[f"index.{lang}.md"] = _wanted(home_page(lang, [(s, e) for s, e in listed if e]).encode("utf-8"))
        for section, section_entries in listed:
            page = section_page(section, lang, section_entries)
            pages[f"sections/{section.id}.{lang}.md"] = _wanted(page.encode("utf-8"))
    nav = ["index.md"] + [f"sections/{s.id}.md" for s in used]
    return pages, nav, {article.tm_path for article in english.values()}


def update_file(path: Path, data: bytes, report: Report, *, check: bool) -> None:
    """Write ``data`` to ``path`` unless it holds it (noted in ``report.written``).

    With ``check``, nothing is written: ``path`` goes to ``report.outdated`` if it would be.
    """
    if not check:
        if write_if_changed(path, data):
            report.written.append(path)
    elif not path.is_file() or path.read_bytes() != data:
        report.outdated.append(path)


def _wanted(data: bytes) -> Wanted:
    return digest(data), lambda: data


def _languages(articles: list[Article]) -> list[str]:
    return sorted({"en"} | {a.lang for a in articles})


def _newest(current: Article | None, candidate: Article, diagnostics: list[Diagnostic]) -> Article:
    """Of two locales' copies of an article, the newest handoff gives the English page."""
    if current is None:
        return candidate
    old, new = sorted((current, candidate), key=lambda a: a.document.handoff)
    if [s.source for s in old.document.segments] != [s.source for s in new.document.segments]:
        diagnostics.append(Diagnostic(WARNING, "english-differs", old.tm_path, 1,
                                      f"English differs from {new.tm_path} (handoff {new.document.handoff}); "
                                      "the newer one is published"))
    return new


def _entries_by_language(articles: list[Article], english: dict[str, Article], sections: list[Section],
                         rendered: dict[str, Rendered]) -> dict[tuple[str, str], list[Entry]]:
    """Articles listed per (section ID, language); the English title picks the section."""
    entries: dict[tuple[str, str], list[Entry]] = defaultdict(list)

    def titles(article: Article) -> dict[str, str]:
        return rendered[article.tm_path].titles

    for article in articles:
        section = section_of(titles(english.get(article.slug, article))["source"], sections)
        entries[section.id, article.lang].append(Entry(article.slug, titles(article)["target"]))
    for slug, article in english.items():
        section = section_of(titles(article)["source"], sections)
        entries[section.id, "en"].append(Entry(slug, titles(article)["source"]))
    return entries


def _media(articles: list[Article], diagnostics: list[Diagnostic]) -> dict[str, Path]:
    """Media to publish (docs-relative path → source file); conflicts reported."""
    media: dict[str, Path] = {}
    for article in articles:
        for item in article.media:
            known = media.setdefault(item.target, item.source)
            if known != item.source and known.read_bytes() != item.source.read_bytes():
                diagnostics.append(Diagnostic(ERROR, "media-conflict", article.tm_path, 1,
                                              f"{item.target} is also {known}, with other content"))
    return media


def _sync(docs_dir: Path, pages: dict[str, Wanted], media: dict[str, Path], kept_slugs: set[str],
          check: bool, report: Report, cache: SplitCache, written: Written) -> None:
    """Write what changed and remove what is stale (or, with ``check``, list it).

    Pages the conversion already wrote or found up to date (``written``) are
    left alone, and so is a file that the cache knows holds the wanted
    content (same size and time as when written): neither is read again.
    """
    wanted = dict(pages)
    for name, source in media.items():
        wanted[name] = _wanted(source.read_bytes())
    if media:
        wanted[MANIFEST] = _wanted("".join(f"{name}\n" for name in sorted(media)).encode("utf-8"))
    for name, (content_hash, make) in sorted(wanted.items()):
        path = docs_dir / name
        done = written.get(name)
        if done is not None and done[0] == content_hash:
            if done[1]:
                report.written.append(path)
            continue
        if cache.holds(path, content_hash):
            continue
        update_file(path, make(), report, check=check)
        if not check:
            cache.record(path, content_hash)
    for path in _unwanted_files(docs_dir, wanted):
        name = path.relative_to(docs_dir).as_posix()
        if name in OTHER_STEPS or name.split(".")[0] in kept_slugs:
            continue
        if check:
            report.outdated.append(path)
        else:
            path.unlink()
            cache.forget(path)
            report.removed.append(path)


def _unwanted_files(docs_dir: Path, wanted: dict[str, Wanted]) -> list[Path]:
    """Files under ``docs_dir`` that sxs made (marked pages, listed media) and no longer wants.

    Wanted pages are not read to find out whether sxs made them.
    """
    if not docs_dir.is_dir():
        return []
    start = len(os.path.join(docs_dir, ""))
    pages = []
    for parent, _dirs, names in os.walk(docs_dir):
        for path in (os.path.join(parent, name) for name in names if name.endswith(".md")):
            if path[start:] not in wanted and GENERATED_MARK.match(_read_leniently(path)):
                pages.append(Path(path))
    manifest = docs_dir / MANIFEST
    listed = manifest.read_text("utf-8").splitlines() if manifest.is_file() else []
    media = [docs_dir / name for name in [*listed, MANIFEST]
             if name not in wanted and (docs_dir / name).is_file()]
    return sorted(pages) + media


def _read_leniently(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as stream:
        return stream.read()
