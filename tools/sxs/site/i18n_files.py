"""static-i18n's ``suffix.create_i18n_file``, the same File made with string operations.

static-i18n's ``reconfigure_files`` makes a File of every file of the docs
folder for the language being built, and another for each alternate
(translation) of each page: with several languages, every build handles every
language's files, and the work of a whole site grows with the square of its
languages. Most of it is in ``create_i18n_file``, which parses paths with
pathlib a dozen times per file. :func:`create_i18n_file` gives the same File,
attribute for attribute (``tests/test_i18n_files.py`` compares them), and
``reconfigure_files`` takes half the time (``benchmarks/bench_i18n_files.py``);
a path it was not written for (absolute; empty, ``.`` or ``..`` parts, or a
part that pathlib would drop) goes to static-i18n's own function.

The plugin installs it (:func:`install`) only when static-i18n's function is
the one this was written from (upstream.py compares its source).
"""

from __future__ import annotations

import logging
import os
import re
from urllib.parse import quote as urlquote

from mkdocs.structure.files import File
from mkdocs_static_i18n import suffix
from mkdocs_static_i18n.config import RE_LOCALE

UPSTREAM = suffix.create_i18n_file  # static-i18n's own, kept for paths outside SIMPLE_PATH
# A relative path without empty, "." or ".." parts: pathlib leaves it as it is.
SIMPLE_PATH = re.compile(r"(?!\.\.?(?:/|$))[^/]+(?:/(?!\.\.?(?:/|$))[^/]+)*")


def install() -> None:
    """Make static-i18n's ``reconfigure_files`` use :func:`create_i18n_file`."""
    suffix.create_i18n_file = create_i18n_file


def create_i18n_file(file: File, current_language: str, default_language: str, all_languages: list,
                     config) -> File:
    """static-i18n's File of ``file`` for the build of ``current_language`` (see the module)."""
    try:
        if all(SIMPLE_PATH.fullmatch(path) for path in (file.src_uri, file.dest_uri, current_language)):
            return _i18n_file(file, current_language, default_language, all_languages, config)
    except _NotSimple:
        pass
    return UPSTREAM(file, current_language, default_language, all_languages, config)


class _NotSimple(Exception):
    """A path part that pathlib would drop or refuse ("", ".", ".."): static-i18n's function decides."""


def _i18n_file(file: File, current_language: str, default_language: str, all_languages: list, config) -> File:
    """:func:`create_i18n_file` of a file whose paths are SIMPLE_PATHs."""
    log_debug = suffix.log.isEnabledFor(logging.DEBUG)  # static-i18n formats its messages anyway
    if log_debug:
        suffix.log.debug(f"reconfigure {file}")
    directory_urls = config.use_directory_urls  # a config's attributes are slow to read
    dest = file.dest_uri  # SIMPLE_PATHs: also their own src_path and dest_path
    file = File(file.src_uri, config.docs_dir, dest, directory_urls, dest_uri=dest, inclusion=file.inclusion)
    file_locale = default_language
    file_localization = None
    locale_site_dir = current_language if current_language != default_language else ""

    suffixes = _suffixes(file.name)
    if suffixes:
        file_locale = suffixes[-1].replace(".", "")
        if file_locale in all_languages or RE_LOCALE.match(file_locale):
            parent, name = _split(dest)
            dest = _join(parent, _part(_stem(_stem(name)))) + _suffix(name)
            file.name = _stem(file.name)
            file_localization = file_locale
        else:
            file_locale = default_language

    if directory_urls and file_localization:
        parent, name = _split(dest)
        if parent != ".":  # a/b.fr/index.html: a/b/index.html; a/index.fr/index.html: a/index.html
            grandparent, parent_name = _split(parent)
            parent_name = _part(_stem(parent_name))
            if parent_name not in ("index", "README"):
                grandparent = _join(grandparent, parent_name)
            dest = _join(grandparent, name)

    parent, name = _split(dest)
    if name.endswith("README.html"):
        dest = _join(parent, "index.html")

    file.dest_uri = dest = _join(locale_site_dir, dest) if locale_site_dir else dest
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, dest))
    if file.name == "README":
        file.name = "index"
    file.url = file._get_url(directory_urls)
    if locale_site_dir and file.url in ("", ".", "./"):  # all that _get_url gives of which pathlib makes "."
        file.url = urlquote(locale_site_dir + "/")

    file.alternates = {current_language: file}
    file.locale = file_locale
    file.locale_alternate_of = current_language
    file.localization = file_localization
    file.norm_src_uri = file.src_uri
    if file.localization:
        file.norm_src_uri = file.src_uri.replace(f".{file.localization}", "", 1)
    if log_debug:
        suffix.log.debug(f"reconfigure {file} from locale {file_locale}")
    return file


def _part(name: str) -> str:
    """``name``, if pathlib keeps it as a path part of its own."""
    if name in ("", ".", ".."):
        raise _NotSimple(name)
    return name


def _split(path: str) -> tuple[str, str]:
    """pathlib's ``(parent, name)`` of a SIMPLE_PATH ("." is the parent of a lone name)."""
    parent, _, name = path.rpartition("/")
    return parent or ".", name


def _join(parent: str, name: str) -> str:
    """pathlib's ``parent / name`` for a SIMPLE_PATH parent (or ".") and a name."""
    return name if parent == "." else f"{parent}/{name}"


def _suffix(name: str) -> str:
    """pathlib's ``suffix`` of a name: its last dot and what follows, unless it starts or ends it."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _stem(name: str) -> str:
    """pathlib's ``stem`` of a name (also what ``with_suffix("")`` leaves of it)."""
    return name[: len(name) - len(_suffix(name))]


def _suffixes(name: str) -> list[str]:
    """pathlib's ``suffixes`` of a name."""
    if name.endswith("."):
        return []
    return ["." + part for part in name.lstrip(".").split(".")[1:]]
