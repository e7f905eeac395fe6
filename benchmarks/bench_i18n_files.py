"""Benchmark 5: static-i18n's ``reconfigure_files`` in each language's build, its own File maker against ours.

Every language's build makes a File of every language's file (site/i18n_files.py):
this times that step, in CPU seconds, for each language of the docs folder
that ``sxs split`` makes of a TM folder (the English, French and German
corpus by default), with static-i18n's ``create_i18n_file`` and with
``i18n_files.create_i18n_file``, alternately, ``--repeat`` rounds; the
medians are printed. The two makers' Files are compared as well: the
rows say whether every language's files came out the same.
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


def measure(tm: Path, repeat: int) -> list[tuple[str, ...]]:
    """Rows: per language, the median CPU seconds of ``reconfigure_files`` with each File maker."""
    from mkdocs_static_i18n import suffix
    from sxs.site import i18n_files

    docs = work_folder("i18n-files") / "docs"
    timed([str(VENV_BIN / "sxs"), "split", "--tm", str(tm), "--docs", str(docs)])
    config, i18n, files = loaded(tm, docs)
    makers = {"static-i18n": i18n_files.UPSTREAM, "sxs": i18n_files.create_i18n_file}
    seconds = {(lang, name): [] for lang in i18n.build_languages for name in makers}
    made = {}
    for _ in range(repeat):
        for lang in i18n.build_languages:
            i18n.current_language = lang
            for name, maker in makers.items():
                suffix.create_i18n_file = maker
                start = time.process_time()
                result = i18n.reconfigure_files(files, config)
                seconds[lang, name].append(time.process_time() - start)
                made[lang, name] = [(f.src_uri, f.dest_uri, f.url, _alternates(f))
                                    for f in result]
    rows = []
    for lang in i18n.build_languages:
        same = made[lang, "static-i18n"] == made[lang, "sxs"]
        rows.append((f"build of {lang} ({len(files)} files, {len(i18n.build_languages)} languages)",
                     *(f"{median(seconds[lang, name]):.2f} s" for name in makers), "yes" if same else "NO"))
    return rows


def _alternates(file) -> list[tuple[str, str]]:
    return sorted((lang, alternate.url) for lang, alternate in file.alternates.items())


HEADERS = ("reconfigure_files, CPU time (median)", "static-i18n's maker", "sxs's maker", "same Files")

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tm", type=Path, default=CORPUS_ROOT, help="TM folder (default: ../shared/corpus)")
    parser.add_argument("--repeat", type=int, default=5, help="rounds (default 5)")
    args = parser.parse_args()
    print(table(HEADERS, measure(args.tm, args.repeat)))
