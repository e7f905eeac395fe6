"""Media: images that articles link to, published beside the pages.

A relative image link ``media/x.png`` in a TM file resolves against the TM
file's folder; the file is published beside the article's pages under the path
exactly as the link writes it (``docs/media/x.png`` for a top-level article), so
the link works unchanged from the page, even when the link's letter case
differs from the file's on disk. Links that are absolute, have a scheme or climb out with ``..`` are not
followed. What sxs published is listed in ``docs/.sxs-media`` so that stale
files can be removed without touching hand-made ones.

Locales ship their own screenshots under the same names. Each language's pages
show their locale's image through mkdocs-static-i18n's localized assets: the
content most languages share is published once under the link's own path
(``media/x.png``, which every language falls back to), and a language whose
image differs gets it beside, suffixed (``media/x.de.png``, served to the
German pages as ``de/media/x.png``). See :func:`plan.media_to_publish`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from .diagnostics import ERROR, WARNING, Diagnostic
from .model import Document

IMAGE_LINK = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img\b[^>]*?\ssrc\s*=\s*[\"']([^\"']+)", re.I)
MANIFEST = ".sxs-media"


@dataclass(frozen=True)
class MediaFile:
    """A file to publish: where it comes from and its path under docs/."""

    source: Path
    target: str  # posix path relative to docs/


@dataclass(frozen=True)
class MissingMedia:
    """An image link whose file is not beside the TM file: another locale may have it."""

    target: str  # posix path relative to docs/, as a found file would be published
    link: str
    line: int


def localized_name(target: str, lang: str) -> str:
    """The docs-relative name of ``lang``'s own copy of ``target`` (static-i18n's suffix structure)."""
    path = PurePosixPath(target)
    return path.with_name(f"{path.stem}.{lang}{path.suffix}").as_posix()


def media_links(text: str) -> list[tuple[int, str]]:
    """(offset, link) of every image link in ``text`` (Markdown or <img>)."""
    return [(m.start(), m.group(1) or m.group(2)) for m in IMAGE_LINK.finditer(text)]


def resolve_media(text: str, tm_file: Path, tm_dir: Path, slug: str, tm_path: str,
                  line_of) -> tuple[list[MediaFile], list[MissingMedia], list[Diagnostic]]:
    """The media files a TM file links to, the links whose file is missing, and errors.

    Targets are relative to ``docs/``, beside the article's pages (``slug``).
    Whether a missing file is found in another locale is for the plan to say.
    """
    found: list[MediaFile] = []
    missing: list[MissingMedia] = []
    diagnostics: list[Diagnostic] = []
    for offset, link in media_links(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:|^/|^#", link, re.I):
            continue  # URL, data: URI, site-absolute or anchor: not a local file
        path = PurePosixPath(unquote(link.split("#")[0].split("?")[0]))
        if ".." in path.parts:
            diagnostics.append(Diagnostic(ERROR, "media-outside", tm_path, line_of(offset),
                                          f"image link {link!r} climbs out with '..'; not published"))
            continue
        on_disk = _find_case_insensitive(tm_file.parent, path)
        target = (PurePosixPath(slug).parent / path).as_posix()
        if on_disk is None:
            missing.append(MissingMedia(target, link, line_of(offset)))
        elif not on_disk.resolve().is_relative_to(tm_dir.resolve()):
            diagnostics.append(Diagnostic(ERROR, "media-outside", tm_path, line_of(offset),
                                          f"image {link!r} leads outside the TM folder; not published"))
        else:
            found.append(MediaFile(on_disk, target))
    return found, missing, diagnostics


def _find_case_insensitive(folder: Path, relative: PurePosixPath) -> Path | None:
    """The file at ``relative`` under ``folder``, matching each part in any case."""
    current = folder
    for part in relative.parts:
        exact = current / part
        if exact.exists():
            current = exact
            continue
        matches = [p for p in current.iterdir() if p.name.lower() == part.lower()] if current.is_dir() else []
        if not matches:
            return None
        current = matches[0]
    return current if current.is_file() else None


ALT_TEXT = re.compile(r"!\[([^\]]*[^\W\d_][^\]]*)\]\(")


def untranslated_alt_texts(document: Document, line_of) -> list[Diagnostic]:
    """Warnings for image alt texts written outside segments (not translatable).

    The pipeline left some alt texts in the target language only; the English
    page then shows them as they are.
    """
    found = []
    start = 0
    for index, piece in enumerate(document.skeleton):
        for match in ALT_TEXT.finditer(piece):
            found.append(Diagnostic(
                WARNING, "untranslated-alt", document.path, line_of(start + match.start()),
                f"image alt text {match.group(1)!r} is outside any segment: every language "
                "shows it as written; put it in a segment to translate it"))
        if index < len(document.segments):
            segment = document.segments[index]
            start = segment.offset + len(segment.markup())
    return found
