"""File reading and atomic, change-only writing."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True
