"""Benchmark 5: static-i18n's ``reconfigure_files`` in each language's build, its own Files against ours.

static-i18n's build of each language makes a File of every language's file,
and finds each page's alternates (site/i18n_files.py): this times that step,
in CPU seconds, with static-i18n's ``reconfigure_files``, ``create_i18n_file``
and ``reconfigure_files_alternates`` and with their equivalents in
i18n_files.py, alternately, ``--repeat``
rounds; the medians are printed. sxs's is timed twice: as the first build of
a process, and after another language's build in the same process, which
made the alternates it needs. By default for each language of the docs
folder that ``sxs split`` makes of a TM folder (the English, French and German
corpus); with ``--synthetic 5,10,20``, for the first and last language of
sites of that many languages (``--pages`` pages in each, plain static-i18n),
where static-i18n's alternates grow with the square of the languages. The
Files and alternates are compared as well: the rows say whether they came
out the same.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import ROOT, VENV_BIN, table, timed, work_folder

CORPUS_ROOT = ROOT.parent / "shared" / "corpus"


def loaded(tm: Path, docs: Path):
    """This project's MkDocs configuration for ``docs`` (split from ``tm``), its static-i18n and files."""
    os.environ.update(SXS_TM=str(tm), SXS_DOCS=str(docs), NO_MKDOCS_2_WARNING="1")
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(ROOT / "mkdocs.yml"))
    config = config.plugins.on_config(config)  # the split's languages into static-i18n's config
    return config, config.plugins["i18n"], get_files(config)


def measure(config, i18n, files, languages: list[str], repeat: int, name: str) -> list[tuple[str, ...]]:
    """Rows: per language of ``languages``, the median CPU seconds of ``reconfigure_files`` each way."""
    from mkdocs_static_i18n import suffix
    from sxs.site import i18n_files

    def upstream():
        suffix.create_i18n_file = i18n_files.UPSTREAM
        vars(i18n).pop("reconfigure_files", None)
        vars(i18n).pop("reconfigure_files_alternates", None)

    def first_build(lang: str) -> None:  # the first build in a process: no alternate made yet
        i18n_files.install(i18n)
        i18n_files.forget_made(i18n)

    def later_build(lang: str) -> None:  # after another language's build (not timed) in the same process
        first_build(lang)
        i18n.current_language = next(other for other in reversed(i18n.build_languages) if other != lang)
        i18n.reconfigure_files(files, config)
        i18n.current_language = lang

    ways = {"static-i18n": lambda lang: upstream(), "sxs, first build": first_build,
            "sxs, later build": later_build}
    seconds = {(lang, way): [] for lang in languages for way in ways}
    made = {}
    for _ in range(repeat):
        for lang in languages:
            for way, use in ways.items():
                i18n.current_language = lang
                use(lang)
                start = time.process_time()
                result = i18n.reconfigure_files(files, config)
                seconds[lang, way].append(time.process_time() - start)
                made[lang, way] = [(f.src_uri, f.dest_uri, f.url, _alternates(f)) for f in result]
    rows = []
    for lang in languages:
        same = made[lang, "static-i18n"] == made[lang, "sxs, first build"] == made[lang, "sxs, later build"]
        rows.append((f"{name}: build of {lang} ({len(files)} files, {len(i18n.build_languages)} languages)",
                     *(f"{median(seconds[lang, way]):.2f} s" for way in ways), "yes" if same else "NO"))
    return rows


def corpus(tm: Path, repeat: int) -> list[tuple[str, ...]]:
    """Rows for the docs folder that ``sxs split`` makes of ``tm``, every language's build."""
    docs = work_folder("i18n-files") / "docs"
    timed([str(VENV_BIN / "sxs"), "split", "--tm", str(tm), "--docs", str(docs)])
    config, i18n, files = loaded(tm, docs)
    return measure(config, i18n, files, list(i18n.build_languages), repeat, tm.name)


# Locales for synthetic sites, after English: a help centre's 40.
LOCALES = ["fr", "de", "es", "it", "ja", "pt-BR", "nl", "sv", "da", "fi", "nb", "pl", "cs", "hu", "tr", "ru",
           "ko", "zh-CN", "zh-TW", "ar", "he", "th", "el", "ro", "sk", "sl", "hr", "bg", "uk", "lt", "lv",
           "et", "id", "ms", "vi", "hi", "sr", "ca", "eu", "gl"]


def synthetic(count: int, pages: int, repeat: int) -> list[tuple[str, ...]]:
    """Rows for a site of English and ``count`` other languages, ``pages`` pages in each."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    folder = work_folder(f"i18n-files-{count}")
    languages = ["en", *LOCALES[:count]]
    for page in range(pages):
        for lang in languages:
            path = folder / "docs" / f"s{page % 10}" / f"p{page}.{lang}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("# x\n")
    config = load_config(None, site_name="x", docs_dir=str(folder / "docs"), site_dir=str(folder / "site"),
                         plugins=[{"i18n": {"docs_structure": "suffix", "fallback_to_default": True,
                                            "languages": [{"locale": lang, "name": lang, "build": True,
                                                           "default": lang == "en"} for lang in languages]}}])
    config = config.plugins.on_config(config)
    i18n = config.plugins["i18n"]
    return measure(config, i18n, get_files(config), [languages[0], languages[-1]], repeat,
                   f"synthetic, {pages} pages")


def _alternates(file) -> list[tuple[str, str]]:
    return sorted((lang, alternate.url) for lang, alternate in file.alternates.items())


HEADERS = ("reconfigure_files, CPU time (median)", "static-i18n's", "sxs's, first build in a process",
           "sxs's, after another build", "same Files")

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tm", type=Path, default=CORPUS_ROOT, help="TM folder (default: ../shared/corpus)")
    parser.add_argument("--synthetic", type=lambda value: [int(n) for n in value.split(",")],
                        help="instead, synthetic sites of this many languages besides English (5,10,20)")
    parser.add_argument("--pages", type=int, default=1000, help="pages per language of a synthetic site")
    parser.add_argument("--repeat", type=int, default=5, help="rounds (default 5)")
    args = parser.parse_args()
    if args.synthetic:
        rows = [row for count in args.synthetic for row in synthetic(count, args.pages, args.repeat)]
    else:
        rows = corpus(args.tm, args.repeat)
    print(table(HEADERS, rows))
