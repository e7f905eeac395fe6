"""A content-hash cache for ``sxs split``, so that an unchanged run does next to nothing.

Two things are remembered between runs, in one pickle file beside the docs
folder (``<docs parent>/.sxs-cache/<docs name>.pickle``, never inside the
folder MkDocs watches):

- *results*: what a pure computation gave for a key made of content hashes
  (a TM file's bytes, the checks configuration...): parsed articles with their
  diagnostics, status figures. The cache file also holds a fingerprint of
  the core's code and of the versions of the libraries that compute those
  results (:func:`code_version`), so a change to either invalidates everything;
- *outputs*: for every file the split wrote, the hash of its content and the
  size and modification time it had then. A file whose size and time still
  match is known to hold that content without being read; a file edited by
  hand (other size or time) is read and compared as before;
- *the last run*: its report, with the state (names, sizes, modification
  times) of every input and of the docs folder it left. When nothing of that
  has changed, the next run returns that report without reading anything.

Other kinds of runs keep files of their own beside it (:func:`cache_path`):
the status page's figures, and the split's last report without its articles,
which is all that a build that does not split reads.

The cache only ever saves work: a missing, stale or unreadable cache file
gives the same pages as no cache at all. It is a pickle, and unpickling runs
code: the ``.sxs-cache`` folder must be as trusted as the project's own code
(it is local, git-ignored, and written only by sxs).
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TypeVar

from .fileio import write_atomically

T = TypeVar("T")
# memo(key, compute): compute(), or the result remembered for key (SplitCache.memo).
Memo = Callable[[tuple, Callable[[], T]], T]
FOLDER = ".sxs-cache"
PACKAGE = Path(__file__).resolve().parent
# The libraries whose code the core runs to compute cached results (PyPI names; the core's
# third-party imports, tests/test_layering.py): translate-toolkit's checks, PyYAML's front
# matter and configuration, Python-Markdown's raw-HTML pattern (html_rules.py), lxml (exchange).
DEPENDENCIES = ("translate-toolkit", "PyYAML", "Markdown", "lxml", "Babel")


def digest(data: bytes | str) -> str:
    """A short content hash of ``data``."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a block makes many long-lived objects.

    Parsing, rendering or unpickling thousands of documents makes about a
    million objects and frees few; the collector would scan them again and
    again for nothing (about a tenth of a split from scratch).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def code_version() -> str:
    """A fingerprint of what computes the cached results: results made otherwise are not reused.

    It covers the core's source files and data (every module but the MkDocs
    layer ``site/``, which the core never imports: tests/test_layering.py),
    the Python version, and the versions of :data:`DEPENDENCIES`.
    """
    files = sorted(p for p in PACKAGE.rglob("*")
                   if p.suffix in {".py", ".yml", ".po"} and p.relative_to(PACKAGE).parts[0] != "site")
    code = b"".join(p.relative_to(PACKAGE).as_posix().encode() + b"\0" + p.read_bytes() for p in files)
    return digest(code + repr((sys.version_info[:2], dependency_versions())).encode())


def dependency_versions() -> tuple[tuple[str, str], ...]:
    """(distribution, installed version) of each of :data:`DEPENDENCIES` ("absent" when not installed).

    Read from the names of the ``*.dist-info`` folders on ``sys.path``, as
    :mod:`importlib.metadata` finds them: importing that module costs about
    0.1 s, most of an unchanged ``sxs split``.
    """
    wanted = {_normalised(name) for name in DEPENDENCIES}
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            stem, suffix = os.path.splitext(entry)
            name, _, version = stem.partition("-")
            if suffix == ".dist-info" and _normalised(name) in wanted:
                found.setdefault(_normalised(name), version)
    return tuple((name, found.get(_normalised(name), "absent")) for name in DEPENDENCIES)


def _normalised(name: str) -> str:
    """A distribution name as its folders spell it, in lower case (``translate_toolkit``)."""
    return name.replace("-", "_").replace(".", "_").lower()


def folder_state(folder: Path, skip_suffix: str, skip: frozenset[str] = frozenset()) -> str:
    """A hash of the names, sizes and times of the files under ``folder``.

    Files named ``*skip_suffix`` and those whose folder-relative path is in ``skip`` are left out.
    """
    entries = []
    start = len(os.path.join(folder, ""))
    for parent, _dirs, names in os.walk(folder, followlinks=True):
        for name in names:
            path = os.path.join(parent, name)
            relative = path[start:]
            if not (skip_suffix and name.endswith(skip_suffix)) and relative not in skip:
                entries.append(f"{relative}\0{file_state(path)}")
    return digest("\n".join(sorted(entries)))


def file_state(path: Path | str | None) -> tuple[int, int] | None:
    """(size, modification time in ns) of a file; None when it is missing (or no path)."""
    if path is None:
        return None
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def cache_path(docs_dir: Path, kind: str = "") -> Path:
    """The cache file of ``docs_dir``: ``<parent>/.sxs-cache/<name>[.<kind>].pickle``.

    Each ``kind`` of run (the split, the status page) keeps its own file: a
    save keeps only the results its run used.
    """
    docs_dir = docs_dir.resolve()
    return docs_dir.parent / FOLDER / ".".join(filter(None, (docs_dir.name, kind, "pickle")))


class SplitCache:
    """Results and written outputs of previous split runs into one docs folder."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._version = code_version()
        self._results: dict[tuple, object] = {}
        self._outputs: dict[str, tuple[str, tuple[int, int]]] = {}  # path → (hash, stat)
        self._last: tuple[tuple, object] | None = None  # (inputs and docs state, report)
        self._used: dict[tuple, object] = {}
        self._changed = True  # until a valid cache file is read
        if path is not None and path.is_file():
            try:
                with collector_paused(), path.open("rb") as file:
                    version, self._results, self._outputs, self._last = pickle.load(file)
            except Exception:  # any damage to the cache means: start empty
                version = None
            if version == self._version:
                self._changed = False
            else:
                self._results, self._outputs, self._last = {}, {}, None

    @classmethod
    def beside(cls, docs_dir: Path, kind: str = "") -> SplitCache:
        """The cache of ``docs_dir``, read from :func:`cache_path`."""
        return cls(cache_path(docs_dir, kind))

    def memo(self, key: tuple, compute: Callable[[], T]) -> T:
        """The result remembered for ``key``, or ``compute()`` (then remembered)."""
        if key in self._used:
            return self._used[key]
        if key in self._results:
            value = self._results[key]
        else:
            value = compute()
            self._changed = True
        self._used[key] = value
        return value

    def has(self, key: tuple) -> bool:
        """True when a result for ``key`` is remembered (:meth:`memo` will not compute it)."""
        return key in self._used or key in self._results

    def holds(self, path: Path, content_hash: str) -> bool:
        """True when ``path`` is a file this cache wrote with that content, untouched since."""
        known = self._outputs.get(str(path))
        return known is not None and known[0] == content_hash and known[1] == file_state(path)

    def record(self, path: Path, content_hash: str, stat: tuple[int, int] | None = None) -> None:
        """Remember that ``path`` now holds content with ``content_hash`` (and has ``stat``, if known)."""
        stat = stat or file_state(path)
        if stat is not None and self._outputs.get(str(path)) != (content_hash, stat):
            self._outputs[str(path)] = (content_hash, stat)
            self._changed = True

    def forget(self, path: Path) -> None:
        """Forget a removed output."""
        if self._outputs.pop(str(path), None) is not None:
            self._changed = True

    def last_report(self, state: tuple) -> object | None:
        """The report of the last run when ``state`` (inputs and docs folder) is still what it left."""
        return self._last[1] if self._last is not None and self._last[0] == state else None

    def report(self) -> object | None:
        """The last run's report, whatever changed since: a docs folder that ``sxs split`` made elsewhere."""
        return self._last[1] if self._last is not None else None

    def remember_report(self, state: tuple, report: object) -> None:
        """Remember this run's report and the ``state`` it left behind."""
        if self._last is None or self._last[0] != state:
            self._last = (state, report)
            self._changed = True

    def save(self) -> None:
        """Write the results used by this run and the outputs, when anything changed."""
        if self.path is None or not (self._changed or self._used.keys() != self._results.keys()):
            return
        state = (self._version, self._used, self._outputs, self._last)
        try:  # streamed: the pickled cache (tens of MB for thousands of articles) is never held whole
            write_atomically(self.path, partial(pickle.dump, state, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            return  # a read-only place: the next run simply starts without a cache
        self._results, self._changed = dict(self._used), False
