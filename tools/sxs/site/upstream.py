"""Every private internal of MkDocs, mkdocs-static-i18n and Material that the sxs plugin touches.

The plugin prefers public hooks, but five of its features reach into the
other packages (ARCHITECTURE.md, "Upstream internals"):

- a language built alone (``only_language``, for ``sxs assemble``) is
  static-i18n's ``building`` state with that ``current_language`` from the
  start;
- the parallel build of the other languages (parallel.py) rebinds
  static-i18n's module-global ``build`` and MkDocs' ``utils.clean_directory``
  and drives static-i18n's ``building`` / ``current_language`` state;
- linear-time search deduplication replaces static-i18n's
  ``reconfigure_search_duplicates`` on the plugin instance;
- i18n_files.py replaces static-i18n's module-global ``suffix.create_i18n_file``
  with an equivalent in string operations, and its ``reconfigure_files`` and
  ``reconfigure_files_alternates`` on the plugin instance with equivalents
  that make only the Files kept (their sources are compared: the equivalents
  are of that code);
- a new build under ``serve`` clears Material's ``search_index_prev``
  and static-i18n's ``search_entries``; the end of ``mkdocs build`` clears
  static-i18n's ``search_entries`` and Material's ``SearchIndex.entries``;
- per-language search, 404 pages and sitemap (multilingual.py) edit
  Material's ``__config`` JSON in each page, pop static-i18n's
  ``config.extra.alternate`` attribute, read (and empty) ``i18n_files_per_language`` and
  order the plugin's ``on_post_build`` around static-i18n's (priority -100).

:func:`differences` checks that each internal is still what the code was
written against: package versions (the tested minor releases), attributes,
signatures and identities. When anything differs, the plugin logs one
warning and builds as plain static-i18n does, one language after the other,
with none of these patches: a slower site with static-i18n's merged search
index, sitemap and 404 page, but a correct one.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

# The releases the patches were written and tested against (pyproject.toml pins one of each).
TESTED = {"mkdocs": "1.6", "mkdocs-static-i18n": "1.3", "mkdocs-material": "9.8"}
# Attributes of static-i18n's plugin instance that the plugin reads or sets.
I18N_STATE = ("building", "current_language", "default_language", "build_languages", "search_entries",
              "i18n_files_per_language")
# static-i18n 1.3.1's suffix.create_i18n_file, of which i18n_files.create_i18n_file is the equivalent.
CREATE_I18N_FILE_SHA256 = "27e8221529f342fb6be31f64f7099bd4060f57f68fc553bfc97fddf0ba7a2f98"
# static-i18n 1.3.1's ExtendedPlugin.reconfigure_files_alternates, of which
# i18n_files.reconfigure_alternates is the equivalent.
RECONFIGURE_ALTERNATES_SHA256 = "6f85e2de7342bca1e4d3e3784e41d2f45e95ef113f185bbc318ebdd81064be28"
# static-i18n 1.3.1's ExtendedPlugin.reconfigure_files, of which i18n_files.reconfigure_files is the
# equivalent.
RECONFIGURE_FILES_SHA256 = "bc1fd6d19ebffc26600e6ca2fde4222484dba54a98f8c0b6a25d33fee1d47aac"
CLIENT_CONFIG_TAG = '<script id="__config" type="application/json">'  # multilingual.CLIENT_CONFIG


@dataclass(frozen=True)
class Internal:
    """One private internal: where it lives, what sxs does with it, and how it is checked."""

    name: str
    use: str
    holds: Callable[[], bool]  # True when it is still what the code expects


def _static_i18n_loop() -> bool:
    """static-i18n's ``on_post_build`` builds the other languages through its global ``build``."""
    import mkdocs_static_i18n.plugin as static_i18n
    from mkdocs.commands.build import build

    post_build = static_i18n.I18n.on_post_build
    names = set(post_build.__code__.co_names)
    return (getattr(static_i18n, "build", None) is build
            and {"build", "building", "current_language", "clean_directory"} <= names
            and getattr(post_build, "mkdocs_priority", None) == -100)


def _language_set_before_config() -> bool:
    """static-i18n's ``on_config`` keeps a ``current_language`` set before it (a language built alone)."""
    import mkdocs_static_i18n.plugin as static_i18n

    return "if self.current_language is None:" in inspect.getsource(static_i18n.I18n.on_config)


def _clean_directory() -> bool:
    from mkdocs import utils

    return callable(getattr(utils, "clean_directory", None))


def _search_duplicates() -> bool:
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    method = getattr(ExtendedPlugin, "reconfigure_search_duplicates", None)
    return method is not None and list(inspect.signature(method).parameters) == [
        "self", "search_index_entries"]


def _create_i18n_file() -> bool:
    """static-i18n's ``reconfigure_files`` calls ``suffix.create_i18n_file``, still the function
    that i18n_files.py gives the same results as (its source's hash)."""
    from mkdocs_static_i18n import suffix
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    from . import i18n_files

    return (_source_hash(i18n_files.UPSTREAM) == CREATE_I18N_FILE_SHA256
            and suffix.create_i18n_file in (i18n_files.UPSTREAM, i18n_files.create_i18n_file)
            and {"suffix", "create_i18n_file"} <= set(ExtendedPlugin.reconfigure_files.__code__.co_names))


def _reconfigure_alternates() -> bool:
    """static-i18n's ``reconfigure_files`` calls ``self.reconfigure_files_alternates``, still the method
    that i18n_files.py gives the same results as (its source's hash)."""
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    return (_source_hash(ExtendedPlugin.reconfigure_files_alternates) == RECONFIGURE_ALTERNATES_SHA256
            and "reconfigure_files_alternates" in ExtendedPlugin.reconfigure_files.__code__.co_names)


def _reconfigure_files() -> bool:
    """static-i18n's ``on_files`` calls ``self.reconfigure_files``, still the method that
    i18n_files.py gives the same results as (its source's hash)."""
    import mkdocs_static_i18n.plugin as static_i18n
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    return (_source_hash(ExtendedPlugin.reconfigure_files) == RECONFIGURE_FILES_SHA256
            and "reconfigure_files" in static_i18n.I18n.on_files.__code__.co_names)


def _source_hash(function) -> str:
    """The SHA-256 of ``function``'s source: an equivalent of it is of exactly that code."""
    return hashlib.sha256(inspect.getsource(function).encode("utf-8")).hexdigest()


def _i18n_state() -> bool:
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    names = set(ExtendedPlugin.__init__.__code__.co_names) | set(vars(ExtendedPlugin))
    return set(I18N_STATE) <= names


def _extra_alternate() -> bool:
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    return "alternate" in ExtendedPlugin.reconfigure_page_context.__code__.co_names


def _file_alternates() -> bool:
    """static-i18n gives each File of the suffix structure an ``alternates`` mapping."""
    from mkdocs_static_i18n import suffix
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    return ("alternates" in ExtendedPlugin.reconfigure_files_alternates.__code__.co_names
            and "alternates" in inspect.getsource(suffix))


def _lunr_languages() -> bool:
    from mkdocs_static_i18n import reconfigure

    languages = getattr(reconfigure, "LUNR_LANGUAGES", None)
    return isinstance(languages, list) and "fr" in languages


def _search_index_prev() -> bool:
    from material.plugins.search.plugin import SearchPlugin

    return "search_index_prev" in SearchPlugin.__init__.__code__.co_names


def _search_index_entries() -> bool:
    from material.plugins.search.plugin import SearchIndex

    return "entries" in SearchIndex.__init__.__code__.co_names


def _client_config() -> bool:
    import material

    base = Path(material.__file__).parent / "templates" / "base.html"
    return base.is_file() and CLIENT_CONFIG_TAG in base.read_text("utf-8")


INTERNALS = (
    Internal("mkdocs_static_i18n.plugin.build (I18n.on_post_build's loop, priority -100)",
             "parallel.py rebinds it: the loop takes a language built in a forked process",
             _static_i18n_loop),
    Internal("mkdocs_static_i18n I18n.on_config: current_language set only when None",
             "plugin.py (only_language): static-i18n's build of one language, alone",
             _language_set_before_config),
    Internal("mkdocs.utils.clean_directory",
             "parallel.py: a forked build does not clean the site folder again", _clean_directory),
    Internal("mkdocs_static_i18n ExtendedPlugin.reconfigure_search_duplicates(search_index_entries)",
             "plugin.py replaces it on the instance (linear-time deduplication)", _search_duplicates),
    Internal("mkdocs_static_i18n.suffix.create_i18n_file (static-i18n 1.3.1's, called by reconfigure_files)",
             "plugin.py installs i18n_files.create_i18n_file in its place: the same Files, sooner",
             _create_i18n_file),
    Internal("mkdocs_static_i18n ExtendedPlugin.reconfigure_files_alternates (static-i18n 1.3.1's)",
             "plugin.py replaces it on the instance with i18n_files.reconfigure_alternates: the same "
             "alternates in linear time", _reconfigure_alternates),
    Internal("mkdocs_static_i18n ExtendedPlugin.reconfigure_files (static-i18n 1.3.1's, called by on_files)",
             "plugin.py replaces it on the instance with i18n_files.reconfigure_files: the same Files, "
             "making only those kept", _reconfigure_files),
    Internal("mkdocs_static_i18n plugin state: " + ", ".join(I18N_STATE),
             "plugin.py, parallel.py: which language is built, its files and search entries", _i18n_state),
    Internal("config.extra.alternate, set by static-i18n's reconfigure_page_context",
             "multilingual.forget_page_alternates pops it between languages", _extra_alternate),
    Internal("File.alternates (language -> File), set by static-i18n on every page's file",
             "multilingual.sitemap_entries; plugin.py: x-default and the reader bar's English link",
             _file_alternates),
    Internal("mkdocs_static_i18n.reconfigure.LUNR_LANGUAGES",
             "multilingual.split_search_index: the stemmer of each language's index", _lunr_languages),
    Internal("material.plugins.search SearchPlugin.search_index_prev",
             "plugin.py clears it for a new build under serve", _search_index_prev),
    Internal("material.plugins.search SearchIndex.entries",
             "plugin.py clears it at the end of mkdocs build (the written index holds them)",
             _search_index_entries),
    Internal("Material's base.html " + CLIENT_CONFIG_TAG,
             "multilingual.with_client_config: each page loads its language's search index and "
             "overrides/.../sxs-search.js, which adjusts lunr inside Material's search worker",
             _client_config),
)


def differences() -> list[str]:
    """What is not as the plugin expects: untested versions and changed internals (empty: all is well)."""
    found = []
    for name, tested in TESTED.items():
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "not installed"
        if version.split(".")[:2] != tested.split("."):
            found.append(f"{name} {version} (tested: {tested}.x)")
    for internal in INTERNALS:
        try:
            holds = internal.holds()
        except Exception:  # an import or attribute that is gone: the internal has changed
            holds = False
        if not holds:
            found.append(internal.name)
    return found
