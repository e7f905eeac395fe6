"""Read every TM file and convert those the cache does not know, on every core.

A TM file is keyed by the hash of its bytes (and the state of the media
beside it): a known key gives the cached article without parsing. New
conversions run in forked workers (:func:`sxs.workers.map_on_cores`), which
also write the pages of articles no other file shares (:class:`sxs.sync.Output`).
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

from .cache import SplitCache, digest
from .convert import Article, Rendered, TmFile, _convert, render
from .diagnostics import ERROR, Diagnostic
from .sync import Output, Written
from .workers import map_on_cores

Converted = tuple[Article | None, list[Diagnostic]]  # a TM file's article (None: failed), diagnostics


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
