"""Benchmark 6: the site-wide files of a site of many languages, written at the end of the build.

The sitemap (``assemble.write_sitemap``) lists every page with each of its
translations, so it grows with the pages times the square of the languages:
with 40 locales of 3,000 pages, 123,000 URLs and 5 million links. The search
indexes (``assemble.remove_search_duplicates``, then ``write_search_indexes``)
come from the entries of every language, one index per language. For each
``--languages`` count (English and that many minus one others, ``--pages``
pages each, every page in every language), the entries are made as the plugin
keeps them (one translations mapping per page, ``shared_alternates``; a search
entry per page with the corpus's mean text length), then written, in a process
of its own: the CPU time of each, the peak memory of the process, the files and
their size. Not part of ``make bench``.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import ROOT, VENV_BIN, table, work_folder

TEXT = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 19  # 1,083 characters: the corpus's mean


def one(languages: int, pages: int, site: Path) -> tuple[str, ...]:
    """Write the site-wide files of ``languages`` languages of ``pages`` pages into ``site``: a table row."""
    from sxs.assemble import (
        Languages,
        remove_search_duplicates,
        shared_alternates,
        write_search_indexes,
        write_sitemap,
    )

    codes = ["en", *(f"x{number}" for number in range(1, languages))]
    site_languages = Languages("en", tuple(codes))

    def url(lang: str, page: int) -> str:
        return f"{site_languages.prefix(lang)}alchemyinsights/article-{page}/"

    pool, entries, docs = {}, {}, []
    for lang in codes:  # as a build makes them: its own language first, then the others
        made = [(url(lang, page), {other: url(other, page) for other in [lang, *codes]})
                for page in range(pages)]
        entries[lang] = shared_alternates(made, pool)
        docs += [{"location": url(lang, page), "title": f"{lang} {page}", "text": TEXT}
                 for page in range(pages)]
    start = time.process_time()
    write_sitemap(site, "https://help.example.com/", entries, site_languages)
    sitemap_seconds = time.process_time() - start
    start = time.process_time()
    remove_search_duplicates(docs, tuple(f"{lang}/" for lang in codes[1:]))
    write_search_indexes(site, {"config": {"lang": ["en"]}, "docs": docs}, site_languages,
                         {lang: ["en"] for lang in codes})
    search_seconds = time.process_time() - start
    sitemaps = list(site.glob("sitemap*"))
    indexes = list(site.rglob("search_index.json"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (f"{languages} languages of {pages} pages: {languages * pages} URLs",
            f"{sitemap_seconds:.1f} s", files(sitemaps), f"{search_seconds:.1f} s", files(indexes),
            f"{peak:.0f} MB")


def files(paths: list[Path]) -> str:
    """How many ``paths`` and their size, for the table."""
    return f"{len(paths)} files, {sum(path.stat().st_size for path in paths) / 1e6:.0f} MB"


HEADERS = ("site", "sitemap: CPU time", "sitemap files", "search indexes: CPU time", "search index files",
           "peak memory (process)")

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", type=lambda value: [int(n) for n in value.split(",")],
                        default=[3, 11, 41], help="languages, English included (default 3,11,41)")
    parser.add_argument("--pages", type=int, default=3000, help="pages per language (default 3,000)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a single size, in this process
    args = parser.parse_args()
    if args.one:
        print("\t".join(one(args.one, args.pages, work_folder(f"site-wide-{args.one}"))))
    else:
        rows = [tuple(subprocess.run(
            [str(VENV_BIN / "python"), __file__, "--one", str(count), "--pages", str(args.pages)],
            cwd=ROOT, check=True, capture_output=True, text=True).stdout.rstrip("\n").split("\t"))
            for count in args.languages]
        print(table(HEADERS, rows))
