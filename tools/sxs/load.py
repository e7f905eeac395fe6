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
from typing import NamedTuple

from .cache import SplitCache, digest
from .convert import Conversion, Rendered, TmFile, convert_file, render
from .diagnostics import ERROR, Diagnostic
from .sync import Output, Written, WrittenPage
from .workers import map_on_cores


class Loaded(NamedTuple):
    """What a worker sends back for one TM file (:func:`_load`)."""

    key: tuple | None  # the memo key of the file's bytes; None for a file not read (a link out)
    conversion: Conversion | None  # None when the cache knows the key
    rendered: Rendered | None  # the article's rendering, when converted now
    written: list[WrittenPage]  # the pages the worker wrote or found up to date


def load_all(files: list[TmFile], tm_dir: Path, cache: SplitCache, media_state: str,
             output: Output | None) -> tuple[list[Conversion], Written]:
    """Each TM file's article (None when it cannot be converted) and diagnostics; pages written.

    Files are read, and those whose bytes the cache does not know converted,
    their pages rendered and (with ``output``) written, on every core when
    there are many (:func:`_load`); the others are taken from the cache.
    """
    load = partial(_load, tm_dir=tm_dir, root=tm_dir.resolve(), cache=cache, media_state=media_state,
                   output=output)
    results: list[Conversion] = []
    written: Written = {}
    for loaded in map_on_cores(load, files):
        if loaded.key is None:  # not read
            results.append(loaded.conversion)
            continue
        if loaded.rendered is not None:  # converted now; its pages too, for plan()
            cache.memo(Rendered.key(loaded.conversion.article), lambda rendered=loaded.rendered: rendered)
        if loaded.conversion is not None:
            cache.memo(loaded.key, lambda conversion=loaded.conversion: conversion)
        results.append(cache.memo(loaded.key, _unreachable))
        for page in loaded.written:
            if page.pending is None:
                cache.record(output.docs_dir / page.name, page.content_hash, page.state)
            earlier = written.get(page.name)
            if earlier is not None and earlier.pending is not None:  # a slug collision: neither is wanted
                os.unlink(earlier.pending)
            written[page.name] = page
    return results, written


def _unreachable() -> Conversion:
    raise AssertionError("every file missing from the cache was converted")


def _load(file: TmFile, tm_dir: Path, root: Path, cache: SplitCache, media_state: str,
          output: Output | None) -> Loaded:
    """One TM file: read, and (unless the cache knows its bytes) converted, rendered and written."""
    resolved = _real_path(file.path, tm_dir, root)
    if not resolved.is_relative_to(root):
        outside = Diagnostic(ERROR, "outside-tm", file.tm_path, 1, "symbolic link to a file outside the "
                             "TM folder; not read, copy the file into the TM folder instead")
        return Loaded(None, Conversion(None, [outside]), None, [])
    data = file.path.read_bytes()
    key = ("article", str(resolved), file.tm_path, digest(data), media_state)
    if cache.has(key):
        return Loaded(key, None, None, [])
    conversion = convert_file(data, file, tm_dir)
    if conversion.article is None:
        return Loaded(key, conversion, None, [])
    rendered, pages = render(conversion.article)
    return Loaded(key, conversion, rendered, output.write(conversion.article, pages) if output else [])


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
