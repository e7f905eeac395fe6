"""One search index per language (assemble.write_search_indexes), from the index of every language."""

from __future__ import annotations

import json

from sxs.assemble import SEARCH_INDEX, SEARCH_PIPELINE, Languages, write_search_indexes

# Codes that begin other codes ("pt" and "pt-BR", "fr" and "fr-CA"), a default page named like one.
LANGUAGES = Languages("en", ("en", "pt", "pt-BR", "fr", "fr-CA"))
LOCATIONS = ["", "a/", "fr", "frx/a/", "pt-BR/", "pt/a/#s", "fr-CA/a/", "fr/a/", "pt/", "pt-BR/a/",
             "fr/", "fr-CA/", "pt/b/", "en/a/"]


def test_each_language_gets_its_entries_in_order_relative_to_its_folder(tmp_path):
    docs = [{"location": location, "title": f"t{n}", "text": "x"} for n, location in enumerate(LOCATIONS)]
    stemmers = {lang: [lang.split("-")[0]] for lang in LANGUAGES.built}
    merged = {"config": {"lang": ["en"], "separator": "s"}, "docs": docs}
    write_search_indexes(tmp_path, merged, LANGUAGES, stemmers)
    found = {}
    for lang in LANGUAGES.built:
        index = json.loads((tmp_path / LANGUAGES.prefix(lang) / SEARCH_INDEX).read_text("utf-8"))
        assert index["config"] == {"lang": stemmers[lang], "separator": "s", "pipeline": SEARCH_PIPELINE}
        found[lang] = [(doc["title"], doc["location"]) for doc in index["docs"]]
    assert found == {"en": [("t0", ""), ("t1", "a/"), ("t2", "fr"), ("t3", "frx/a/"), ("t13", "en/a/")],
                     "pt": [("t5", "a/#s"), ("t8", ""), ("t12", "b/")],
                     "pt-BR": [("t4", ""), ("t9", "a/")],
                     "fr": [("t7", "a/"), ("t10", "")],
                     "fr-CA": [("t6", "a/"), ("t11", "")]}
