"""The linear removal of duplicated search entries gives static-i18n's result."""

from __future__ import annotations

import copy
import random
from types import SimpleNamespace

from mkdocs_static_i18n.reconfigure import ExtendedPlugin
from sxs.assemble import remove_search_duplicates

PREFIXES = ("en/", "fr/")


def static_i18n(entries: list[dict]) -> list[dict]:
    """static-i18n's own (quadratic) deduplication, on a copy."""
    result = copy.deepcopy(entries)
    ExtendedPlugin.reconfigure_search_duplicates(SimpleNamespace(build_languages=["en", "fr"]), result)
    return result


def ours(entries: list[dict]) -> list[dict]:
    result = copy.deepcopy(entries)
    remove_search_duplicates(result, PREFIXES)
    return result


def entry(location: str, title: str = "T", text: str = "x") -> dict:
    return {"location": location, "title": title, "text": text}


def test_a_fallback_copy_of_a_default_page_is_removed_and_translations_stay():
    entries = [entry(""), entry("status/", "Status", "s"), entry("a/", "Ant", "a"),
               entry("fr/", "Accueil", "y"), entry("fr/status/", "Status", "s"),
               entry("fr/a/", "Fourmi", "f"), entry("fr/a/#x", "Ant", "a")]
    expected = [entries[0], entries[1], entries[2], entries[3], entries[5], entries[6]]
    assert ours(entries) == expected == static_i18n(entries)


def test_random_entries_give_static_i18n_result():
    # Entries as on the site: one per page or anchor, the default language's first (it is built
    # first). (Otherwise static-i18n, which removes from the lists it iterates, skips entries.)
    rng = random.Random(6)
    for _ in range(500):
        locations = [lang + page for lang in ("", "fr/") for page in ("a/", "b/", "a/#h", "b/#h")]
        entries = [entry(location, rng.choice("TU"), rng.choice("xy"))
                   for location in rng.sample(locations, rng.randint(0, len(locations)))]
        entries.sort(key=lambda e: e["location"].startswith("fr/"))
        assert ours(entries) == static_i18n(entries)
