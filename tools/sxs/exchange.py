"""Exchange files for CAT tools: export TM segments, import translated targets.

Formats come from translate-toolkit (GUIDE §3): XLIFF 2.0, XLIFF 1.2, TMX 1.4
and PO. Segment IDs repeat across TM files, so every unit is keyed by
(file, ID): XLIFF has one ``<file>`` per article (``original`` names it),
TMX units carry ``tuid="FILE#ID"`` and PO units ``msgctxt "FILE#ID"``.

An import changes only the target text of changed segments (the document's
skeleton is kept byte for byte), and refuses the whole file, writing
nothing, when any unit is unknown, stale, or fails an error-level check.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from translate.storage import pypo, tmx, xliff, xliff2

from .checks import CheckConfig, check_pair, relative_name, tm_files
from .diagnostics import ERROR
from .fileio import read_text, write_if_changed
from .model import Document, Segment, language_of
from .parse import parse

FORMATS = ("xliff2", "xliff1", "tmx", "po")
KEY_SEPARATOR = "#"
MAX_EXCHANGE_BYTES = 256 * 1024 * 1024
TRANSLATION_NOTE = "translation: {}"
HANDOFF_NOTE = "handoff: {}"
XLIFF12_SKELETON = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="NoName" source-language="en" datatype="plaintext"><body></body></file>
</xliff>"""


class ExchangeError(Exception):
    """An exchange file that cannot be read or written at all."""


@dataclass(frozen=True)
class Unit:
    """One segment as carried by an exchange file."""

    file: str  # TM file, relative to the TM folder
    id: str
    source: str
    target: str


@dataclass(frozen=True)
class Refusal:
    """Why one unit of an import was refused."""

    file: str
    id: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file} [{self.id}]: {self.reason}"


@dataclass
class ImportResult:
    """What an import found and did."""

    refusals: list[Refusal] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # file -> changed segment IDs
    written: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class Article:
    """A TM file loaded for exchange."""

    name: str  # relative to the TM folder
    path: Path
    document: Document


def load_articles(tm_dir: Path) -> list[Article]:
    """Every TM file under ``tm_dir``, parsed; unreadable files raise ExchangeError."""
    articles = []
    for path in tm_files(tm_dir):
        try:
            text = read_text(path)
        except UnicodeDecodeError as error:
            raise ExchangeError(f"{path}: not UTF-8 at byte {error.start}") from error
        document, _ = parse(text, path.as_posix())
        articles.append(Article(relative_name(path, tm_dir), path, document))
    return articles


# --- export -----------------------------------------------------------------


def export(tm_dir: Path, fmt: str, out: Path) -> int:
    """Write every segment under ``tm_dir`` to ``out`` in format ``fmt``; return the unit count."""
    if fmt not in FORMATS:
        raise ExchangeError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    articles = [a for a in load_articles(tm_dir) if a.document.segments]
    locales = sorted({a.document.locale for a in articles} - {""})
    if fmt in ("xliff2", "po") and len(locales) > 1:
        raise ExchangeError(f"{fmt} holds one target language, the TM folder has {', '.join(locales)}; "
                            "export one locale folder at a time (--tm tm/LOCALE)")
    writer = {"xliff2": _xliff2_store, "xliff1": _xliff1_store, "tmx": _tmx_store, "po": _po_store}[fmt]
    store = writer(articles, locales[0] if locales else "")
    write_if_changed(out, bytes(store).decode("utf-8"))
    return sum(len(a.document.segments) for a in articles)


def _notes(document: Document) -> list[str]:
    """The notes every unit of a document carries: MT/HT and handoff date."""
    return [TRANSLATION_NOTE.format(document.translation_type or "unknown"),
            HANDOFF_NOTE.format(document.handoff or "unknown")]


def _key(name: str, seg_id: str) -> str:
    """The single-string key of a unit in TMX and PO."""
    return f"{name}{KEY_SEPARATOR}{seg_id}"


def _split_key(key: str) -> tuple[str, str]:
    """(file, ID) of a single-string key; IDs never hold the separator."""
    name, _, seg_id = (key or "").rpartition(KEY_SEPARATOR)
    return name, seg_id


def _xliff2_store(articles: list[Article], locale: str) -> xliff2.Xliff2File:
    store = xliff2.Xliff2File(sourcelanguage="en", targetlanguage=locale)
    root = store.document.getroot()
    for node in list(root):
        root.remove(node)
    for number, article in enumerate(articles, 1):
        store.body = store.createfilenode(f"f{number}")
        store.body.set("original", article.name)
        root.append(store.body)
        for segment in article.document.segments:
            unit = xliff2.Xliff2Unit(segment.source)
            unit.target = segment.target
            unit.setid(segment.id)
            store.addunit(unit)
            for note, category in zip(_notes(article.document), ("translation", "handoff"), strict=True):
                unit.addnote(note, origin=category)
    return store


def _xliff1_store(articles: list[Article], locale: str) -> xliff.xlifffile:
    store = xliff.xlifffile.parsestring(XLIFF12_SKELETON.encode())
    for article in articles:
        store.switchfile(article.name, createifmissing=True)
        store.body.getparent().set("target-language", article.document.locale or locale)
        for segment in article.document.segments:
            unit = store.UnitClass(segment.source)
            unit.settarget(segment.target, lang=article.document.locale or locale)
            unit.setid(segment.id)
            store.addunit(unit)
            for note in _notes(article.document):
                unit.addnote(note, origin="developer")
    etree.cleanup_namespaces(store.document)
    return store


def _tmx_store(articles: list[Article], locale: str) -> tmx.tmxfile:
    store = tmx.tmxfile(sourcelanguage="en")
    store.addheader()
    for article in articles:
        for segment in article.document.segments:
            unit = store.addsourceunit(segment.source, "en")
            unit.settarget(segment.target, article.document.locale or locale, append=True)
            unit.xmlelement.set("tuid", _key(article.name, segment.id))
            for note in _notes(article.document):
                unit.addnote(note)
    return store


def _po_store(articles: list[Article], locale: str) -> pypo.pofile:
    store = pypo.pofile()
    store.updateheader(add=True, Language=language_of(locale) if locale else "",
                       X_Generator="sxs export")
    for article in articles:
        for segment in article.document.segments:
            unit = store.addsourceunit(segment.source)
            unit.target = segment.target
            unit.setcontext(_key(article.name, segment.id))
            for note in _notes(article.document):
                unit.addnote(note, origin="developer")
    return store


# --- reading exchange files ---------------------------------------------------


def read_units(path: Path) -> list[Unit]:
    """The units of an exchange file, its format found from its content.

    XML is first parsed safely (no DTD loading, no network, no entity
    declarations at all: billion-laughs and XXE files are refused) and only
    then handed to translate-toolkit.
    """
    size = path.stat().st_size
    if size > MAX_EXCHANGE_BYTES:
        raise ExchangeError(f"{path}: {size} bytes is over the {MAX_EXCHANGE_BYTES}-byte limit")
    data = path.read_bytes()
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return _po_units(data, path)
    root = _safe_root(data, path)
    name, version = etree.QName(root).localname, root.get("version", "")
    try:
        if name == "xliff" and version.startswith("2."):
            return _xliff2_units(xliff2.Xliff2File.parsestring(data))
        if name == "xliff":
            return _xliff1_units(xliff.xlifffile.parsestring(data))
        if name == "tmx":
            return _tmx_units(tmx.tmxfile.parsestring(data))
    except (ValueError, etree.XMLSyntaxError) as error:
        raise ExchangeError(f"{path}: {error}") from error
    raise ExchangeError(f"{path}: root element <{name}> is neither XLIFF nor TMX")


def _safe_root(data: bytes, path: Path) -> etree._Element:
    """Parse ``data`` without loading DTDs or resolving entities; refuse entity declarations."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as error:
        raise ExchangeError(f"{path}: not well-formed XML: {error}") from error
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise ExchangeError(f"{path}: declares XML entities in its DOCTYPE; refused "
                            "(entity expansion and external entities are not allowed)")
    return tree.getroot()


def _xliff2_units(store: xliff2.Xliff2File) -> list[Unit]:
    return [Unit(unit.getunitelement().getparent().get("original") or "", unit.getid(),
                 str(unit.source or ""), str(unit.target or ""))
            for unit in store.units]


def _xliff1_units(store: xliff.xlifffile) -> list[Unit]:
    units = []
    for unit in store.units:
        name, _, seg_id = unit.getid().partition(xliff.ID_SEPARATOR)
        units.append(Unit(name, seg_id, str(unit.source or ""), str(unit.target or "")))
    return units


def _tmx_units(store: tmx.tmxfile) -> list[Unit]:
    units = []
    for unit in store.units:
        name, seg_id = _split_key(unit.getid())
        units.append(Unit(name, seg_id, str(unit.source or ""), str(unit.target or "")))
    return units


def _po_units(data: bytes, path: Path) -> list[Unit]:
    try:
        store = pypo.pofile.parsestring(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise ExchangeError(f"{path}: not a PO file: {error}") from error
    return [Unit(*_split_key(unit.getcontext()), str(unit.source or ""), str(unit.target or ""))
            for unit in store.units if not unit.isheader()]


# --- import -----------------------------------------------------------------


def import_units(units: Iterable[Unit], tm_dir: Path, config: CheckConfig, *,
                 force: bool = False, write: bool = True) -> ImportResult:
    """Merge the units' targets into the TM files under ``tm_dir``.

    Nothing is written when any unit is refused. With ``force``, targets that
    fail error-level checks are accepted; unknown and stale units never are.
    """
    articles = {a.name: a for a in load_articles(tm_dir)}
    result = ImportResult()
    targets: dict[str, dict[str, str]] = {}
    for unit in units:
        reason = _refusal(unit, articles.get(unit.file), targets, config, force)
        if reason:
            result.refusals.append(Refusal(unit.file, unit.id, reason))
        elif unit.target != _segment(articles[unit.file].document, unit.id).target:
            targets.setdefault(unit.file, {})[unit.id] = unit.target
    texts = {}
    for name, changes in targets.items():
        before = articles[name].document
        text = before.with_targets(changes).serialise()
        result.refusals.extend(_verify(name, before, text, changes))
        texts[name] = text
        result.changed[name] = sorted(changes)
    if result.refusals or not write:
        return result
    for name, text in texts.items():
        if write_if_changed(articles[name].path, text):
            result.written.append(articles[name].path)
    return result


def _segment(document: Document, seg_id: str) -> Segment | None:
    """The segment of ``document`` with ID ``seg_id``."""
    return next((s for s in document.segments if s.id == seg_id), None)


def _refusal(unit: Unit, article: Article | None, targets: dict[str, dict[str, str]],
             config: CheckConfig, force: bool) -> str:
    """Why ``unit`` cannot be imported; empty when it can."""
    if article is None:
        return "unknown file: no such TM file in the TM folder"
    matches = [s for s in article.document.segments if s.id == unit.id]
    if not matches:
        return "unknown segment ID in this TM file"
    if len(matches) > 1:
        return "segment ID is used more than once in the TM file; fix the TM file first"
    segment = matches[0]
    if unit.source != segment.source:
        return ("stale: the English source no longer matches the TM file "
                f"(export has {unit.source!r}, TM has {segment.source!r}); export again")
    if not unit.target.strip():
        return "empty target: a TM segment cannot be emptied"
    earlier = targets.get(unit.file, {}).get(unit.id)
    if earlier is not None and earlier != unit.target:
        return "the exchange file holds this unit twice with different targets"
    if force or unit.target == segment.target:
        return ""
    language = language_of(article.document.locale) or "fr"
    failed = [f"{name}: {message}"
              for name, message in check_pair(unit.source, unit.target, language, config).items()
              if config.severities[name] == ERROR]
    return ("target fails error-level checks (use --force to import anyway): " + "; ".join(failed)
            if failed else "")


def _verify(name: str, before: Document, text: str, changes: dict[str, str]) -> list[Refusal]:
    """Refusals for targets that would break the TM file's segment markup when written."""
    after, _ = parse(text, name)
    expected = [(s.id, s.source, changes.get(s.id, s.target)) for s in before.segments]
    actual = [(s.id, s.source, s.target) for s in after.segments]
    if expected == actual:
        return []
    broken = [e[0] for e, a in zip(expected, actual, strict=False) if e != a and e[0] in changes]
    return [Refusal(name, seg_id, "target would break the TM file's segment markup "
                    "(it holds the span delimiters of a segment)")
            for seg_id in broken or sorted(changes)]
