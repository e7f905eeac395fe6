"""``sxs split``: turn a folder of TM files into paired Markdown pages.

Per article ``docs/<slug>.en.md`` and ``docs/<slug>.<lang>.md``
(mkdocs-static-i18n's suffix structure), the images it links to, and per
language a home page and section pages. Generated pages carry an ``sxs``
front-matter key; only such pages (and media listed in ``docs/.sxs-media``)
are ever rewritten or removed, so hand-written files in ``docs/`` are safe.
The status page is generated too, but by :func:`sxs.status.publish_status`,
after the split (its checks cost several times the split): the split leaves it alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .cache import SplitCache, cache_path, collector_paused, file_state, folder_state
from .convert import ConvertedArticle, article_files
from .diagnostics import ERROR, Diagnostic, has_errors
from .fileio import locked
from .load import load_all
from .messages import CATALOGS
from .plan import EnglishSide, drop_collisions, media_to_publish, plan
from .sections import load_sections
from .sync import OTHER_STEPS, Output, sync_docs, unshared_slugs

# SplitCache.beside(docs, REPORT_KIND): the last run's report, lean (Report.lean), in a file of its own.
REPORT_KIND = "report"


@dataclass
class Report:
    """What a split run found and did."""

    articles: list[ConvertedArticle] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    outdated: list[Path] = field(default_factory=list)  # with check=True
    nav: list[str] = field(default_factory=list)  # home and section pages, for MkDocs
    english_sides: dict[str, EnglishSide] = field(default_factory=dict)  # files whose English is a page
    unpublished: list[str] = field(default_factory=list)  # TM files without pages this run

    @property
    def ok(self) -> bool:
        """True when nothing is in error (and, for a check, nothing out of date)."""
        return not has_errors(self.diagnostics) and not self.outdated

    def files_with_errors(self) -> list[str]:
        """The files (TM paths) that have at least one error."""
        return sorted({d.path for d in self.diagnostics if d.severity == ERROR})

    def lean(self) -> tuple[Report, dict[str, str]]:
        """This report without its articles (their documents are the TM's bulk), and their languages
        by TM path: what a site build needs of the split."""
        return replace(self, articles=[]), {article.tm_path: article.lang for article in self.articles}

    def errors_summary(self) -> str:
        """``N errors in F files (U not published)``."""
        errors = sum(d.severity == ERROR for d in self.diagnostics)
        return (f"{errors} errors in {len(self.files_with_errors())} files "
                f"({len(self.unpublished)} not published)")


def split(tm_dir: Path, docs_dir: Path, *, check: bool = False,
          sections_file: Path | None = None) -> Report:
    """Convert every article ``*.md`` under ``tm_dir`` into pages under ``docs_dir``.

    With ``check``, nothing is written: ``Report.outdated`` lists the files
    that a real run would write or remove.
    """
    with collector_paused():
        return _run(tm_dir, docs_dir, check, sections_file)


def _run(tm_dir: Path, docs_dir: Path, check: bool, sections_file: Path | None) -> Report:
    cache = SplitCache.beside(docs_dir)  # unchanged TM files are not parsed and checked again
    inputs = _inputs_state(tm_dir, sections_file)
    with locked(docs_dir, shared=check):  # overlapping runs write one after the other
        state = (inputs, folder_state(docs_dir, "", OTHER_STEPS))
        previous = cache.last_report(state)
        if isinstance(previous, Report):
            if not check and not cache_path(docs_dir, REPORT_KIND).is_file():
                _keep_lean(docs_dir, state, previous)
            return previous  # nothing changed since the last run: it would write nothing
        report = Report()
        media_state = folder_state(tm_dir, ".md")  # media: their presence changes what a file gives
        kept_slugs: set[str] = set()  # files that failed: their old pages stay
        files = article_files(tm_dir, report.diagnostics)
        output = None if check else Output(docs_dir, unshared_slugs(files), cache)
        conversions, written = load_all(files, tm_dir, cache, media_state, output)
        for file, conversion in zip(files, conversions, strict=True):
            report.diagnostics.extend(conversion.diagnostics)
            if conversion.article is None:
                kept_slugs.add(file.slug)
            else:
                report.articles.append(conversion.article)
        report.articles = drop_collisions(report.articles, report.diagnostics, kept_slugs)
        report.unpublished = sorted({f.tm_path for f in files} - {a.tm_path for a in report.articles})
        wanted = plan(report.articles, load_sections(sections_file), report.diagnostics, cache.memo)
        report.nav, report.english_sides = wanted.nav, wanted.english_sides
        media = media_to_publish(report.articles, report.diagnostics)
        sync_docs(docs_dir, wanted.pages, media, kept_slugs, check, report, cache, written)
        if not check:
            state = (inputs, folder_state(docs_dir, "", OTHER_STEPS))
            done = replace(report, written=[], removed=[])  # what a later run returns: it writes nothing
            _keep_lean(docs_dir, state, done)  # first: the run that saves the cache below finds it
            cache.remember_report(state, done)
            cache.save()
    return report


def _keep_lean(docs_dir: Path, state: tuple, report: Report) -> None:
    """Keep ``report`` lean in a cache file of its own (:data:`REPORT_KIND`): a build that does
    not split (``split: false``) reads only that."""
    lean = SplitCache.beside(docs_dir, REPORT_KIND)
    lean.remember_report(state, report.lean())
    lean.save()


def lean_report_beside(docs_dir: Path) -> tuple[Report, dict[str, str]] | None:
    """The lean report (:meth:`Report.lean`) of the last ``sxs split`` into ``docs_dir``, whatever
    changed since (a checkout gives every file a new time); None if there is none."""
    lean = SplitCache.beside(docs_dir, REPORT_KIND).report()
    return lean if isinstance(lean, tuple) and isinstance(lean[0], Report) else None


def _inputs_state(tm_dir: Path, sections_file: Path | None) -> tuple:
    """What a run reads, as names, sizes and times: TM files, media, sections, interface catalogs."""
    return (str(tm_dir.resolve()), folder_state(tm_dir, ""), file_state(sections_file),
            folder_state(CATALOGS, ""))
