"""MkDocs glue: the ``sxs`` plugin, which wires the site's features into MkDocs.

``mkdocs build`` and every rebuild of ``mkdocs serve`` first bring ``docs/``
up to date with ``tm/`` (and the status page with it), unless ``split: false``
says that one ``sxs split --status`` did (a CI matrix's jobs). While serving, a
watcher on ``tm/`` runs the split as soon as a TM file is saved; the split
writes only pages whose content changed, and MkDocs' own watcher on ``docs/``
then rebuilds once (no rebuild loop). The split's locales become the site's
languages in static-i18n's config (languages.py). The plugin also registers the
CommonMark, DocFX and HTML-policy Markdown extensions (commonmark.py, docfx.py,
html_policy.py) and hooks the
reading experience (reader.py) and multilingual fixes (multilingual.py) into
the build, and in ``mkdocs build`` builds the other languages in forked
processes, one per core at most (parallel.py); the modules do the work, the hooks only call them.

The multilingual fixes, the parallel build and a faster static-i18n File
(i18n_files.py) touch private internals of static-i18n, Material and MkDocs,
all listed and checked in upstream.py: when one differs, the plugin warns once
and leaves them alone (``self._patching``).
"""

from __future__ import annotations

import copy
import logging
import os
import threading
from collections import Counter
from functools import partial
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.utils import get_relative_url
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from ..assemble import (
    Languages,
    remove_search_duplicates,
    shared_alternates,
    write_manifest,
    write_not_found_pages,
    write_sitemap,
)
from ..convert import converted_document
from ..locales import LanguageSettings, language_problems
from ..messages import text
from ..render import render_body
from ..split import Report, lean_report_beside, split
from ..status import STATUS_KIND, publish_status
from ..workers import in_own_process
from .commonmark import CommonMarkExtension
from .docfx import DocfxExtension, PageContext
from .html_policy import HtmlPolicyExtension, protect_page_meta
from .i18n_files import forget_made
from .i18n_files import install as install_i18n_file
from .languages import configure_languages, with_html_lang
from .multilingual import (
    forget_page_alternates,
    sitemap_entries,
    split_search_index,
    stemmer,
    with_client_config,
)
from .parallel import LanguageBuilds, balanced
from .reader import Source, annotate_segments, english_sources, in_language, reader_bar, under_ids
from .upstream import differences

log = logging.getLogger("mkdocs.plugins.sxs")
# Commands whose builds may build the languages in parallel (serve rebuilds in a thread).
PARALLEL_COMMANDS = {"build", "gh-deploy"}


class SxsConfig(Config):
    """``plugins: - sxs: {tm_dir: tm, sections: sections.yml}`` (relative to mkdocs.yml)."""

    tm_dir = config_options.Type(str, default="tm")
    sections = config_options.Type(str, default="sections.yml")
    # Where site-relative links (/microsoft-365/...) of the TM files point; {locale} is the page's.
    site_relative_base = config_options.Type(str, default="https://learn.microsoft.com/{locale}/")
    # `mkdocs build`: build the other languages in forked processes, beside the default one.
    parallel_languages = config_options.Type(bool, default=True)
    # Every TM locale's language is a site language; false: only those static-i18n lists.
    tm_languages = config_options.Type(bool, default=True)
    # true: a TM file with errors fails the build (by default its article is published, the
    # errors are logged as information, and `mkdocs build --strict` passes).
    strict_tm = config_options.Type(bool, default=False)
    # Build this language alone: its part of the whole site into site_dir, for `sxs assemble`.
    only_language = config_options.Optional(config_options.Type(str))
    # false: build docs_dir as `sxs split --status` left it, without splitting and checking again
    # (the split's report comes from .sxs-cache/<docs>.report.pickle): a CI matrix's jobs.
    split = config_options.Type(bool, default=True)


class SxsPlugin(BasePlugin[SxsConfig]):
    """Keeps the generated pages in ``docs_dir`` in step with the TM files."""

    def __init__(self) -> None:
        self._observer: Observer | None = None
        self._lock = threading.Lock()
        self._languages_of: dict[str, str] = {}  # the site language of each article, by TM path
        self._english: dict[str, Markup] = {}  # English sources per page, until its context
        # By translation's TM path: the segment sources of its English page (reader.english_sources).
        self._english_sources: dict[str, dict[str, Source]] = {}
        self._english_shows: dict[str, list[str]] = {}  # English page's TM file → the files it shows
        self._not_found: dict[str, str] = {}  # each language's 404 page, until the last build
        self._sitemap: dict[str, list] = {}  # each language's sitemap entries, until the last build
        self._translations: dict = {}  # the sitemap's translations mappings, one per page (shared_alternates)
        self._command: tuple[str, bool] | None = None  # the MkDocs command and its --dirty
        self._builds: LanguageBuilds | None = None  # other languages building in parallel
        self._patching = _upstream_as_expected()  # the internals in upstream.py are as expected
        self._nav = None  # this build's navigation, for its titles
        self._site_root: Path | None = None  # with only_language: the site_dir given to MkDocs

    def on_startup(self, *, command, dirty):
        self._command = (command, dirty)

    def on_config(self, config):
        if not self.config.split and self._command is not None and self._command[0] not in PARALLEL_COMMANDS:
            raise PluginError("sxs: split: false is for mkdocs build from one `sxs split`; "
                              f"'{self._command[0]}' would not show TM edits (set split: true)")
        root = Path(config.config_file_path).parent
        self._paths = (root / self.config.tm_dir, Path(config.docs_dir), root / self.config.sections)
        i18n = config.plugins.get("i18n")
        building = getattr(i18n, "building", False)  # static-i18n's build of another language
        if building:
            report = self._report  # the docs are those of the default language's build
        else:
            report = self._update_docs()
            self._english_sources.clear()
            if self.config.strict_tm and report.files_with_errors():
                raise PluginError(f"sxs: {report.errors_summary()} (strict_tm: true)")
        if not any(isinstance(e, DocfxExtension) for e in config.markdown_extensions):
            self._docfx = DocfxExtension(self.config.site_relative_base)
            # In this order: CommonMark blocks, as DocFX parsed them; the policy judges their raw HTML.
            self._policy = HtmlPolicyExtension()
            config.markdown_extensions += [CommonMarkExtension(), self._docfx, self._policy]
        if i18n is not None and not building:
            self._configure_languages(i18n, config)
        if i18n is not None and self._patching:
            install_i18n_file(i18n)  # static-i18n's Files of each file and language, made faster
            # static-i18n deduplicates search entries pairwise: same result in linear time.
            i18n.reconfigure_search_duplicates = lambda entries: remove_search_duplicates(
                entries, tuple(f"{lang}/" for lang in i18n.build_languages))
            if not i18n.building:
                # A new build (each save under `serve`, where plugins live on): static-i18n and
                # Material's dirty search would carry the earlier builds' entries into it, and
                # the index would double on every save.
                i18n.search_entries.clear()
                self._translations.clear()  # likewise the sitemap's mappings (pages may have gone)
                for search in (config.plugins.get(name) for name in ("search", "material/search")):
                    if getattr(search, "search_index_prev", None) is not None:
                        search.search_index_prev = None
        if not config.nav:  # navigation: home and section pages; articles are listed there
            config.nav = report.nav
        if self.config.only_language and not building:
            self._build_alone(i18n, self.config.only_language, config)
        return config

    def _build_alone(self, i18n, lang: str, config) -> None:
        """Make this build static-i18n's build of ``lang`` in the whole site, and nothing else.

        As the other languages are built in the whole build: static-i18n's
        ``building`` state and ``lang`` current, so its ``on_config`` puts the
        pages into ``lang``'s folder and its ``on_post_build`` builds no other.
        """
        if i18n is None or not self._patching:
            raise PluginError(f"sxs: only_language {lang!r} needs static-i18n as tested "
                              "(see the warning above)")
        if self._command is not None and self._command[0] not in PARALLEL_COMMANDS:
            raise PluginError(f"sxs: only_language {lang!r} is for mkdocs build (each rebuild of "
                              f"'{self._command[0]}' would miss the split)")
        if lang not in i18n.build_languages:
            raise PluginError(f"sxs: only_language {lang!r} is not one of the site's languages "
                              f"({', '.join(i18n.build_languages)})")
        self._site_root = Path(config.site_dir)
        i18n.current_language = lang
        i18n.building = True

    def _configure_languages(self, i18n, config) -> None:
        """The TM's languages into static-i18n's config, before its on_config reads it."""
        found = set(self._languages_of.values())
        listed = [lang.locale for lang in i18n.config.languages]
        settings = LanguageSettings(listed, self.config.tm_languages)
        for diagnostic in language_problems(found, settings, config.config_file_path):
            log.error(str(diagnostic))
        for problem in configure_languages(i18n, found, config, self.config.tm_languages):
            log.error("sxs: %s", problem)

    def on_pre_build(self, config):
        if self._patching:
            forget_page_alternates(config)

    def on_files(self, files, config):
        self._start_other_languages(config)
        return files

    def _start_other_languages(self, config) -> None:
        """In a default-language ``mkdocs build``: fork the other languages' builds (parallel.py)."""
        i18n = config.plugins.get("i18n")
        if (not self.config.parallel_languages or not self._patching or i18n is None or i18n.building
                or self._command is None or self._command[0] not in PARALLEL_COMMANDS
                or threading.active_count() > 1):  # a fork copies no other thread, nor what it holds
            return
        cores = os.cpu_count() or 1
        if cores < 2:  # one core: a fork would only share it
            return
        # Each other language's work grows with its pages: the TM's articles, a little for the rest.
        pages = Counter(self._languages_of.values())
        weights = {lang: pages[lang] + 1 for lang in i18n.build_languages if lang != i18n.default_language}
        if weights:
            self._builds = LanguageBuilds(i18n, self._collect, self._merge)
            self._builds.start(config, balanced(weights, cores), dirty=self._command[1])

    def _collect(self, lang: str) -> tuple:
        """What the rest of the default build needs of ``lang``'s build: sitemap entries, 404 page."""
        return self._sitemap[lang], self._not_found.get(lang)

    def _merge(self, lang: str, collected: tuple) -> None:
        sitemap, not_found = collected
        self._sitemap[lang] = shared_alternates(sitemap, self._translations)
        if not_found is not None:
            self._not_found[lang] = not_found

    def on_build_error(self, error):
        if self._builds is not None:
            self._builds.stop()
            self._builds = None

    @event_priority(-150)  # after static-i18n's (-100), which gives each language its navigation
    def on_nav(self, nav, config, files):
        self._nav = nav
        return nav

    def on_env(self, env, config, files):
        _read_nav_titles(self._nav, config)  # a --dirty build (serve) reads changed pages only
        if self._builds is not None:
            self._builds.end_sharing()  # every page is read: no other English page to share
        # Every page is read by now: TM titles and descriptions become text for the templates.
        return protect_page_meta(env, [f.page for f in files.documentation_pages() if f.page])

    def on_page_markdown(self, markdown, page, config, files):
        # DocFX alert titles and site-relative links depend on the page's language.
        meta = page.meta.get("sxs") or {}
        lang = meta.get("lang") or config.theme.get("language", "en")
        locale = meta.get("locale", "") if lang != "en" else "en-us"
        self._docfx.page = PageContext(lang, (locale or lang).lower())
        self._policy.generated_page = meta.get("generated") == STATUS_KIND  # its HTML escapes TM text
        return markdown

    def on_serve(self, server, config, builder):
        if self._observer is None:
            self._observer = Observer()
            self._observer.schedule(_OnChange(self._update_docs), str(self._paths[0]), recursive=True)
            self._observer.daemon = True
            self._observer.start()
        return server

    def on_shutdown(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer = None

    def _update_docs(self):
        """Run the split; log what it found and wrote; return its report."""
        with self._lock:
            tm_dir, docs_dir, sections = self._paths
            # In a process of its own: this one keeps only the report, and the builds forked later
            # start without the TM files' documents (unpickled for the status page's checks).
            update = (partial(_split_and_status, tm_dir, docs_dir, sections) if self.config.split
                      else partial(_prepared, docs_dir))
            report, self._languages_of = in_own_process(update)
            self._english_shows = {}
            for tm_path, side in report.english_sides.items():
                self._english_shows.setdefault(side.tm_path, []).append(tm_path)
            self._report = report
        log_error = log.error if self.config.strict_tm else log.info  # lenient: `--strict` passes
        for diagnostic in report.diagnostics:
            (log_error if diagnostic.severity == "error" else log.info)(str(diagnostic))
        for path in report.written + report.removed:
            log.info("sxs: updated %s", path)
        if report.files_with_errors() and not self.config.strict_tm:
            log.info("sxs: %s; the others are published with what stands in for their defects "
                     "(see above); strict_tm: true fails the build instead", report.errors_summary())
        return report

    # Reading experience (issue 4): reader.py for translated pages, multilingual.py for the site.

    def on_page_content(self, html, page, config, files):
        content_lang = (page.meta.get("sxs") or {}).get("lang")
        if content_lang and content_lang != (_current(config) or config.theme.get("language")):
            # A page only in another language, published here by static-i18n's fallback.
            return f'<div lang="{escape(content_lang)}">{html}</div>'
        meta = page.meta.get("sxs") or {}
        if content_lang == "en":
            self._keep_english_sources(meta.get("tm"), html)
        tm_path = meta.get("tm")
        if content_lang in (None, "en") or tm_path not in self._languages_of:
            return html  # not a translated page of a TM article
        english_side = self._report.english_sides.get(tm_path)
        sources = self._english_sources.pop(tm_path, None)
        if sources is None and self._builds is not None and english_side is not None:
            sources = self._builds.shared(tm_path)  # this is a parallel build
        if sources is None:  # no English page from this TM document in this build
            document = converted_document(self._paths[0], tm_path)
            if document is None:  # the TM file changed since the split: the next build will show it
                return html
            log.debug("sxs: %s: English side rendered here (no English page to take it from)",
                      page.file.src_uri)
            english = copy.copy(page)  # the English side, rendered like the English page
            english.meta = {**page.meta, "sxs": {**page.meta["sxs"], "lang": "en"}}
            english.markdown = config.plugins.on_page_markdown(
                render_body(document, "source"), page=english, config=config, files=files)
            english.render(config, files)
            sources, english_side = english_sources(english.content), None
        sources = under_ids(sources, english_side.ids if english_side else {})
        html, self._english[page.file.src_uri] = annotate_segments(html, sources)
        return html

    def _keep_english_sources(self, tm_path: str | None, html: str) -> None:
        """Keep an English page's segment sources for the translations it shows, built next or in
        parallel: read once, for every locale's."""
        translations = self._english_shows.get(tm_path, ())
        sources = english_sources(html) if translations else {}
        for translation in translations:
            if self._builds is not None:
                self._builds.share(self._languages_of[translation], translation, sources)
            else:
                self._english_sources[translation] = sources

    def on_page_context(self, context, page, config, nav):
        languages = self._languages(config)
        alternates = getattr(page.file, "alternates", {})
        if languages and languages.default in alternates:
            context["sxs_x_default"] = alternates[languages.default].url
        if page.file.src_uri in self._english:
            meta = page.meta["sxs"]
            english = alternates.get("en")
            context["sxs_reader_bar"] = reader_bar(
                meta["lang"], meta.get("translation") == "MT",
                get_relative_url(english.url, page.url) if english else None)
            context["sxs_english"] = self._english.pop(page.file.src_uri)
        return context

    def on_post_page(self, output, page, config):
        languages = self._languages(config)
        if languages:
            output = with_client_config(output, languages.prefix(_current(config)))
        return with_html_lang(output, _current(config), config.theme)

    def on_template_context(self, context, template_name, config):
        if template_name == "404.html":
            lang = _current(config) or "en"
            context["sxs_not_found"] = {key: in_language(text(f"not_found_{key}", lang), lang)
                                        for key in ("title", "text", "home")}
        return context

    def on_post_template(self, output_content, template_name, config):
        languages = self._languages(config)
        if template_name == "404.html" and languages:
            lang = _current(config)
            self._not_found[lang] = with_html_lang(with_client_config(output_content, languages.prefix(lang)),
                                                   lang, config.theme)
        return output_content

    @event_priority(-50)  # before static-i18n's (-100): the language just built is still current
    def _keep_sitemap_entries(self, config):
        i18n = config.plugins.get("i18n")
        if i18n is not None and self._patching:
            lang = i18n.current_language
            # Let go of the language's Files (its pages, their alternates) once its entries are kept:
            # a process building several languages would hold them all, with every alternate of each,
            # and static-i18n's sitemap template (overwritten at the end) would render them all again
            # in each later language's build.
            entries = sitemap_entries(i18n.i18n_files_per_language.pop(lang, []))
            self._sitemap[lang] = shared_alternates(entries, self._translations)
            if self._builds is not None and lang == i18n.default_language:
                forget_made(i18n)  # the other languages are built in the forked processes

    @event_priority(-200)  # after static-i18n's (-100), which builds the other languages
    def _finish_site(self, config):
        languages = self._languages(config)
        if languages is not None and self._site_root is not None:
            self._finish_language_alone(config, languages)
        if languages is None or config.plugins["i18n"].building:
            return
        if self._builds is not None:
            self._builds.stop()
            self._builds = None
        forget_made(config.plugins["i18n"])
        site_dir = Path(config.site_dir)
        if self._command is not None and self._command[0] in PARALLEL_COMMANDS:
            _drop_search_entries(config)  # serve keeps Material's for its next (dirty) build
        if (site_dir / "search" / "search_index.json").is_file():
            split_search_index(site_dir, languages)
        write_not_found_pages(site_dir, self._not_found, languages)
        write_sitemap(site_dir, config.site_url, self._sitemap, languages)

    on_post_build = CombinedEvent(_keep_sitemap_entries, _finish_site)

    def _finish_language_alone(self, config, languages: Languages) -> None:
        """A language built alone: its 404 page, and what ``sxs assemble`` needs to know."""
        lang = config.plugins["i18n"].current_language
        write_not_found_pages(self._site_root, {lang: self._not_found[lang]}, languages)
        write_manifest(self._site_root, lang, languages, config.site_url, stemmer(lang), self._sitemap[lang])

    def _languages(self, config) -> Languages | None:
        """The languages static-i18n builds, for the multilingual fixes; None without them."""
        i18n = config.plugins.get("i18n")
        if i18n is None or not self._patching:
            return None
        return Languages(i18n.default_language, tuple(i18n.build_languages))

def _split_and_status(tm_dir: Path, docs_dir: Path, sections: Path) -> tuple[Report, dict[str, str]]:
    """Bring the docs folder up to date with the TM folder: the split, then the status page.

    Returns the report lean (``Report.lean``): a build that needs a document
    converts its TM file again (``converted_document``).
    """
    report = split(tm_dir, docs_dir, sections_file=sections)
    publish_status(tm_dir, docs_dir, report)  # the team's status page, with its checks
    return report.lean()


def _prepared(docs_dir: Path) -> tuple[Report, dict[str, str]]:
    """``split: false``: the lean report of the ``sxs split`` that made ``docs_dir``."""
    lean = lean_report_beside(docs_dir)
    if lean is None:
        raise PluginError(f"sxs: split: false, but no report of `sxs split` beside {docs_dir} "
                          "(run `sxs split --status` with this version of sxs first, and keep its "
                          f".sxs-cache/{docs_dir.resolve().name}.report.pickle beside the docs folder)")
    return lean


def _drop_search_entries(config) -> None:
    """Let go of every language's search entries, once static-i18n has written them all.

    The written index holds them; split into one index per language it is the
    end of the build, its memory peak: static-i18n's list and Material's would
    still hold a second copy.
    """
    config.plugins["i18n"].search_entries.clear()
    for search in (config.plugins.get(name) for name in ("search", "material/search")):
        index = getattr(search, "search_index", None)
        if index is not None:
            index.entries.clear()


def _read_nav_titles(nav, config) -> None:
    """Read the navigation pages a ``--dirty`` build skipped, so the sidebar shows their titles.

    MkDocs reads only the pages changed since the last build; a page it did not
    read has no title (the sidebar would print "None"). Only the front matter
    and Markdown are read, not rendered: the page is not rebuilt.
    """
    for page in nav.pages if nav is not None else ():
        if page.markdown is None:
            page.read_source(config)



def _current(config) -> str:
    """The language of the build in progress (static-i18n builds one after the other)."""
    return getattr(config.plugins.get("i18n"), "current_language", None) or ""


_UPSTREAM: list[str] | None = None  # what upstream.differences() found, once per process


def _upstream_as_expected() -> bool:
    """True when upstream.py finds every internal as expected; else one warning per process."""
    global _UPSTREAM
    if _UPSTREAM is None:
        _UPSTREAM = differences()
        if _UPSTREAM:
            log.warning("sxs: not as tested: %s. Building without sxs's changes to MkDocs, Material and "
                        "static-i18n: languages one after the other, static-i18n's own search index, "
                        "sitemap and 404 page (see ARCHITECTURE.md, 'Upstream internals').",
                        "; ".join(_UPSTREAM))
    return not _UPSTREAM


class _OnChange(FileSystemEventHandler):
    """Runs a callback when a Markdown file under the watched folder changes."""

    def __init__(self, callback) -> None:
        self.callback = callback

    def on_any_event(self, event) -> None:
        paths = (event.src_path, getattr(event, "dest_path", ""))
        if event.event_type != "opened" and any(str(p).endswith(".md") for p in paths):
            self.callback()
