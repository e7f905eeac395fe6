"""static-i18n's ``reconfigure_files`` and the Files it makes, the same with less work.

static-i18n's ``reconfigure_files`` makes a File of every file of the docs
folder for the language being built, and another for each alternate
(translation) of each page: with several languages, every build handles every
language's files, and the work of a whole site grows with the square of its
languages. Most of a File's making is in ``create_i18n_file``, which parses
paths with pathlib a dozen times per file. :func:`create_i18n_file` gives the
same File, attribute for attribute (``tests/test_i18n_files.py`` compares
them); a path it was not written for (absolute; empty, ``.`` or ``..`` parts,
or a part that pathlib would drop) goes to static-i18n's own function.

:func:`reconfigure_files` keeps static-i18n's choices, file for file, but
reads each file's locale from its name and makes a File only of the files
the build keeps (static-i18n makes one of every file, then drops those of the
other languages), and reads the languages and the docs folder once, not for
every file (static-i18n's ``all_languages`` is a new list of every language
at each read).

static-i18n then gives each page its alternates, one per language: for each
language and page it makes a File of each alternate until one is in that
language, so each build's share grows with the square of the languages.
:func:`reconfigure_alternates` gives the same alternates making only the File
chosen, each alternate's locale read once from its name: a build's work grows
as its files do (``tests/test_i18n_files.py`` compares the two). An alternate
is the same File in every language's build (static-i18n refuses per-language
``docs_dir``, ``site_dir`` and ``use_directory_urls``), so a process makes
each once, whatever the number of languages it builds, as it reads each file's
naming once; without that, the alternates of a whole site grow with the square
of its languages (41 languages of 3,000 pages: 5-8 s of CPU in each build).
:func:`forget_made` lets them go.

The plugin installs all three (:func:`install`) only when static-i18n's functions
are the ones this was written from (upstream.py compares their sources).
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import quote as urlquote
from weakref import WeakKeyDictionary

from mkdocs.structure.files import File
from mkdocs_static_i18n import is_relative_to, reconfigure, suffix
from mkdocs_static_i18n.config import RE_LOCALE

UPSTREAM = suffix.create_i18n_file  # static-i18n's own, kept for paths outside SIMPLE_PATH
# A relative path without empty, "." or ".." parts: pathlib leaves it as it is.
SIMPLE_PATH = re.compile(r"(?!\.\.?(?:/|$))[^/]+(?:/(?!\.\.?(?:/|$))[^/]+)*")


@dataclass
class _Made:
    """What no language's build changes, made once per process: files' namings, pages' alternates."""

    namings: dict = field(default_factory=dict)  # src_uri -> _naming(file)
    alternates: dict = field(default_factory=dict)  # (src_uri, dest_uri, inclusion, language) -> File

    def naming(self, file: File, default_language: str, all_languages: list, config) -> tuple:
        found = self.namings.get(file.src_uri)
        if found is None:
            found = self.namings[file.src_uri] = _naming(file, default_language, all_languages, config)
        return found


# Per static-i18n instance (one per loaded config), then per the settings a File's making reads.
_MADE: WeakKeyDictionary = WeakKeyDictionary()


def _made(i18n, config, default_language: str, all_languages: list, make) -> _Made:
    settings = (config.docs_dir, config.site_dir, config.use_directory_urls, default_language,
                tuple(all_languages), make)
    return _MADE.setdefault(i18n, {}).setdefault(settings, _Made())


def install(i18n) -> None:
    """Make static-i18n use :func:`create_i18n_file` and, on the plugin instance ``i18n``,
    :func:`reconfigure_files` and :func:`reconfigure_alternates` (the suffix structure's)."""
    suffix.create_i18n_file = create_i18n_file
    if i18n.config.docs_structure == "suffix":
        i18n.reconfigure_files = partial(reconfigure_files, i18n)
        i18n.reconfigure_files_alternates = partial(reconfigure_alternates, i18n)


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
    file_localization = _localization(file.name, all_languages)
    file_locale = file_localization or default_language
    locale_site_dir = current_language if current_language != default_language else ""

    if file_localization:
        parent, name = _split(dest)
        dest = _join(parent, _part(_stem(_stem(name)))) + _suffix(name)
        file.name = _stem(file.name)

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


def reconfigure_files(i18n, files, mkdocs_config):
    """static-i18n's ``reconfigure_files`` (suffix structure): the build's Files, in the same order,
    with their alternates, making a File only of the files kept (see the module).

    A page in the build's language is kept, in place of one of the same
    ``norm_src_uri`` kept before; so is an asset, if its name carries that
    language. Failing that (with ``fallback_to_default``), the first page or
    asset in the default language is kept. Every page not kept is an
    alternate of the one kept.
    """
    current, default, languages = i18n.current_language, i18n.default_language, i18n.all_languages
    fallback = i18n.config.fallback_to_default is True
    several = len(i18n.build_languages) > 1

    def make(file: File, lang: str = current) -> File:
        return suffix.create_i18n_file(file, lang, default, languages, mkdocs_config)

    inside_docs = _inside(mkdocs_config.docs_dir)
    made = _made(i18n, mkdocs_config, default, languages, suffix.create_i18n_file)
    kept: dict[str, File] = {}  # norm_src_uri -> the File the build uses
    alternates = defaultdict(list)  # norm_src_uri -> the pages not kept
    i18n_files = suffix.I18nFiles(i18n, [])
    for file in files:
        if not inside_docs(file.abs_src_path):  # theme files (a page there: static-i18n's warning)
            if file.is_documentation_page():
                reconfigure.log.warning(f"Unhandled file case - {file.src_uri}")
            else:
                i18n_files.append(file)
            continue
        locale, localization, norm = made.naming(file, default, languages, mkdocs_config)
        seen = kept.get(norm)
        if file.is_documentation_page():
            if locale == current:
                if seen is not None and several and localization is not None and seen.locale == locale:
                    raise Exception(f"Conflicting files for the default language '{default}': choose either "
                                    f"'{norm}' or '{seen.src_uri}' but not both")
                kept[norm] = make(file)
            else:
                if seen is None and fallback and locale == default:
                    kept[norm] = make(file)
                alternates[norm].append(file)
        elif seen is None:
            if locale == current:
                kept[norm] = make(file)
            elif fallback and locale == default:
                kept[norm] = make(file, default)
        elif localization == current:
            kept[norm] = make(file)
    for file in kept.values():
        i18n_files.append(file)
    i18n.reconfigure_files_alternates(kept, alternates, mkdocs_config, suffix.create_i18n_file)
    return i18n_files


def _inside(folder: str):
    """static-i18n's ``is_relative_to(path, folder)``, by a string prefix when that decides."""
    prefix = folder.rstrip("/") + "/"
    return lambda path: (isinstance(path, str) and path.startswith(prefix)) or is_relative_to(path, folder)


def reconfigure_alternates(i18n, i18n_src_uris: dict, i18n_alternate_src_uris: dict, mkdocs_config,
                           make) -> None:
    """static-i18n's ``reconfigure_files_alternates`` (suffix structure) making only the Files it keeps.

    ``make`` is the File maker ``reconfigure_files`` passes (``suffix.create_i18n_file``).

    For each language and page: the page's first alternate in that language;
    failing that (with ``fallback_to_default``), its first in the default
    language, or the page itself if it is in the default language.
    """
    default, languages = i18n.default_language, i18n.all_languages  # each read makes a new list
    made = _made(i18n, mkdocs_config, default, languages, make)
    firsts = {}  # page -> {locale: its first alternate in that locale}
    for uri, alternates in i18n_alternate_src_uris.items():
        by_locale = firsts[uri] = {}
        for file in alternates:
            by_locale.setdefault(made.naming(file, default, languages, mkdocs_config)[0], file)
    fallback = i18n.config.fallback_to_default is True

    def alternate(file: File, lang: str) -> File:
        key = (file.src_uri, file.dest_uri, file.inclusion, lang)  # all a File's making reads of ``file``
        found = made.alternates.get(key)
        if found is None:
            found = made.alternates[key] = make(file, lang, default, languages, mkdocs_config)
        return found

    for lang in sorted(i18n.build_languages):
        for uri, i18n_file in i18n_src_uris.items():
            if lang in i18n_file.alternates:
                continue
            by_locale = firsts.get(uri, {})
            chosen = by_locale.get(lang, by_locale.get(default) if fallback else None)
            if chosen is not None:
                i18n_file.alternates[lang] = alternate(chosen, lang)
            elif fallback:
                made_here = alternate(i18n_file, lang)
                if made_here.locale == default:
                    i18n_file.alternates[lang] = made_here


def forget_made(i18n) -> None:
    """Let go of the namings and alternates made for ``i18n``'s builds (a process builds no more)."""
    _MADE.pop(i18n, None)


def _naming(file: File, default_language: str, all_languages: list, config) -> tuple[str, str | None, str]:
    """The ``locale``, ``localization`` and ``norm_src_uri`` of every File static-i18n makes of
    ``file``, whatever the build."""
    if not SIMPLE_PATH.fullmatch(file.src_uri):
        made = create_i18n_file(file, default_language, default_language, all_languages, config)
        return made.locale, made.localization, made.norm_src_uri
    stem = posixpath.splitext(posixpath.basename(file.src_uri))[0]  # File.name of a SIMPLE_PATH
    localization = _localization("index" if stem == "README" else stem, all_languages)
    if localization is None:
        return default_language, None, file.src_uri
    return localization, localization, file.src_uri.replace(f".{localization}", "", 1)


def _localization(name: str, all_languages: list) -> str | None:
    """The language that the last suffix of a File's ``name`` gives it, if that names one."""
    suffixes = _suffixes(name)
    locale = suffixes[-1].replace(".", "") if suffixes else ""
    return locale if locale and (locale in all_languages or RE_LOCALE.match(locale)) else None


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
