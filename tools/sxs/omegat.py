"""A ready OmegaT project from the TM: what OmegaT 3.6 needs to translate it and give it back.

``sxs export --format omegat`` writes it; OmegaT's ``target/`` folder goes
back through ``sxs import`` (see exchange.py for what an import keeps).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .exchange import (
    Article,
    ExchangeError,
    exported_articles,
    po_store,
    tmx_store,
    translations,
    xliff1_store,
)
from .fileio import write_if_changed

OMEGAT_FLAVOURS = ("po", "xliff")
OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>en</source_lang>
    <target_lang>{locale}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def export_omegat(tm_dir: Path, project: Path, flavour: str = "po") -> Path:
    """Write a ready OmegaT project for the TM folder; return the folder OmegaT translates into.

    One source file per TM file (OmegaT keys alternative translations by
    file and neighbouring segments) and one segment per unit
    (``sentence_seg`` off). ``tm/auto/`` holds a TMX of every English text
    with a single translation, which OmegaT fills as exact matches; English
    with several translations stays out of it, since OmegaT's memory keeps
    one default translation per English text. In the ``po`` flavour every
    msgstr, which OmegaT keeps per entry, carries its own translation; raw
    MT is not ``fuzzy`` there because OmegaT 3.6 drops a fuzzy msgstr (the
    ``translation: MT`` comment says it instead). In the ``xliff`` flavour
    (XLIFF 1.2 whose ``<target>`` holds the English: OmegaT's filter
    translates ``<target>``), English with several translations comes back
    as English and an import keeps the TM's. Where OmegaT propagates one of
    the TM's translations to another segment, an import keeps the TM's.
    """
    if flavour not in OMEGAT_FLAVOURS:
        raise ExchangeError(f"unknown OmegaT flavour {flavour!r}; use one of {', '.join(OMEGAT_FLAVOURS)}")
    articles, locale = exported_articles(tm_dir, "omegat")
    name = locale or "target"
    known = translations(articles)
    single = [Article(a.name, a.path, replace(a.document, segments=[
        s for s in a.document.segments if s.target.strip() and len(known[s.source.strip()]) == 1]))
        for a in articles]
    write_if_changed(project / "omegat.project", OMEGAT_PROJECT.format(locale=locale or "fr-FR"))
    write_if_changed(project / "tm" / "auto" / f"{name}.tmx", bytes(tmx_store(single, locale, tuid=False)))
    for folder in ("target", "glossary", "dictionary", "omegat"):
        (project / folder).mkdir(parents=True, exist_ok=True)
    for article in articles:
        source = project / "source" / article.name
        if flavour == "po":
            write_if_changed(source.with_suffix(".po"), bytes(po_store([article], locale, fuzzy_mt=False)))
        else:
            write_if_changed(source.with_suffix(".xlf"), _english_in_target(article, locale))
    return project / "target"


def _english_in_target(article: Article, locale: str) -> bytes:
    """XLIFF 1.2 whose ``<target>`` holds the English: the text OmegaT's XLIFF filter translates."""
    store = xliff1_store([article], locale)
    for unit in store.units:
        unit.settarget(unit.source, lang=locale)
        unit.xmlelement.find(unit.namespaced("target")).attrib.clear()
        unit.xmlelement.attrib.pop("approved", None)
    return bytes(store)
