"""Exchange files for CAT tools: export TM segments, import translated targets.

Formats come from translate-toolkit (GUIDE §3): XLIFF 2.0, XLIFF 1.2, TMX 1.4
and PO. Segment IDs repeat across TM files, so every unit is keyed by
(file, ID): XLIFF has one ``<file>`` per article (``original`` names it),
TMX units carry ``tuid="FILE#ID"`` and PO units ``msgctxt "FILE#ID"``.

Each unit says in its format's own words whether its target is raw machine
translation (``ms.translationtype: MT``) or a human translation: XLIFF 1.2
``state-qualifier="mt-suggestion"``, XLIFF 2.0 ``state="initial"
subState="sxs:mt"``, a PO ``fuzzy`` flag, a TMX ``<prop type="x-status">``.

An import changes only the target text of changed segments (the document's
skeleton is kept byte for byte). It refuses the whole file, writing
nothing, only when the file is stale (unknown files, IDs or English
sources), malformed (a unit twice with two targets, TMX units without
``tuid``) or unsafe (a target holding segment markup). A target that comes
back empty, as a copy of the English, or failing an error-level check is
not imported, nor one that comes back as another segment's translation of
the same English (a CAT tool propagating one translation): the TM keeps its
translation, the unit is reported, and the rest of the file is imported. CAT tools trim edge whitespace, so a
segment keeps the TM's leading and trailing whitespace.
"""

from __future__ import annotations

from collections import Counter, defaultdict
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
MT, TRANSLATED = "mt", "translated"  # a unit's status: raw machine translation, human translation
STATUS_PROP = "x-status"  # TMX: <prop type="x-status">mt</prop>
XLIFF2_MT_SUBSTATE = "sxs:mt"
KEY_SEPARATOR = "#"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
MAX_EXCHANGE_BYTES = 256 * 1024 * 1024
TRANSLATION_NOTE = "translation: {}"
HANDOFF_NOTE = "handoff: {}"
CHECK_FAILURE = "fails error-level checks"  # how a kept unit's reason starts when a check failed
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
    status: str = ""  # MT, TRANSLATED, or "" when the file does not say


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
    """What an import found and did.

    ``refusals`` refuse the whole file (nothing is written); ``kept`` are
    units that were not imported while the rest of the file was.
    """

    refusals: list[Refusal] = field(default_factory=list)
    kept: list[Refusal] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # file -> changed segment IDs
    written: list[Path] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)  # status -> units read with it


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
    articles, locale = exported_articles(tm_dir, fmt)
    writer = {"xliff2": xliff2_store, "xliff1": xliff1_store, "tmx": tmx_store, "po": po_store}[fmt]
    write_if_changed(out, bytes(writer(articles, locale)))
    return sum(len(a.document.segments) for a in articles)


def exported_articles(tm_dir: Path, fmt: str) -> tuple[list[Article], str]:
    """The articles with segments under ``tm_dir`` and their target locale."""
    articles = [a for a in load_articles(tm_dir) if a.document.segments]
    locales = sorted({a.document.locale for a in articles} - {""})
    if fmt in ("xliff2", "po", "omegat") and len(locales) > 1:  # omegat: the OmegaT project
        raise ExchangeError(f"{fmt} holds one target language, the TM folder has {', '.join(locales)}; "
                            "export one locale folder at a time (--tm tm/LOCALE)")
    return articles, locales[0] if locales else ""


def _status(document: Document) -> str:
    """The status of a document's targets: raw machine translation or human translation."""
    return MT if document.translation_type.upper() == "MT" else TRANSLATED


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


def xliff2_store(articles: list[Article], locale: str) -> xliff2.Xliff2File:
    """XLIFF 2.0; notes and ``xml:space`` go on ``<unit>``, where the core schema allows them.

    translate-toolkit 3.20.4 writes both on ``<segment>``, which the schema
    forbids (GUIDE §3), so they are moved after the toolkit built the unit.
    """
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
            element = unit.getunitelement()
            element.set(XML_SPACE, unit.xmlelement.attrib.pop(XML_SPACE))
            if _status(article.document) == MT:
                unit.xmlelement.attrib.update({"state": "initial", "subState": XLIFF2_MT_SUBSTATE})
            else:
                unit.xmlelement.set("state", "translated")
            notes = etree.Element(unit.namespaced("notes"))
            for note, category in zip(_notes(article.document), ("translation", "handoff"), strict=True):
                etree.SubElement(notes, unit.namespaced("note"), category=category).text = note
            element.insert(0, notes)
    return store


def xliff1_store(articles: list[Article], locale: str) -> xliff.xlifffile:
    store = xliff.xlifffile.parsestring(XLIFF12_SKELETON.encode())
    for article in articles:
        store.switchfile(article.name, createifmissing=True)
        store.body.getparent().set("target-language", article.document.locale or locale)
        for segment in article.document.segments:
            unit = store.UnitClass(segment.source)
            unit.settarget(segment.target, lang=article.document.locale or locale)
            unit.setid(segment.id)
            store.addunit(unit)
            _set_xliff1_status(unit, _status(article.document))
            for note in _notes(article.document):
                unit.addnote(note, origin="developer")
    etree.cleanup_namespaces(store.document)
    return store


def _set_xliff1_status(unit: xliff.xliffunit, status: str) -> None:
    """Raw MT: an unapproved ``mt-suggestion`` that needs review; HT: translated."""
    target = unit.xmlelement.find(unit.namespaced("target"))
    if status == MT:
        unit.xmlelement.set("approved", "no")
        target.attrib.update({"state": "needs-review-translation", "state-qualifier": "mt-suggestion"})
    else:
        unit.xmlelement.attrib.pop("approved", None)
        target.set("state", "translated")


def tmx_store(articles: list[Article], locale: str, tuid: bool = True) -> tmx.tmxfile:
    store = tmx.tmxfile(sourcelanguage="en")
    store.addheader()
    for article in articles:
        for segment in article.document.segments:
            unit = store.addsourceunit(segment.source, "en")
            unit.settarget(segment.target, article.document.locale or locale, append=True)
            if tuid:
                unit.xmlelement.set("tuid", _key(article.name, segment.id))
            prop = etree.Element("prop", type=STATUS_PROP)
            prop.text = _status(article.document)
            unit.xmlelement.insert(0, prop)
            for note in _notes(article.document):
                unit.addnote(note)
    return store


def po_store(articles: list[Article], locale: str, fuzzy_mt: bool = True) -> pypo.pofile:
    """PO; raw MT is ``fuzzy`` (gettext's "needs review") unless ``fuzzy_mt`` is False.

    msgfmt requires msgid and msgstr to agree on a leading and a trailing
    newline; where a TM target does not, the exported target follows the
    English (an import keeps the TM's edge whitespace, so nothing is lost).
    """
    store = pypo.pofile()
    store.updateheader(add=True, Language=language_of(locale) if locale else "",
                       X_Generator="sxs export")
    for article in articles:
        for segment in article.document.segments:
            unit = store.addsourceunit(segment.source)
            unit.target = _newlines_like(segment.source, segment.target)
            unit.setcontext(_key(article.name, segment.id))
            for note in _notes(article.document):
                unit.addnote(note, origin="developer")
            if fuzzy_mt and segment.target and _status(article.document) == MT:
                unit.markfuzzy(True)
    return store


def _newlines_like(source: str, target: str) -> str:
    """``target`` with a leading/trailing newline exactly where ``source`` has one (msgfmt -c)."""
    if not target:
        return target
    core = target.strip("\n")
    return "\n" * source.startswith("\n") + core + "\n" * source.endswith("\n")


# --- reading exchange files ---------------------------------------------------


EXCHANGE_SUFFIXES = (".po", ".xlf", ".xliff", ".tmx")


def read_all_units(path: Path) -> list[Unit]:
    """The units of an exchange file, or of every exchange file under a folder."""
    if not path.is_dir():
        return read_units(path)
    return [unit for file in sorted(path.rglob("*")) if file.suffix in EXCHANGE_SUFFIXES
            for unit in read_units(file)]


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
            return _tmx_units(tmx.tmxfile.parsestring(data), path)
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
    units = []
    for unit in store.units:
        state, substate = unit.xmlelement.get("state"), unit.xmlelement.get("subState")
        status = (MT if substate == XLIFF2_MT_SUBSTATE
                  else TRANSLATED if state in ("translated", "reviewed", "final") else "")
        units.append(Unit(unit.getunitelement().getparent().get("original") or "", unit.getid(),
                          str(unit.source or ""), str(unit.target or ""), status))
    return units


def _xliff1_units(store: xliff.xlifffile) -> list[Unit]:
    units = []
    for unit in store.units:
        name, _, seg_id = unit.getid().partition(xliff.ID_SEPARATOR)
        target = unit.xmlelement.find(unit.namespaced("target"))
        state = target.get("state", "") if target is not None else ""
        qualifier = target.get("state-qualifier", "") if target is not None else ""
        status = (MT if qualifier == "mt-suggestion"
                  else TRANSLATED if state in ("translated", "signed-off", "final") else "")
        units.append(Unit(name, seg_id, str(unit.source or ""), str(unit.target or ""), status))
    return units


def _tmx_units(store: tmx.tmxfile, path: Path) -> list[Unit]:
    units = []
    for unit in store.units:
        if not unit.xmlelement.get("tuid"):
            raise ExchangeError(
                f"{path}: TMX units without tuid (OmegaT's project_save.tmx or another tool's own "
                "memory) cannot be matched to TM segments; import the translated document OmegaT "
                "writes in target/ (from `sxs export --format omegat`), or a TMX from `sxs export "
                "--format tmx`")
        name, seg_id = _split_key(unit.getid())
        prop = unit.xmlelement.find(f"prop[@type='{STATUS_PROP}']")
        units.append(Unit(name, seg_id, str(unit.source or ""), str(unit.target or ""),
                          (prop.text or "") if prop is not None else ""))
    return units


def _po_units(data: bytes, path: Path) -> list[Unit]:
    try:
        store = pypo.pofile.parsestring(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise ExchangeError(f"{path}: not a PO file: {error}") from error
    return [Unit(*_split_key(unit.getcontext()), str(unit.source or ""), str(unit.target or ""),
                 (MT if unit.isfuzzy() else TRANSLATED) if unit.target else "")
            for unit in store.units if not unit.isheader()]


# --- import -----------------------------------------------------------------


def import_units(units: Iterable[Unit], tm_dir: Path, config: CheckConfig, *,
                 force: bool = False) -> ImportResult:
    """Merge the units' targets into the TM files under ``tm_dir``.

    Nothing is written when the file is refused (``result.refusals``). Units
    in ``result.kept`` are left as the TM has them. With ``force``, targets
    that fail error-level checks or copy the English are imported.
    """
    articles = {a.name: a for a in load_articles(tm_dir)}
    known = translations(articles.values())
    result = ImportResult()
    targets: dict[str, dict[str, str]] = {}
    for unit in units:
        result.statuses[unit.status or "unknown"] += 1
        article = articles.get(unit.file)
        reason = _refusal(unit, article, targets)
        if reason:
            result.refusals.append(Refusal(unit.file, unit.id, reason))
            continue
        segment = _segment(article.document, unit.id)
        target = _with_edges(segment.target, unit.target)
        kept = _kept(unit, segment, target, known, article, config, force)
        if kept:
            result.kept.append(Refusal(unit.file, unit.id, kept))
        elif target.strip() and target != segment.target:
            targets.setdefault(unit.file, {})[unit.id] = target
    texts = {}
    for name, changes in targets.items():
        before = articles[name].document
        text = before.with_targets(changes).serialise()
        result.refusals.extend(_verify(name, before, text, changes))
        texts[name] = text
        result.changed[name] = sorted(changes)
    if result.refusals:
        return result
    for name, text in texts.items():
        if write_if_changed(articles[name].path, text):
            result.written.append(articles[name].path)
    return result


def _segment(document: Document, seg_id: str) -> Segment | None:
    """The segment of ``document`` with ID ``seg_id``."""
    return next((s for s in document.segments if s.id == seg_id), None)


def _with_edges(old: str, new: str) -> str:
    """``new`` with ``old``'s leading and trailing whitespace, which CAT tools trim or move.

    A target whose text is ``old``'s apart from edge whitespace is ``old``.
    """
    core = new.strip()
    if core == old.strip():
        return old
    stripped = old.strip()
    if not stripped:
        return new
    start = old.index(stripped)
    return old[:start] + core + old[start + len(stripped):]


def _refusal(unit: Unit, article: Article | None, targets: dict[str, dict[str, str]]) -> str:
    """Why ``unit`` makes the whole file stale or malformed; empty when it does not."""
    if article is None:
        return "unknown file: no such TM file in the TM folder"
    matches = [s for s in article.document.segments if s.id == unit.id]
    if not matches:
        return "unknown segment ID in this TM file"
    if len(matches) > 1:
        return "segment ID is used more than once in the TM file; fix the TM file first"
    if unit.source != matches[0].source:
        return ("stale: the English source no longer matches the TM file "
                f"(export has {unit.source!r}, TM has {matches[0].source!r}); export again")
    earlier = targets.get(unit.file, {}).get(unit.id)
    if earlier is not None and earlier.strip() != unit.target.strip():
        return "the exchange file holds this unit twice with different targets"
    return ""


def translations(articles: Iterable[Article]) -> dict[str, set[str]]:
    """Every translation the TM has for each English text (edge whitespace aside)."""
    known: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        for segment in article.document.segments:
            known[segment.source.strip()].add(segment.target.strip())
    return known


def _kept(unit: Unit, segment: Segment, target: str, known: dict[str, set[str]], article: Article,
          config: CheckConfig, force: bool) -> str:
    """Why ``unit``'s target is not imported (the TM keeps its own); empty when it is."""
    if target == segment.target:
        return ""
    if not target.strip() and segment.target.strip() == unit.source.strip():
        return ""  # OmegaT's msgstr "" for a translation equal to the English
    if not target.strip():
        return "came back empty (a CAT tool's untranslated or equal-to-English); the TM's translation is kept"
    if force:
        return ""
    if target.strip() == unit.source.strip():
        return ("came back as a copy of the English; the TM's translation is kept "
                "(use --force to import it)")
    if target.strip() in known[segment.source.strip()]:
        return ("came back as another segment's translation of the same English (a CAT tool "
                "propagating one translation?); the TM's translation is kept (use --force to import it)")
    language = language_of(article.document.locale) or "fr"
    failed = [f"{name}: {message}"
              for name, message in check_pair(unit.source, target, language, config).items()
              if config.severities[name] == ERROR]
    return (f"{CHECK_FAILURE}, not imported (use --force to import anyway): " + "; ".join(failed)
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
