"""Benchmark 6: the sitemap of a site of many languages (assemble.write_sitemap), at the end of the build.

Every page lists each of its translations, so a sitemap grows with the pages
times the square of the languages: with 40 locales of 3,000 pages, 123,000
URLs and 5 million links. For each ``--languages`` count (English and that
many minus one others, ``--pages`` pages each, every page in every language),
each language's entries are made as the plugin keeps them (one translations
mapping per page, ``shared_alternates``), then written, in a process of its
own: the CPU time of writing, the peak memory of the process, the files and
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


def one(languages: int, pages: int, site: Path) -> tuple[str, ...]:
    """Write the sitemap of ``languages`` languages of ``pages`` pages into ``site``: a table row."""
    from sxs.assemble import Languages, shared_alternates, write_sitemap

    codes = ["en", *(f"x{number}" for number in range(1, languages))]
    site_languages = Languages("en", tuple(codes))

    def url(lang: str, page: int) -> str:
        return f"{site_languages.prefix(lang)}alchemyinsights/article-{page}/"

    pool, entries = {}, {}
    for lang in codes:  # as a build makes them: its own language first, then the others
        made = [(url(lang, page), {other: url(other, page) for other in [lang, *codes]})
                for page in range(pages)]
        entries[lang] = shared_alternates(made, pool)
    start = time.process_time()
    write_sitemap(site, "https://help.example.com/", entries, site_languages)
    seconds = time.process_time() - start
    files = list(site.iterdir())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (f"{languages} languages of {pages} pages: {languages * pages} URLs, {len(files)} files",
            f"{seconds:.1f} s", f"{peak:.0f} MB", f"{sum(f.stat().st_size for f in files) / 1e6:.0f} MB")


HEADERS = ("write_sitemap", "CPU time", "peak memory (process)", "sitemap files")

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", type=lambda value: [int(n) for n in value.split(",")],
                        default=[3, 11, 41], help="languages, English included (default 3,11,41)")
    parser.add_argument("--pages", type=int, default=3000, help="pages per language (default 3,000)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a single size, in this process
    args = parser.parse_args()
    if args.one:
        print("\t".join(one(args.one, args.pages, work_folder(f"sitemap-{args.one}"))))
    else:
        rows = [tuple(subprocess.run(
            [str(VENV_BIN / "python"), __file__, "--one", str(count), "--pages", str(args.pages)],
            cwd=ROOT, check=True, capture_output=True, text=True).stdout.rstrip("\n").split("\t"))
            for count in args.languages]
        print(table(HEADERS, rows))
