"""One TM file to an article: read, parse, check, render its two pages.

:func:`convert_file` turns a TM file's bytes into an :class:`ConvertedArticle` (or only
diagnostics, when the file has errors); :func:`render` gives its two pages.
Everything here depends on that one file (and the media beside it).
"""

from __future__ import annotations

import pickle
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .cache import Memo, digest
from .diagnostics import ERROR, WARNING, Diagnostic
from .language import guess_language
from .media import MediaFile, MissingMedia, resolve_media, untranslated_alt_texts
from .model import Document, language_of
from .parse import decode, parse
from .render import SIDES, marked_ids, render_page, title
from .slug import LOCALE_FOLDER, article_slug, is_valid

# DocFX built everything but includes/ (content fragments); so do we.
EXCLUDED_FOLDERS = {"includes"}
KEPT = "_document"  # where an article keeps the document it was converted with


class TmFile(NamedTuple):
    """An article file: its path, its name in pages and diagnostics, its slug."""

    path: Path
    tm_path: str  # from the TM folder's name on
    slug: str


def article_files(tm_dir: Path, diagnostics: list[Diagnostic]) -> list[TmFile]:
    """The article files under ``tm_dir``, in a stable order."""
    files = []
    for path in sorted(tm_dir.rglob("*.md")):
        relative = path.relative_to(tm_dir)
        tm_path = posixpath.join(tm_dir.name, relative.as_posix())
        if EXCLUDED_FOLDERS & set(relative.parts[:-1]):
            diagnostics.append(Diagnostic(WARNING, "include-skipped", tm_path, 1,
                                          "files under includes/ are fragments, not articles; not published"))
        else:
            files.append(TmFile(path, tm_path, article_slug(relative)))
    return files


class EnglishSummary(NamedTuple):
    """What the plan compares of an article's English side with other locales' copies.

    Taken where the file is converted, so the plan unpickles no document.
    """

    handoff: str
    locale: str
    sources: str  # content hash of the segments' English sources, in order
    body: str | None  # of what the English page is made of but the segment IDs; None: a side stands in
    ids: tuple[str, ...]  # the segment IDs the pages mark, in order (render.marked_ids)

    @classmethod
    def of(cls, document: Document) -> EnglishSummary:
        """The summary of ``document``'s English side."""
        skeleton, segments = document.body()
        stands_in = any(segment.shown("source")[1] for segment in segments)
        body = None if stands_in else _hash((skeleton, [segment.source for segment in segments]))
        return cls(document.handoff, document.locale, _hash([s.source for s in document.segments]), body,
                   tuple(marked_ids(document)))


def _hash(value: object) -> str:
    """A content hash of ``value``'s pickle: equal for equal lists and tuples of strings."""
    return digest(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


@dataclass(frozen=True)
class ConvertedArticle:
    """A converted TM file: slug, display path, target language, text hash, document, media.

    ``missing_media`` are the image links with no file beside the TM file: the
    plan falls back to another locale's image or reports them missing.

    The document is kept pickled (``pickled_document``) and unpickled where it
    is used: the workers that convert TM files send it back, and the cache
    keeps it, as bytes. Only the process that converted the file keeps it
    unpickled: elsewhere each use of ``document`` unpickles a copy that is not
    kept, so thousands of articles never hold thousands of documents at once.
    """

    slug: str
    tm_path: str
    lang: str  # the site language of the target side
    content_hash: str  # of the TM file's bytes: what the article's pages are computed from
    pickled_document: bytes = field(repr=False)
    english: EnglishSummary
    media: tuple[MediaFile, ...] = ()
    english_source: bool = True  # False when the "English" side is another language
    missing_media: tuple[MissingMedia, ...] = ()

    @classmethod
    def of(cls, document: Document, slug: str, tm_path: str, content_hash: str,
           media: tuple[MediaFile, ...], english_source: bool,
           missing_media: tuple[MissingMedia, ...] = ()) -> ConvertedArticle:
        """The article of ``document``, which this process keeps unpickled."""
        article = cls(slug, tm_path, language_of(document.locale), content_hash,
                      pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL), EnglishSummary.of(document),
                      media, english_source, missing_media)
        article.__dict__[KEPT] = document
        return article

    @property
    def document(self) -> Document:
        """The parsed TM file: the one this process converted, or a new copy (bind it to reuse it)."""
        kept = self.__dict__.get(KEPT)
        return kept if kept is not None else pickle.loads(self.pickled_document)

    def __getstate__(self) -> dict:
        return {name: value for name, value in self.__dict__.items() if name != KEPT}


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
    def of(cls, article: ConvertedArticle, memo: Memo | None = None) -> Rendered:
        """Render ``article`` (or, with ``memo``, take what its unchanged text gave before)."""
        return memo(cls.key(article), lambda: render(article)[0]) if memo else render(article)[0]

    @staticmethod
    def key(article: ConvertedArticle) -> tuple:
        """The memo key of an article's rendering: its path and content."""
        return ("rendered", article.tm_path, article.content_hash)


def render(article: ConvertedArticle) -> tuple[Rendered, dict[str, bytes]]:
    """``article``'s rendering and its pages by side, as written to the docs folder."""
    document = article.document
    titles = {side: title(document, side) for side in SIDES}
    pages = {side: render_page(document, side, article.tm_path, titles[side]).encode("utf-8")
             for side in SIDES}
    return Rendered({side: digest(data) for side, data in pages.items()}, titles), pages


def page_bytes(article: ConvertedArticle, side: str) -> bytes:
    """The page of one side of ``article``, as written to the docs folder."""
    return render_page(article.document, side, article.tm_path).encode("utf-8")


def page_name(article: ConvertedArticle, side: str) -> str:
    """The docs-relative name of one side's page: ``<slug>.<lang>.md``."""
    return f"{article.slug}.{'en' if side == 'source' else article.lang}.md"


class Conversion(NamedTuple):
    """A TM file's article (None when the file has errors) and what was found in it."""

    article: ConvertedArticle | None
    diagnostics: list[Diagnostic]


def convert_file(data: bytes, file: TmFile, tm_dir: Path) -> Conversion:
    """The article of one TM file's bytes and what was found.

    Errors in segments or in the front matter do not stop the article: the
    pages show what stands in for the defect, as the diagnostics say. There is
    no article when the file cannot be read as a TM file (not UTF-8 text, empty)
    or has no place on the site (no usable locale, no valid slug).
    """
    path, tm_path, slug = file.path, file.tm_path, file.slug
    text, problems = decode(data, tm_path)
    if text is None:
        return Conversion(None, problems)
    document, found = parse(text, tm_path)
    if any(d.code == "empty-file" for d in found):
        return Conversion(None, found)
    found = _recover_locale(document, path, found)
    refusals = _article_problems(document, slug, tm_path)
    media, missing, media_problems = resolve_media(text, path, tm_dir, slug, tm_path, _line_of(text))
    found.extend(refusals + media_problems + untranslated_alt_texts(document, _line_of(text)))
    english = _source_is_english(document, tm_path, found)
    if refusals:
        return Conversion(None, found)
    article = ConvertedArticle.of(document, slug, tm_path, digest(data), tuple(media), english,
                                  tuple(missing))
    return Conversion(article, found)


def converted_document(tm_dir: Path, tm_path: str) -> Document | None:
    """The document of the TM file that ``tm_path`` names in a split's report, converted again.

    Exactly the split's conversion, for a caller that did not keep it; None
    when the file is gone or no longer gives an article.
    """
    relative = Path(posixpath.relpath(tm_path, tm_dir.name or "."))
    file = TmFile(tm_dir / relative, tm_path, article_slug(relative))
    try:
        data = file.path.read_bytes()
    except OSError:
        return None
    article = convert_file(data, file, tm_dir).article
    return article.document if article is not None else None


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


def _article_problems(document: Document, slug: str, tm_path: str) -> list[Diagnostic]:
    """Errors that stop a parsed file from becoming an article."""
    if not document.locale:
        return [Diagnostic(ERROR, "no-locale", tm_path, 1,
                           "front matter has no ms.contentlocale; add the target locale")]
    if not LOCALE_FOLDER.match(document.locale):
        return [Diagnostic(ERROR, "bad-locale", tm_path, 1,
                           f"ms.contentlocale {document.locale!r} is not a locale code like fr-FR; "
                           "fix the front matter")]
    if language_of(document.locale) == "en":
        return [Diagnostic(ERROR, "english-target", tm_path, 1,
                           f"target locale {document.locale} is English, like the source")]
    if not is_valid(slug):
        return [Diagnostic(ERROR, "bad-slug", tm_path, 1,
                           f"file path gives the slug {slug!r}, which has an empty part; rename the file")]
    return []


def _source_is_english(document: Document, tm_path: str, found: list[Diagnostic]) -> bool:
    """False (with a warning) when the source side reads as another language."""
    guessed = guess_language(" ".join(s.source for s in document.segments))
    if guessed in (None, "en"):
        return True
    found.append(Diagnostic(WARNING, "source-not-english", tm_path, 1,
                            f"the English side of this file reads as '{guessed}', not English; "
                            "only the target page is published"))
    return False


def _line_of(text: str):
    """A function giving the 1-based line of an offset in ``text``."""
    return lambda offset: text.count("\n", 0, offset) + 1
