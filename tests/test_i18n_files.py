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
         "page.", "img.png", "img.fr.png", "a.tar.gz", "sitemap.fr.xml", "fooREADME.md", "README.html",
         "...html"]
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

