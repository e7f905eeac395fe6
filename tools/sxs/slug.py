"""Article slugs: the URL path of an article, from its TM file's path.

Rule: take the TM file's path below the ``--tm`` folder, dropping a first
folder named like a locale (``fr-FR/``); for each part, drop invisible format
characters (U+200B, U+200E, ...), decompose accents and drop them, lower-case,
turn every run of characters other than ``a-z`` and ``0-9`` into one ``-`` and
trim ``-`` at both ends; join the parts with ``/``, without ``.md``.
``fr-FR/Change the default link type copy.md`` becomes
``change-the-default-link-type-copy``; ``commercial-dialogues/Enable-MFA.md``
becomes ``commercial-dialogues/enable-mfa``. The slugs ``index`` and
``sections/...`` belong to generated pages: such an article gets ``-article``
appended. Two files of one language with the same slug are a collision (an
error); the same slug in two locales is one article in two languages.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

LOCALE_FOLDER = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})+$")


def slug_of(name: str) -> str:
    """The slug of one path part (``.md`` dropped); may be empty."""
    stem = name[:-3] if name.lower().endswith(".md") else name
    if not stem.isascii():  # (ASCII has nothing invisible or accented: no need for these passes)
        visible = "".join(c for c in stem if unicodedata.category(c) != "Cf")
        stem = "".join(c for c in unicodedata.normalize("NFKD", visible) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")


def article_slug(relative: PurePath) -> str:
    """The slug of a TM file from its path relative to the TM folder (see module doc)."""
    parts = list(relative.parts)
    if len(parts) > 1 and LOCALE_FOLDER.match(parts[0]):
        parts = parts[1:]
    slug = "/".join(slug_of(part) for part in parts)
    return f"{slug}-article" if slug == "index" or slug.startswith("sections/") else slug


def is_valid(slug: str) -> bool:
    """True when every part of ``slug`` is non-empty."""
    return all(slug.split("/"))
