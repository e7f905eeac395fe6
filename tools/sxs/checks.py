"""Quality checks on TM segments, built on translate-toolkit's checks.

translate-toolkit's :class:`StandardChecker` (GUIDE §3) gives numbers, URLs,
unchanged text, punctuation spacing, double spaces and whitespace checks.
:class:`SxsChecker` adds only what it lacks for these files: Markdown markup
parity (bold, italic, code, links and their targets, images, ``<app>``-style
placeholders, ``\\>`` navigation separators), French typography and orphan
punctuation left by machine translation. Segment-ID pairing comes from the
parser's diagnostics.

Which checks run, and how severe each is, can be changed in ``sxs.yml``
beside the TM folder (README: `sxs.yml`; ARCHITECTURE.md: "Checks").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml
from translate.filters.checks import CheckerConfig, FilterFailure, StandardChecker
from translate.filters.decorators import cosmetic, critical, functional
from translate.storage.base import TranslationUnit

from .diagnostics import ERROR, WARNING, Diagnostic
from .fileio import read_text
from .html_rules import disallowed_html
from .model import Document, language_of
from .parse import parse

CONFIG_NAME = "sxs.yml"
ID_PAIRING = "idpairing"
# Parse diagnostics that are about segment IDs and their two sides.
PAIRING_CODES = {"unpaired-segment", "unclosed-segment", "duplicate-id", "empty-segment",
                 "odd-id", "stray-span"}

# Checks run by default and their severity. Any other check of translate-toolkit's
# StandardChecker can be turned on from sxs.yml by giving it a severity.
DEFAULT_SEVERITIES: dict[str, str] = {
    ID_PAIRING: ERROR,  # parse warnings (odd ID, stray span) stay warnings
    "placeholders": ERROR,
    "links": ERROR,
    "linktargets": ERROR,
    "images": ERROR,
    "separators": ERROR,
    "html": WARNING,  # HTML the site shows as text (ARCHITECTURE.md: The HTML policy)
    "escapes": ERROR,
    "newlines": ERROR,
    "bold": WARNING,
    "italic": WARNING,
    "code": WARNING,
    "numbers": WARNING,
    "qualifiers": WARNING,
    "urls": WARNING,
    "unchanged": WARNING,
    "frenchtypography": WARNING,
    "orphanpunc": WARNING,
    "puncspacing": WARNING,
    "doublespacing": WARNING,
    "startwhitespace": WARNING,
    "endwhitespace": WARNING,
}
SEVERITIES = (ERROR, WARNING)

CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?"
                  r"(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S)
ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])|(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?!\w)",
                    re.S)
PLACEHOLDER = re.compile(r"(?<!\\)</?([A-Za-z][\w.:-]*)(?:\s[^<>]*)?/?>")
AUTOLINK = re.compile(r"<(?:[a-z][a-z0-9+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>", re.I)
URL = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s)\]>]*|\b(?:ms-[a-z-]+|mailto|tel):[^\s)\]>]*", re.I)
SEPARATOR = re.escape("\\>")
DANGLING_SEPARATOR = re.compile(rf"(?:^|[(\[])\s*{SEPARATOR}|{SEPARATOR}[\s\u00a0\u202f]*(?:$|[.,;:!?)\]])")
FRENCH_HIGH_PUNCT = re.compile(r"""
    (?<=\S)(?<![:;?!])([:;?!»])   # glued to the word before (\S excludes no-break spaces)
    | (\x20)([:;?!»])               # after an ordinary space
    | («)(\x20|(?=\S))              # opening guillemet without a no-break space
""", re.X)
ORPHAN_PUNCT = re.compile(r"[ \u00a0\u202f]([.,])(?=\s|$|[)\]*])")
WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


@dataclass(frozen=True)
class Finding:
    """One quality problem in one segment (or in a TM file's segment markup)."""

    severity: str
    check: str
    path: str
    line: int
    segment_id: str
    message: str
    source: str = ""
    target: str = ""

    def __str__(self) -> str:
        seg = f" [{self.segment_id}]" if self.segment_id else ""
        text = f"{self.path}:{self.line}: {self.severity}{seg}: {self.check}: {self.message}"
        if self.source or self.target:
            text += f"\n    en: {self.source}\n    tr: {self.target}"
        return text

    def as_dict(self) -> dict:
        """The finding as a JSON-ready mapping."""
        return asdict(self)


class ConfigError(Exception):
    """The checks configuration file is unreadable or names unknown checks."""


@dataclass(frozen=True)
class CheckConfig:
    """Enabled checks mapped to their severity."""

    severities: dict[str, str]

    @classmethod
    def default(cls) -> CheckConfig:
        """The checks that run when no configuration file says otherwise."""
        return cls(dict(DEFAULT_SEVERITIES))

    def severity(self, check: str, default: str) -> str | None:
        """The severity of ``check`` (None when disabled); ``default`` for ID pairing."""
        if check not in self.severities:
            return None
        if check == ID_PAIRING and DEFAULT_SEVERITIES[ID_PAIRING] == self.severities[check]:
            return default
        return self.severities[check]


def known_checks() -> set[str]:
    """Every check name that a configuration may use."""
    return {ID_PAIRING} | set(SxsChecker(checkerconfig=CheckerConfig()).defaultfilters)


def load_config(path: Path) -> CheckConfig:
    """Read the ``checks:`` mapping of ``path`` (a YAML file); defaults when absent.

    Each entry is ``NAME: error``, ``NAME: warning`` or ``NAME: off``.
    """
    config = CheckConfig.default()
    if not path.is_file():
        return config
    try:
        data = yaml.safe_load(read_text(path)) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid YAML: {error}") from error
    entries = (data.get("checks") or {}) if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise ConfigError(f"{path}: 'checks' must be a mapping of check name to error/warning/off")
    known = known_checks()
    for name, value in entries.items():
        if name not in known:
            raise ConfigError(f"{path}: unknown check {name!r}; known: {', '.join(sorted(known))}")
        if value is False or value == "off":
            config.severities.pop(name, None)
        elif value in SEVERITIES:
            config.severities[name] = value
        else:
            raise ConfigError(f"{path}: check {name!r}: {value!r} is not error, warning or off")
    return config


def config_for(tm_dir: Path) -> CheckConfig:
    """The configuration that applies to ``tm_dir``: ``sxs.yml`` in its parent folder."""
    return load_config(tm_dir.resolve().parent / CONFIG_NAME)


def _mask(text: str, pattern: re.Pattern[str], fill: str = "x") -> str:
    """``text`` with every match of ``pattern`` replaced by as many ``fill`` (a word, not a space)."""
    return pattern.sub(lambda m: fill * len(m.group(0)), text)


def _mask_targets(text: str) -> str:
    """``text`` with the targets of its links and images masked."""
    parts, position = [], 0
    for match in LINK.finditer(text):
        start, end = match.end(2) + 1, match.end()
        parts += [text[position:start], "x" * (end - start - 1) + ")"]
        position = end
    return "".join(parts) + text[position:]


@lru_cache(maxsize=4096)  # every check of a segment asks for the same two texts
def _prose(text: str) -> str:
    """Text with code spans, link targets, URLs and placeholders masked."""
    text = _mask_targets(_mask(text, CODE_SPAN))
    return _mask(_mask(_mask(text, AUTOLINK), URL), PLACEHOLDER)


@lru_cache(maxsize=4096)  # three checks of a segment ask for the same two texts
def _links(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Targets of the inline links and sources of the images in ``text``."""
    links, images = [], []
    if "](" not in text:  # most segments: no link to look for
        return (), ()
    for match in LINK.finditer(_mask(text, CODE_SPAN)):
        (images if match.group(1) else links).append(match.group(3))
    return tuple(links), tuple(images)


def _placeholders(text: str) -> list[str]:
    """The ``<name>``-style placeholders and tags of ``text``, outside code spans."""
    if "<" not in text:
        return []
    return [match.group(0) for match in PLACEHOLDER.finditer(_mask(text, CODE_SPAN, " "))]


def _compare_counts(what: str, source: Sequence[str], target: Sequence[str]) -> None:
    """Fail when the two sides hold a different number of ``what``."""
    if len(source) != len(target):
        raise FilterFailure(f"English has {len(source)} {what}, translation has {len(target)}")


def _difference(source: Sequence[str], target: Sequence[str]) -> str:
    """What one multiset has that the other lacks, for messages."""
    missing = Counter(source) - Counter(target)
    extra = Counter(target) - Counter(source)
    parts = []
    if missing:
        parts.append("missing " + ", ".join(sorted(missing.elements())))
    if extra:
        parts.append("added " + ", ".join(sorted(extra.elements())))
    return "; ".join(parts)


def _mentions(marks: Sequence[str], *texts: str) -> bool:
    """True when one of ``marks`` is in one of ``texts``: a check finds nothing to compare without."""
    return any(mark in text for mark in marks for text in texts)


def is_name_like(text: str) -> bool:
    """True when every word starts with a capital, as in product names."""
    words = WORD.findall(_prose(text))
    return bool(words) and all(word[0].isupper() for word in words)


def is_untranslated(source: str, target: str) -> bool:
    """True when the target is empty or is the English left as is (names aside)."""
    if not target.strip():
        return True
    return target.strip() == source.strip() and not is_name_like(source)


# Number qualifiers per language: (meaning, words before the number). Longer phrases first.
LESS, MORE, AT_MOST, AT_LEAST, EXACTLY, BETWEEN = ("less than", "more than", "at most", "at least",
                                                  "exactly", "between")
APOSTROPHE = "['\u2019]"
DE = rf"d(?:e |{APOSTROPHE})"  # French "de 25", "d'1"
QUALIFIERS: dict[str, list[tuple[str, str]]] = {
    "en": [(AT_MOST, r"no more than|not more than|no longer than|up to|at most|a maximum of|maximum of"),
           (AT_LEAST, r"no fewer than|no less than|not less than|at least|a minimum of|minimum of"),
           (LESS, r"fewer than|less than|shorter than|under|below"),
           (MORE, r"more than|greater than|longer than|over|above|in excess of"),
           (EXACTLY, r"exactly")],
    "fr": [(AT_MOST, rf"pas plus {DE}|jusqu{APOSTROPHE}(?:à|a)|au plus|(?:un |au )?maximum(?: {DE})?"
                     rf"|maximale?s? {DE}|dans un délai {DE}|pas dépasser|dépasse(?:nt)? pas"),
           (AT_LEAST, rf"pas moins {DE}|au moins|(?:un |au )?minimum(?: {DE})?|minimale?s? {DE}"),
           (LESS, rf"moins {DE}|inférieure?s? à|en dessous {DE}|en deçà {DE}"),
           (MORE, rf"plus {DE}|supérieure?s? à|au-delà {DE}|au-dessus {DE}"),
           (EXACTLY, r"exactement")],
    "de": [(AT_MOST, r"nicht mehr als|nicht länger als|bis hin zu|bis zu|höchstens|maximal"),
           (AT_LEAST, r"nicht weniger als|mindestens|wenigstens|minimal"),
           (LESS, r"weniger als|kleiner als|kürzer als|unter"),
           (MORE, r"mehr als|größer als|länger als|über"),
           (EXACTLY, r"genau")],
}
# After the number, at most one word between: "25 or more", "30 jours maximum", "25 oder mehr".
TRAILING = {"en": [(AT_LEAST, r"or more"), (AT_MOST, r"or (?:fewer|less)")],
            "fr": [(AT_LEAST, r"ou plus|au moins|minimum"),
                   (AT_MOST, r"ou moins|au plus|au maximum|maximum")],
            "de": [(AT_LEAST, r"oder mehr"), (AT_MOST, r"oder weniger")]}
# A negation earlier in the clause may turn "more than" into "at most" ("can't be longer than 64")
# or not ("hasn't been inactive for more than 365 days"): both readings are kept.
NEGATION = {"en": r"\b(?:not|never|cannot)\b|n't\b", "fr": r"\b(?:pas|jamais)\b", "de": r"\b(?:nicht|nie)\b"}
NEGATED = {MORE: AT_MOST, LESS: AT_LEAST}
CLAUSE = re.compile(r"[^.;:,!?()\[\]]*$")  # the text since the last punctuation
# Words that still bound a number without saying which way ("pendant 21 jours", "ne ... que 30",
# "innerhalb von 24"): a number after them, a few words on, is not bare.
LOOSE = {"en": r"(?!)", "fr": rf"pendant|que|qu{APOSTROPHE}|dans les|sous",
         "de": r"innerhalb|binnen|bis|während"}
RANGE = {"en": r"between", "fr": r"entre", "de": r"zwischen"}
RANGE_AND = {"en": r"and", "fr": r"et", "de": r"und"}
RANGE_TO = {"fr": r"à", "de": r"bis"}  # translations only: "4 à 48" renders "at least 4 up to 48"
# A number, with thousands separators ("10,000", "10 000", "10.000") or decimals, and "100K".
DIGIT = re.compile(r"\d")
NUMBER = r"(\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?!\d)|\d+(?:[.,]\d+)?)([kK]\b)?"


def _plain(text: str) -> str:
    """Prose without emphasis marks and link brackets: "bis **zu 24**", "plus [de 100](…)"."""
    return re.sub(r"[*_\[\]]+", "", _prose(text))


def _digits(match: re.Match[str], group: int) -> str:
    """The digits of the NUMBER captured from ``group`` on ("100K" is 100000)."""
    return re.sub(r"\D", "", match.group(group)) + ("000" if match.group(group + 1) else "")


@lru_cache(maxsize=8)
def _qualifier_patterns(language: str) -> tuple[re.Pattern[str], ...]:
    """Patterns for a qualifier before a number, after it, a range, and a range's upper end."""
    before = "|".join(f"(?P<q{index}>{words})" for index, (_, words) in enumerate(QUALIFIERS[language]))
    after = "|".join(f"(?P<t{index}>{words})" for index, (_, words) in enumerate(TRAILING[language]))
    return (re.compile(rf"(?<!\w)(?:{before})\s*{NUMBER}", re.I),
            re.compile(rf"{NUMBER}(?:\s+[^\W\d]+)?\s+(?:{after})(?!\w)", re.I),
            re.compile(rf"(?<!\w){RANGE[language]}\s+{NUMBER}\s+{RANGE_AND[language]}\s+{NUMBER}", re.I),
            re.compile(rf"\d(?:\s+[^\W\d]+)?\s+{RANGE_TO.get(language, '(?!)')}\s+{NUMBER}", re.I))


def number_qualifiers(text: str, language: str) -> list[tuple[str, frozenset[str], str]]:
    """(number, possible meanings, words as written) of every qualified number in ``text``.

    Numbers are compared by their digits ("1,000" is "1 000"); emphasis
    marks are ignored ("bis **zu 24**"); languages without a qualifier list
    give none.
    """
    if language not in QUALIFIERS:
        return []
    before, after, ranged, upper = _qualifier_patterns(language)
    prose = _plain(text)
    negation = re.compile(NEGATION[language], re.I)
    found = []
    for match in before.finditer(prose):
        index = int(next(name for name, value in match.groupdict().items() if value)[1:])
        meaning = QUALIFIERS[language][index][0]
        clause = CLAUSE.search(prose, 0, match.start())
        negated = meaning in NEGATED and clause and negation.search(clause.group(0))
        meanings = frozenset({meaning, NEGATED[meaning]} if negated else {meaning})
        found.append((_digits(match, len(QUALIFIERS[language]) + 1), meanings, match.group(0)))
    for match in after.finditer(prose):
        index = int(next(name for name, value in match.groupdict().items() if value)[1:])
        found.append((_digits(match, 1), frozenset({TRAILING[language][index][0]}), match.group(0)))
    for match in ranged.finditer(prose):
        found += [(_digits(match, group), frozenset({BETWEEN}), match.group(0)) for group in (1, 3)]
    found += [(_digits(match, 1), frozenset({AT_MOST}), match.group(0)) for match in upper.finditer(prose)]
    return found


def qualifier_drift(source: str, target: str, language: str) -> list[str]:
    """How the limits of the English's qualified numbers changed: one message per number.

    Every qualifier a number has on one side must have a reading in common
    with one it has on the other; a number the English qualifies must not
    stand bare in the translation ("up to 24 hours" is not "24 heures").
    Numbers the translation lacks are the ``numbers`` check's business.
    """
    english = number_qualifiers(source, "en") if language in QUALIFIERS and DIGIT.search(source) else []
    if not english:
        return []
    translated = number_qualifiers(target, language)
    prose = _plain(target)
    loose = re.compile(rf"(?<!\w)(?:{LOOSE[language]})\s*(?:[^\W\d]+\s+){{0,3}}{NUMBER}", re.I)
    present = ({_digits(match, 1) for match in re.finditer(NUMBER, prose)}
               - {_digits(match, 1) for match in loose.finditer(prose)})
    problems = []
    for number in sorted({n for n, _, _ in english}):
        mine = [meanings for n, meanings, _ in english if n == number]
        theirs = [meanings for n, meanings, _ in translated if n == number]
        said = ", ".join(repr(words) for n, _, words in english if n == number)
        matched = (all(any(m & t for t in theirs) for m in mine)
                   and all(any(t & m for m in mine) for t in theirs))
        if theirs and not matched:
            became = ", ".join(f"{words!r} ({' or '.join(sorted(meanings))})"
                               for n, meanings, words in translated if n == number)
            problems.append(f"English {said} became {became}")
        elif not theirs and number in present:
            problems.append(f"English {said} lost its qualifier: the translation has a bare {number}")
    return problems

class SxsChecker(StandardChecker):
    """translate-toolkit's standard checks plus the Markdown and French ones they lack."""

    @functional
    def unchanged(self, str1: str, str2: str) -> bool:
        """Checks that the translation is not the English left as is (product names aside)."""
        try:
            return super().unchanged(str1, str2)
        except FilterFailure:
            if is_name_like(str1):
                return True
            raise

    @critical
    def placeholders(self, str1: str, str2: str) -> bool:
        """Checks that ``<app>``-style placeholders and HTML tags are kept, in any order."""
        source, target = _placeholders(str1), _placeholders(str2)
        if source != target and Counter(source) != Counter(target):
            raise FilterFailure(f"placeholders differ: {_difference(source, target)}")
        return True

    @critical
    def links(self, str1: str, str2: str) -> bool:
        """Checks that the translation has as many Markdown links as the English."""
        _compare_counts("links", _links(str1)[0], _links(str2)[0])
        return True

    @critical
    def linktargets(self, str1: str, str2: str) -> bool:
        """Checks that links point where the English links point."""
        source, target = _links(str1)[0], _links(str2)[0]
        if len(source) == len(target) and source != target and Counter(source) != Counter(target):
            raise FilterFailure(f"link targets differ: {_difference(source, target)}")
        return True

    @critical
    def images(self, str1: str, str2: str) -> bool:
        """Checks that the translation shows the same images as the English."""
        source, target = _links(str1)[1], _links(str2)[1]
        if source != target and Counter(source) != Counter(target):
            raise FilterFailure(f"images differ: {_difference(source, target)}")
        return True

    @critical
    def separators(self, str1: str, str2: str) -> bool:
        r"""Checks that ``\>`` navigation separators are kept and still separate two items."""
        count1, count2 = str1.count("\\>"), str2.count("\\>")
        if count1 != count2:
            raise FilterFailure(f"English has {count1} \\> separators, translation has {count2}")
        dangling = DANGLING_SEPARATOR.search(str2)
        if dangling and not DANGLING_SEPARATOR.search(str1):
            raise FilterFailure(
                f"\\> separator no longer stands between two items: {dangling.group(0).strip()!r}")
        return True

    @functional
    def html(self, str1: str, str2: str) -> bool:
        """Checks for raw HTML or link URLs that the site's HTML policy shows as text."""
        shown = disallowed_html(str1) + disallowed_html(str2)
        if shown:
            raise FilterFailure(f"shown as text on the site, not as HTML: {', '.join(shown)}")
        return True

    @cosmetic
    def bold(self, str1: str, str2: str) -> bool:
        """Checks that bold spans (``**…**``) are kept."""
        if not _mentions(("**", "__"), str1, str2):
            return True
        _compare_counts("bold spans", BOLD.findall(_prose(str1)), BOLD.findall(_prose(str2)))
        return True

    @cosmetic
    def italic(self, str1: str, str2: str) -> bool:
        """Checks that italic spans (``*…*``, ``_…_``) are kept."""
        if not _mentions("*_", str1, str2):
            return True
        source = ITALIC.findall(_mask(_prose(str1), BOLD))
        target = ITALIC.findall(_mask(_prose(str2), BOLD))
        _compare_counts("italic spans", source, target)
        return True

    @cosmetic
    def code(self, str1: str, str2: str) -> bool:
        """Checks that code spans (`` `…` ``) are kept."""
        if not _mentions("`", str1, str2):
            return True
        _compare_counts("code spans", CODE_SPAN.findall(str1), CODE_SPAN.findall(str2))
        return True

    @cosmetic
    def frenchtypography(self, str1: str, str2: str) -> bool:
        """Checks French spacing: a no-break space before ``: ; ? ! »`` and after ``«``."""
        if self.config.targetlanguage != "fr" or not _mentions(":;?!«»", str2):
            return True
        prose = _prose(str2)
        problems = []
        for match in FRENCH_HIGH_PUNCT.finditer(prose):
            if match.group(1):
                if match.group(1) == ":" and re.match(r"\d:\d", prose[match.start() - 1:match.end() + 1]):
                    continue  # a time or ratio, 10:30
                problems.append(f"no space before {match.group(1)!r}")
            elif match.group(2):
                problems.append(f"ordinary space before {match.group(3)!r} (use U+00A0 or U+202F)")
            else:
                problems.append("no no-break space after '«'")
        if problems:
            raise FilterFailure("; ".join(problems))
        return True

    @functional
    def qualifiers(self, str1: str, str2: str) -> bool:
        """Checks that limits keep their meaning: "fewer than 25" must not become "up to 25"."""
        problems = qualifier_drift(str1, str2, self.config.targetlanguage)
        if problems:
            raise FilterFailure("number qualifier changed: " + "; ".join(problems))
        return True

    @cosmetic
    def orphanpunc(self, str1: str, str2: str) -> bool:
        """Checks for a period or comma cut off from its word (`` .`` / `` ,``)."""
        if not ORPHAN_PUNCT.search(str2):  # masking code and links adds none
            return True
        source = ORPHAN_PUNCT.findall(_prose(str1))
        found = ORPHAN_PUNCT.findall(_prose(str2))
        if len(found) > len(source):
            marks = ", ".join(f"' {mark}'" for mark in found)
            raise FilterFailure(f"punctuation separated from the preceding word: {marks}")
        return True


@cache
def _checker(language: str, enabled: tuple[str, ...]) -> SxsChecker:
    """A checker for one target language running the ``enabled`` checks."""
    return SxsChecker(checkerconfig=CheckerConfig(targetlanguage=language), limitfilters=list(enabled))


def check_pair(source: str, target: str, language: str, config: CheckConfig) -> dict[str, str]:
    """Failed checks of one segment: check name mapped to its message."""
    enabled = tuple(sorted(name for name in config.severities if name != ID_PAIRING))
    return dict(_failed_checks(source, target, language, enabled))


# A help centre repeats sentences: about one segment in six is a pair already checked.
@lru_cache(maxsize=65536)
def _failed_checks(source: str, target: str, language: str, enabled: tuple[str, ...]) -> tuple:
    """The (check, message) pairs that one segment fails (cached: checks are pure)."""
    unit = TranslationUnit(source)
    unit.target = target
    return tuple(_checker(language, enabled).run_filters(unit).items())


def check_document(document: Document, diagnostics: list[Diagnostic], config: CheckConfig) -> list[Finding]:
    """Every finding of one parsed TM file, in segment order."""
    language = language_of(document.locale) or "fr"
    by_id = {segment.id: segment for segment in document.segments}
    findings = []
    for diagnostic in diagnostics:
        if diagnostic.code not in PAIRING_CODES:
            continue
        severity = config.severity(ID_PAIRING, diagnostic.severity)
        if severity:
            segment = by_id.get(diagnostic.segment_id)
            findings.append(Finding(severity, ID_PAIRING, diagnostic.path, diagnostic.line,
                                    diagnostic.segment_id, f"{diagnostic.message} ({diagnostic.code})",
                                    segment.source if segment else "", segment.target if segment else ""))
    for segment in document.segments:
        if not segment.source.strip() or not segment.target.strip():
            continue  # reported by ID pairing
        for name, message in check_pair(segment.source, segment.target, language, config).items():
            findings.append(Finding(config.severities[name], name, document.path, segment.line,
                                    segment.id, message, segment.source, segment.target))
    return sorted(findings, key=lambda f: (f.line, f.segment_id, f.check))


def check_text(text: str, path: str, config: CheckConfig) -> tuple[Document, list[Finding]]:
    """Parse one TM file's text and check it."""
    document, diagnostics = parse(text, path)
    return document, check_document(document, diagnostics, config)


def tm_files(tm_dir: Path) -> list[Path]:
    """The TM files under ``tm_dir``, in a stable order."""
    return sorted(tm_dir.rglob("*.md"))


def relative_name(path: Path, tm_dir: Path) -> str:
    """How a TM file is named in reports and exchange files: relative to ``tm_dir``."""
    return path.relative_to(tm_dir).as_posix()
