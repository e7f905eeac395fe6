"""Where the translations stand: per-article and total figures, and the site's status page.

Every text taken from a TM file is escaped with :func:`html.escape` before it
goes into the page, so nothing a translation holds can run as script.

The status page (``docs/status.en.md``) is written by :func:`publish_status`, which
the MkDocs plugin runs after ``sxs split`` on every build (and ``sxs split
--status`` on demand). Its quality figures run translate-toolkit's checks on
every segment, several times the cost of the split itself, so the split does
not compute them: a writer waiting on ``sxs split`` gets the pages at once.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, fields
from functools import partial
from pathlib import Path
from typing import NamedTuple

from .cache import SplitCache, collector_paused, digest
from .checks import CheckConfig, ConfigError, Finding, check_document, config_for, is_untranslated, tm_files
from .convert import ConvertedArticle
from .diagnostics import ERROR, WARNING, Diagnostic
from .fileio import locked, read_text
from .messages import text
from .model import Document
from .pages import STATUS_PAGE, markdown_text
from .parse import parse
from .render import front_matter
from .split import Report
from .sync import update_file
from .workers import map_on_cores

# The status page's ``sxs: generated:`` kind: the site keeps its own HTML (it escapes every TM value).
STATUS_KIND = "status"

LANG = "en"  # the status page is in English (its texts are in the catalogs for later)


@dataclass(frozen=True)
class Status:
    """The figures of one article, of one locale's (``file`` is then the locale) or of all (``total``)."""

    file: str
    segments: int
    mt: int  # segments of machine-translated articles
    ht: int  # segments of human-translated articles
    untranslated: int
    errors: int
    warnings: int
    handoff: str
    locale: str = ""  # the target locale (ms.contentlocale); "" for the total of several

    @classmethod
    def of(cls, name: str, document: Document, findings: list[Finding]) -> Status:
        """The figures of one parsed TM file and its check findings."""
        count = len(document.segments)
        kind = document.translation_type.upper()
        return cls(
            file=name,
            segments=count,
            mt=count if kind == "MT" else 0,
            ht=count if kind == "HT" else 0,
            untranslated=sum(is_untranslated(s.source, s.target) for s in document.segments),
            errors=sum(f.severity == ERROR for f in findings),
            warnings=sum(f.severity == WARNING for f in findings),
            handoff=document.handoff,
            locale=document.locale,
        )

    def as_dict(self) -> dict:
        """The figures as a JSON-ready mapping."""
        return asdict(self)


COUNTS = tuple(f.name for f in fields(Status) if f.type == "int")


def total(statuses: list[Status], name: str = "total") -> Status:
    """The sum of the figures of ``statuses``; the handoff is the newest one, the locale theirs if one."""
    sums = {count: sum(getattr(s, count) for s in statuses) for count in COUNTS}
    locales = {s.locale for s in statuses}
    return Status(file=name, handoff=max((s.handoff for s in statuses), default=""),
                  locale=locales.pop() if len(locales) == 1 else "", **sums)


def by_locale(statuses: list[Status]) -> list[Status]:
    """The total of each locale's articles (``file`` names the locale), in locale order."""
    locales = sorted({s.locale for s in statuses})
    return [total([s for s in statuses if s.locale == locale], locale or "?") for locale in locales]


def collect(tm_dir: Path, config: CheckConfig) -> list[Status]:
    """The figures of every TM file under ``tm_dir`` (unreadable files raise)."""
    statuses = []
    for path in tm_files(tm_dir):
        document, diagnostics = parse(read_text(path), path.as_posix())
        statuses.append(Status.of(path.relative_to(tm_dir).as_posix(), document,
                                  check_document(document, diagnostics, config)))
    return statuses


def status_text(statuses: list[Status]) -> str:
    """A plain-text table: one line per article, one per locale (named by it), then the total."""
    headers = ("file", "segments", "MT", "HT", "untranslated", "errors", "warnings", "handoff")
    rows = [_cells(s) for s in [*statuses, *by_locale(statuses), total(statuses)]]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lines = [headers, *rows]
    return "\n".join("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                               for i, (cell, w) in enumerate(zip(line, widths, strict=True))).rstrip()
                     for line in lines) + "\n"


def _cells(status: Status) -> tuple[str, ...]:
    """One row of the status table as strings (not escaped)."""
    return (status.file, *(str(getattr(status, name)) for name in COUNTS), status.handoff)


class ToCheck(NamedTuple):
    """An article of the status page: its name, the hash its figures are cached by, and its text.

    ``load`` gives its document and what parsing it found, when it is checked
    (in a worker process: the caller need not hold thousands of documents).
    """

    name: str
    content_hash: str
    load: Callable[[], tuple[Document, list[Diagnostic]]]

    @classmethod
    def parsed(cls, name: str, document: Document) -> ToCheck:
        """A parsed document, its parsing findings taken from its own text."""
        text = document.serialise()
        return cls(name, digest(text), lambda: (document, parse(text, name)[1]))


def article_status(article: ToCheck, config: CheckConfig) -> Status:
    """The figures of one article, its checks run."""
    document, diagnostics = article.load()
    return Status.of(article.name, document, check_document(document, diagnostics, config))


def status_page(articles: Sequence[ToCheck], config: CheckConfig, cache: SplitCache | None = None) -> str:
    """The site's translation status page: a bar chart and a table, as Markdown with HTML.

    The page carries the ``sxs`` front-matter key (it is generated) and stays
    out of search. With ``cache``, an article whose text and checks
    configuration are unchanged is not checked again; the others are checked
    on every core.
    """
    settings = tuple(sorted(config.severities.items()))
    keys = [("status", article.name, article.content_hash, settings) for article in articles]
    todo = [index for index, key in enumerate(keys) if cache is None or not cache.has(key)]
    checked = dict(zip(todo, map_on_cores(lambda index: article_status(articles[index], config), todo),
                       strict=True))
    statuses = [cache.memo(key, lambda index=index: checked[index]) if cache else checked[index]
                for index, key in enumerate(keys)]
    title = text("status_title", LANG)
    meta = {"title": str(title), "search": {"exclude": True}, "sxs": {"generated": STATUS_KIND, "lang": LANG}}
    intro = text("status_intro", LANG, count=len(statuses))
    body = [f"# {markdown_text(title)}", "", markdown_text(intro), "",
            _chart(total(statuses)), "", f"## {markdown_text(text('status_locales', LANG))}", "",
            _table(by_locale(statuses), "status_locale", with_total=False), "",
            f"## {markdown_text(text('status_articles', LANG))}", "", _table(statuses), ""]
    return front_matter(meta) + "\n".join(body)


def site_page(tm_dir: Path, articles: Sequence[ToCheck],
              diagnostics: list[Diagnostic], cache: SplitCache | None = None) -> str:
    """The status page for ``sxs split``, checked with the project's ``sxs.yml``.

    A broken ``sxs.yml`` is reported in ``diagnostics``; the page then uses the default checks.
    """
    try:
        config = config_for(tm_dir)
    except ConfigError as error:
        diagnostics.append(Diagnostic(ERROR, "checks-config", str(tm_dir.resolve().parent / "sxs.yml"), 1,
                                      str(error)))
        config = CheckConfig.default()
    return status_page(articles, config, cache)


def _chart(summary: Status) -> str:
    """A horizontal bar chart of the totals, made of HTML and inline CSS (no script)."""
    bars = [(text(f"status_{key}", LANG), getattr(summary, key), colour)
            for key, colour in (("mt", "#4a7bd0"), ("ht", "#3a9a5b"), ("untranslated", "#c98a1b"),
                                ("errors", "#c0392b"), ("warnings", "#8e6fb8"))]
    largest = max((value for _, value, _ in bars), default=0) or 1
    rows = []
    for label, value, colour in bars:
        width = f"{100 * value / largest:.1f}%"
        rows.append(
            f'<div class="sxs-status-row" style="display:flex;align-items:center;gap:.5em;margin:.2em 0">'
            f'<span style="flex:0 0 9em">{html.escape(label)}</span>'
            f'<span style="flex:1 1 auto"><span class="sxs-status-bar" role="img" '
            f'aria-label="{html.escape(label)}: {value}" style="display:block;height:1em;width:{width};'
            f'background:{colour}"></span></span>'
            f'<span style="flex:0 0 5em;text-align:right">{value}</span></div>')
    return '<div class="sxs-status-chart" markdown="0">\n' + "\n".join(rows) + "\n</div>"


def _table(statuses: list[Status], first: str = "status_file", *, with_total: bool = True) -> str:
    """An HTML table of the figures of ``statuses`` (then their total); every cell escaped.

    ``first`` is the message naming the first column (files, or locales).
    """
    headers = [text(key, LANG) for key in (first, "status_segments")] + ["MT", "HT"] + [
        text(f"status_{key}", LANG) for key in ("untranslated", "errors", "warnings", "handoff")]
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    rows = []
    for status in [*statuses, total(statuses)] if with_total else statuses:
        cells = "".join(f"<td>{html.escape(cell)}</td>" for cell in _cells(status))
        rows.append(f"<tr>{cells}</tr>")
    return (f'<table class="sxs-status-table">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody>\n</table>")


def _loaded(article: ConvertedArticle, diagnostics: list[Diagnostic]) -> tuple[Document, list[Diagnostic]]:
    return article.document, diagnostics


def publish_status(tm_dir: Path, docs_dir: Path, report: Report, *, check: bool = False) -> None:
    """Bring ``docs_dir``'s status page up to date with the articles of ``report`` (the split's).

    Run after the split by the MkDocs plugin and ``sxs split --status``. The
    page, when written (with ``check``: when out of date, nothing written),
    and what was found about the checks configuration go into ``report``.
    Figures of unchanged articles come from a cache beside the docs folder.
    """
    cache = SplitCache.beside(docs_dir, "status")
    found = defaultdict(list)  # what parsing found, among the split's diagnostics
    for diagnostic in report.diagnostics:
        found[diagnostic.path].append(diagnostic)
    articles = [ToCheck(article.tm_path, article.content_hash,
                        partial(_loaded, article, found[article.tm_path]))
                for article in report.articles]
    with collector_paused():
        page = site_page(tm_dir, articles, report.diagnostics, cache).encode("utf-8")
    path = docs_dir / STATUS_PAGE
    with locked(docs_dir, shared=check):
        update_file(path, page, report, check=check)
        if not check:
            cache.save()
