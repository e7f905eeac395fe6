"""Write the docs folder: what changed, and nothing else; remove what sxs made and no longer wants.

Only generated pages (marked with the ``sxs`` front-matter key) and media
listed in ``docs/.sxs-media`` are ever rewritten or removed. Workers write
the pages of an article no other TM file shares, and beside their place the
translation of one that others share (:class:`Output`); the main process puts
those in place once the plan wants them, and writes the rest (:func:`sync_docs`).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .cache import SplitCache, digest, file_state
from .convert import ConvertedArticle, TmFile, page_name
from .fileio import holds, write_beside, write_if_changed
from .media import MANIFEST
from .pages import STATUS_PAGE
from .plan import Wanted
from .workers import map_on_cores

if TYPE_CHECKING:
    from .split import Report

GENERATED_MARK = re.compile(r"\A---\r?\n(?:.*\r?\n)*?sxs:", re.M)


# Generated into the docs folder by another step (status.publish_status): not the split's to write or remove.
OTHER_STEPS = frozenset({STATUS_PAGE})


class WrittenPage(NamedTuple):
    """A page the conversion of its TM file wrote, or found up to date (:meth:`Output.write`)."""

    name: str  # docs-relative
    content_hash: str
    state: tuple[int, int] | None  # size and modification time after writing (cache.file_state)
    written: bool  # False: the docs folder held it already
    pending: str | None = None  # a temporary beside it, to put in place if the plan wants the page


Written = dict[str, WrittenPage]  # by docs-relative name


@dataclass(frozen=True)
class Output:
    """Where the conversion of a TM file writes its article's pages itself.

    The pages of a slug no other TM file gives depend on that file alone (no
    collision, no other locale's English): each worker writes them as soon as
    they are rendered, on every core, instead of sending them back to be
    written one after the other. Of a slug other files give (the same article
    in other locales), the worker writes the translated page beside its place:
    :func:`sync_docs` puts it in place unless a slug collision drops it (the
    old page then stays). Its English page waits for the plan's choice.
    """

    docs_dir: Path
    unshared_slugs: frozenset[str]
    cache: SplitCache

    def write(self, article: ConvertedArticle, pages: dict[str, bytes]) -> list[WrittenPage]:
        """Write ``article``'s pages unless the docs folder holds them."""
        shared = article.slug not in self.unshared_slugs
        done = []
        for side, data in pages.items():
            if side == "source" and (shared or not article.english_source):
                continue
            name, content_hash = page_name(article, side), digest(data)
            path = self.docs_dir / name
            if not shared:
                written = not self.cache.holds(path, content_hash) and write_if_changed(path, data)
                done.append(WrittenPage(name, content_hash, file_state(path), written))
            elif self.cache.holds(path, content_hash) or holds(path, data):
                done.append(WrittenPage(name, content_hash, file_state(path), False))
            else:
                temporary = write_beside(path, lambda file, data=data: file.write(data))
                done.append(WrittenPage(name, content_hash, None, False, temporary))
        return done


def unshared_slugs(files: list[TmFile]) -> frozenset[str]:
    """The slugs that only one of ``files`` gives."""
    counts = Counter(file.slug for file in files)
    return frozenset(slug for slug, count in counts.items() if count == 1)


def update_file(path: Path, data: bytes, report: Report, *, check: bool) -> None:
    """Write ``data`` to ``path`` unless it holds it (noted in ``report.written``).

    With ``check``, nothing is written: ``path`` goes to ``report.outdated`` if it would be.
    """
    if not check:
        if write_if_changed(path, data):
            report.written.append(path)
    elif not path.is_file() or path.read_bytes() != data:
        report.outdated.append(path)


def sync_docs(docs_dir: Path, pages: dict[str, Wanted], media: dict[str, Path], kept_slugs: set[str],
              check: bool, report: Report, cache: SplitCache, written: Written) -> None:
    """Write what changed and remove what is stale (or, with ``check``, list it).

    Pages the conversion already wrote or found up to date (``written``) are
    left alone, and so is a file that the cache knows holds the wanted
    content (same size and time as when written): neither is read again.
    """
    wanted = dict(pages)
    for name, source in media.items():
        wanted[name] = Wanted.of(source.read_bytes())
    if media:
        wanted[MANIFEST] = Wanted.of("".join(f"{name}\n" for name in sorted(media)).encode("utf-8"))
    todo: list[tuple[Path, Wanted]] = []
    pending = {done.pending for done in written.values() if done.pending is not None}
    for name, want in sorted(wanted.items()):
        path = docs_dir / name
        done = written.get(name)
        if done is not None and done.content_hash == want.content_hash:
            if done.pending is not None:
                os.replace(done.pending, path)
                pending.discard(done.pending)
                cache.record(path, want.content_hash, file_state(path))
            if done.written or done.pending is not None:
                report.written.append(path)
            continue
        if not cache.holds(path, want.content_hash):
            todo.append((path, want))
    if check:
        for path, want in todo:
            update_file(path, want.make(), report, check=True)
        todo = []
    for (path, want), (changed, state) in zip(todo, map_on_cores(_make_and_write, todo), strict=True):
        if changed:
            report.written.append(path)
        cache.record(path, want.content_hash, state)
    for temporary in pending:  # pages the plan dropped (slug collisions)
        os.unlink(temporary)
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


def _make_and_write(item: tuple[Path, Wanted]) -> tuple[bool, tuple[int, int] | None]:
    """Make one wanted file and write it unless it holds that (on a worker): whether written, its state."""
    path, want = item
    return write_if_changed(path, want.make()), file_state(path)


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
