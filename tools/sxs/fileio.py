"""File reading and atomic, change-only writing."""

from __future__ import annotations

import fcntl
import os
import re
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

# write_if_changed's temporaries: ".NAME." + 8 random characters (hexadecimal; mkstemp's before) + ".tmp"
TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def read_text(path: Path) -> str:
    """A file's text, decoded as strict UTF-8 with line endings untouched."""
    return path.read_bytes().decode("utf-8")


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write ``content`` (text as UTF-8) to ``path`` atomically unless it already holds it.

    Returns True when the file was written. The new content goes to a
    temporary file in the same folder, which then replaces the target in one
    step, so readers never see a half-written file.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if holds(path, data):
        return False
    write_atomically(path, lambda file: file.write(data))
    return True


def holds(path: Path, data: bytes) -> bool:
    """True when the file ``path`` exists and holds exactly ``data``."""
    try:
        return path.read_bytes() == data
    except FileNotFoundError:
        return False


def write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write ``path`` with ``write(file)`` into a temporary file beside it, which then replaces it.

    The replacement is one step, so readers never see a half-written file;
    ``write`` may stream (nothing needs to hold the whole content).
    """
    temporary = write_beside(path, write)
    try:
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_beside(path: Path, write: Callable[[BinaryIO], object]) -> str:
    """A new temporary file in ``path``'s folder, written with ``write(file)``: its path.

    ``os.replace(temporary, path)`` puts it in place in one step; one never put
    in place must be removed (:func:`locked` removes those a killed writer left).
    """
    try:
        handle, temporary = _temporary_beside(path)
    except FileNotFoundError:  # a new folder
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = _temporary_beside(path)
    try:
        with os.fdopen(handle, "wb") as file:
            write(file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A new temporary file in ``path``'s folder, open for writing: (descriptor, path).

    It gets the permissions of any new file (``0o666`` less the umask), which
    the written file keeps: a web server must be able to read the site.
    """
    while True:
        temporary = os.path.join(path.parent, f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666), temporary
        except FileExistsError:
            continue


@contextmanager
def locked(folder: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold a lock on ``folder`` (``flock`` on the folder itself) while the block runs.

    Writers take it exclusive, readers shared, across threads and processes,
    so two overlapping runs never interleave their writes into one folder.
    The folder is created for a writer; a reader of a missing folder has
    nothing to lock. No lock file is left behind for a watcher to notice. A
    writer that gets the lock removes the temporaries of a writer that was
    killed before it could replace its file.
    """
    if shared and not folder.is_dir():
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        if not shared:
            for path in folder.rglob(".*.tmp"):
                if TEMPORARY.fullmatch(path.name) and path.is_file():
                    path.unlink()
        yield
    finally:
        os.close(descriptor)  # closing releases the lock
