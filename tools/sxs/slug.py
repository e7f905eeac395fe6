"""Article slugs: the URL-safe name of an article, from its TM file name.

Rule: take the file name without ``.md``; drop invisible format characters
(U+200B, U+200E, ...); decompose accents and drop them; lower-case; turn every
run of characters other than ``a-z`` and ``0-9`` into one ``-``; trim ``-``
at both ends. ``Change the default link type copy.md`` becomes
``change-the-default-link-type-copy``. Two files of one locale with the same
slug are a collision (an error); the same slug in two locales is the same
article in two languages.
"""

from __future__ import annotations

import re
import unicodedata

RESERVED = {"index"}  # the generated home pages


def slug_of(file_name: str) -> str:
    """The slug of a TM file name (see module docstring); may be empty."""
    stem = file_name[:-3] if file_name.lower().endswith(".md") else file_name
    visible = "".join(c for c in stem if unicodedata.category(c) != "Cf")
    decomposed = unicodedata.normalize("NFKD", visible)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", bare.lower()).strip("-")
