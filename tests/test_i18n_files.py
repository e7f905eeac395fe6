"""The plugin's create_i18n_file gives static-i18n's File, attribute for attribute (site/i18n_files.py).

static-i18n's own function is the reference: every file name shape below, in
folders of every shape, for each language's build and both URL styles.
"""

from __future__ import annotations

import itertools

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from sxs.site import i18n_files

LANGUAGES = ["en", "fr", "pt-BR"]
FOLDERS = ["a", "index", "README", "fr", "b.fr", "index.fr", "README.pt-BR", "x.y", ".h", "..x", "a..b",
           "é t"]
NAMES = ["index.md", "README.md", "index.fr.md", "README.fr.md", "page.md", "page.fr.md", "page.en.md",
         "page.pt-BR.md", "page.de.md", "page.xx_YY.md", "page.xyz.md", "page.FR.md", "a.b.fr.md",
         "a.fr.b.md", "x.fr.md.md", ".hidden.md", ".fr.md", "..md", "x..md", "...md", "p.fr.", "page",
         "page.", "img.png", "img.fr.png", "img.en.png", "a.tar.gz", "sitemap.fr.xml", "fooREADME.md",
         "README.html", "...html"]
NESTED = itertools.product(["a", "b.fr", "..x"], ["index.fr", "c.pt-BR", ".h"],
                           ["page.fr.md", "index.md", "img.fr.png"])
SOURCES = [*NAMES, *(f"{folder}/{name}" for folder, name in itertools.product(FOLDERS, NAMES)),
           *("/".join(parts) for parts in NESTED)]


def made(create, file: File, lang: str, config) -> dict | tuple:
    """What ``create`` makes of ``file`` for the build of ``lang``: its attributes, or what it raised."""
    try:
        made = create(file, lang, "en", LANGUAGES, config)
    except Exception as error:  # the reference's own errors must be the same
        return type(error).__name__, str(error)
    attributes = {name: value for name, value in vars(made).items() if name != "alternates"}
    return {**attributes, "url": made.url, "dest_uri": made.dest_uri, "abs_dest_path": made.abs_dest_path,
            "alternates": {key: value is made for key, value in made.alternates.items()}}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_file_is_made_as_static_i18n_makes_it(directory_urls):
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": "/p/docs", "site_dir": "/p/site",
                      "use_directory_urls": directory_urls})
    different = []
    for source, lang in itertools.product(SOURCES, LANGUAGES):
        file = File(source, "/p/docs", "/p/site", directory_urls)
        expected = made(i18n_files.UPSTREAM, file, lang, config)
        if made(i18n_files.create_i18n_file, file, lang, config) != expected:
            different.append((source, lang))
    assert different == []
    assert len(SOURCES) * len(LANGUAGES) > 1000


def test_a_files_naming_is_static_i18ns_without_making_it():
    """The locale, localization and norm_src_uri that reconfigure_files and reconfigure_alternates
    read from a name are those of static-i18n's File, for every path, ``..`` parts and absolute
    ones (static-i18n's own function decides) included."""
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": "/p/docs", "site_dir": "/p/site"})
    sources = [*SOURCES, "../up.fr.md", "a/../b.pt-BR.md", "/abs/c.fr.md", "/abs/README.md"]
    different = []
    for source in sources:
        file = File(source, "/p/docs", "/p/site", True)
        expected = made(i18n_files.UPSTREAM, file, "en", config)
        if isinstance(expected, dict):
            expected = expected["locale"], expected["localization"], expected["norm_src_uri"]
        try:
            naming = i18n_files._naming(file, "en", LANGUAGES, config)
        except Exception as error:
            naming = (type(error).__name__, str(error))
        if naming != expected:
            different.append(source)
    assert different == []
    namings = {source: i18n_files._naming(File(source, "/p/docs", "/p/site", True), "en", LANGUAGES, config)
               for source in SOURCES}
    assert {"fr", "pt-BR", "en"} <= {locale for locale, _, _ in namings.values()}
    assert namings["a/page.fr.md"] == ("fr", "fr", "a/page.md")


def site_config(docs, site, directory_urls: bool, fallback: bool):
    """A validated MkDocs config of ``docs`` with static-i18n (suffix structure) in LANGUAGES, configured."""
    from mkdocs.config import load_config

    languages = [{"locale": lang, "name": lang, "build": True, "default": lang == "en"} for lang in LANGUAGES]
    config = load_config(None, site_name="x", docs_dir=str(docs), site_dir=str(site),
                         use_directory_urls=directory_urls, plugins=[{"i18n": {
                             "docs_structure": "suffix", "fallback_to_default": fallback,
                             "languages": languages}}])
    return config.plugins.on_config(config)


def alternates_made(i18n, files, config) -> dict:
    """Each language build's Files and their alternates, as the attributes they give pages."""
    def seen(file):
        return tuple(getattr(file, name, None) for name in (
            "src_uri", "abs_src_path", "dest_uri", "abs_dest_path", "url", "name", "locale", "localization",
            "norm_src_uri", "locale_alternate_of"))

    made = {}
    for lang in LANGUAGES:
        i18n.current_language = lang
        made[lang] = [(seen(file), [(key, seen(alternate)) for key, alternate in
                                    getattr(file, "alternates", {}).items()])
                      for file in i18n.reconfigure_files(files, config)]
    return made


@pytest.mark.parametrize(("directory_urls", "fallback"), [(True, True), (False, True), (True, False)])
def test_alternates_are_static_i18ns(tmp_path, monkeypatch, directory_urls, fallback):
    """reconfigure_files and reconfigure_alternates give every build the Files, in the same order, and
    every page the alternates that static-i18n gives."""
    from mkdocs.structure.files import get_files
    from mkdocs_static_i18n import suffix

    monkeypatch.setattr(suffix, "create_i18n_file", i18n_files.UPSTREAM)  # static-i18n's own, first

    # Pages and images in some of the languages, under names of every shape; the fixture's languages
    # are en, fr and pt-BR, and "de" a locale the site does not build.
    for source in SOURCES:
        path = tmp_path / "docs" / source
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# x\n")
    config = site_config(tmp_path / "docs", tmp_path / "site", directory_urls, fallback)
    i18n = config.plugins["i18n"]
    files = get_files(config)
    for outside in ("theme.css", "stray.md"):  # theme files (kept as they are) and a page not in docs
        files.append(File(outside, str(tmp_path / "theme"), str(tmp_path / "site"), directory_urls))
    expected = alternates_made(i18n, files, config)
    i18n_files.install(i18n)
    assert {"reconfigure_files", "reconfigure_files_alternates"} <= set(vars(i18n))  # ours, compared next
    assert alternates_made(i18n, files, config) == expected
    translated = sum(len(alternates) > 1 for build in expected.values() for _, alternates in build)
    assert translated > 50  # pages with alternates in other languages


def test_a_process_makes_each_alternate_once_whatever_the_languages_it_builds(tmp_path):
    """Every build gets its alternates, made in the first build that needs each; forget_made
    starts afresh."""
    from mkdocs.structure.files import get_files

    for source in ("a.md", "a.fr.md", "a.pt-BR.md", "b.md", "b.fr.md", "c.md", "img.png", "img.fr.png"):
        (tmp_path / "docs" / source).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / source).write_text("# x\n")
    config = site_config(tmp_path / "docs", tmp_path / "site", True, True)
    i18n = config.plugins["i18n"]
    files = get_files(config)
    i18n_files.install(i18n)
    made, alternates = [], i18n.reconfigure_files_alternates

    def counted(file, *rest):
        made.append(file.src_uri)
        return i18n_files.create_i18n_file(file, *rest)

    i18n.reconfigure_files_alternates = lambda kept, pages, mkdocs_config, make: alternates(
        kept, pages, mkdocs_config, counted)

    def alternates_made_by_a_build_of_every_language() -> list[str]:
        made.clear()
        for lang in LANGUAGES:
            i18n.current_language = lang
            built = i18n.reconfigure_files(files, config)
            assert {alternate for file in built if file.src_uri.endswith(".md")
                    for alternate in file.alternates} == set(LANGUAGES)
        return sorted(made)

    first = alternates_made_by_a_build_of_every_language()
    assert {"a.md", "a.fr.md", "a.pt-BR.md", "b.md", "b.fr.md", "c.md"} <= set(first)
    assert alternates_made_by_a_build_of_every_language() == []
    i18n_files.forget_made(i18n)
    assert alternates_made_by_a_build_of_every_language() == first
