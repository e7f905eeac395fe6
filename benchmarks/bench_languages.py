"""Benchmark 4: the site's cost as languages are added, built whole and built one language alone.

For each set of locales (``--locales fr-FR --locales fr-FR,de-DE``: English
plus those), ``make corpus`` from scratch over a TM folder holding exactly
those locales: the wall time and the peak memory of the largest process, and
their ratios to the first set's; the sets are built in turn, ``--repeat``
rounds (6), every other round in reverse order, and the medians compared.
``--alone`` also builds each language of the last set alone
(``SXS_ONLY_LANGUAGE``, as a CI matrix job would) and assembles them
(``sxs assemble``).

A TM folder holding exactly the given locales: with ``--source corpus`` (the
default), one locale is its corpus folder (``../shared/corpus/fr-FR``) and
several are the corpus root when it holds exactly those (the split reads
locales from the files, and does not follow symbolic links to folders);
with ``--source fixture``, the fixture help centre's locale folders, copied;
with ``--source synthetic``, any locales, each a copy of the French corpus
under that locale (its ``ms.contentlocale``; media hard-linked): a site of
many languages of the same size, to see how the cost grows with them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from functools import partial
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import ROOT, VENV_BIN, Run, size_mb, table, timed, work_folder

CORPUS_ROOT = ROOT.parent / "shared" / "corpus"
FIXTURE = ROOT / "tests" / "fixtures" / "helpcentre" / "tm"
TARGETS = {"time": 1.6, "peak": 1.3}  # issue 12: three languages against two
DEFAULT_SETS = [["fr-FR"], ["fr-FR", "de-DE"]]  # English and French, then English, French and German
REPEAT = 6  # rounds, even: each set comes first as often (one run's time varies by a third here)


def tm_folder(source: str, locales: list[str], work: Path) -> Path:
    """A TM folder holding exactly ``locales``."""
    if source == "fixture":
        folder = work / ("tm-" + "-".join(locales))
        for locale in locales:
            shutil.copytree(FIXTURE / locale, folder / locale)
        return folder
    if source == "synthetic":
        folder = work / ("tm-" + "-".join(locales))
        for locale in locales:
            shutil.copytree(CORPUS_ROOT / "fr-FR", folder / locale, copy_function=partial(_as_locale, locale))
        return folder
    present = sorted(p.name for p in CORPUS_ROOT.iterdir() if p.is_dir())
    if len(locales) == 1 and locales[0] in present:
        return CORPUS_ROOT / locales[0]
    if sorted(locales) == present:
        return CORPUS_ROOT
    sys.exit(f"{CORPUS_ROOT} holds {', '.join(present)}: give one of them, or all")


def _as_locale(locale: str, source: str, target: str) -> None:
    """Copy a French corpus file to ``target`` as ``locale``'s: a TM file with that locale, media linked."""
    if source.endswith(".md"):
        french = Path(source).read_bytes()
        locale_line = f"ms.contentlocale: {locale}".encode()
        Path(target).write_bytes(french.replace(b"ms.contentlocale: fr-FR", locale_line, 1))
    else:
        os.link(source, target)


def build(tm: Path, out: Path, language: str | None = None) -> tuple[Run, float]:
    """``make corpus`` of ``tm`` into ``out`` (one language alone if given): the run and the site's MB."""
    make = ["make", "--no-print-directory", "corpus", f"CORPUS={tm}", f"CORPUS_OUT={out}"]
    run = timed(make, env={"SXS_ONLY_LANGUAGE": language} if language else None, log=out.with_suffix(".log"))
    return run, size_mb(out / "site")


def measure(source: str, sets: list[list[str]], alone: bool, repeat: int = REPEAT) -> list[tuple[str, ...]]:
    """Rows: each set built whole (medians of ``repeat`` rounds), the ratios to the first, then
    (``alone``) the last set's languages.

    The sets are built in turn, round after round, so that a slow spell of the
    machine falls on every set alike, and every other round in reverse order
    (A B, B A, ...), so that a machine slowing down or speeding up over a round
    favours no set; the ratios are those of the medians.
    """
    work = work_folder(f"languages-{source}")
    folders = {tuple(locales): tm_folder(source, locales, work) for locales in sets}
    runs: dict[tuple[str, ...], list[tuple[Run, float]]] = {key: [] for key in folders}
    for round_ in range(repeat):
        for key, tm in list(folders.items())[::-1 if round_ % 2 else 1]:
            runs[key].append(build(tm, work / f"en+{'+'.join(key)}-{round_ + 1}"))
    rows, first = [], None
    for key, measured in runs.items():
        name = "en+" + "+".join(key)
        seconds = median(run.seconds for run, _ in measured)
        peak = median(run.peak_mb for run, _ in measured)
        each = " / ".join(f"{run.seconds:.1f}" for run, _ in measured)
        rows.append((f"{source} {name}, whole build, {measured[0][1]:.0f} MB, median of {each} s",
                     f"{seconds:.1f} s", f"{peak:.0f} MB", "", ""))
        if first is None:
            first = (seconds, peak)
        else:  # issue 12's targets are for one more language than the first set
            targeted = len(key) == len(sets[0]) + 1
            for what, label, ratio in (("time", "time", seconds / first[0]),
                                       ("peak", "peak memory", peak / first[1])):
                target, met = (f"≤ {TARGETS[what]}", _met(ratio <= TARGETS[what])) if targeted else ("", "")
                rows.append((f"{source} {name} / {len(sets[0]) + 1} languages, {label}", f"{ratio:.2f}", "",
                             target, met))
    if alone:
        locales = sets[-1]
        tm = folders[tuple(locales)]
        parts = []
        for language in ["en", *(locale.split("-")[0].lower() for locale in locales)]:
            out = work / f"alone-{language}"
            run, size = build(tm, out, language)
            parts.append(out / "site")
            rows.append((f"{source} {language} alone (of en+{'+'.join(locales)}), {size:.0f} MB",
                         f"{run.seconds:.1f} s", f"{run.peak_mb:.0f} MB", "", ""))
        assembled = work / "assembled"
        run = timed([str(VENV_BIN / "sxs"), "assemble", *map(str, parts), "-d", str(assembled)],
                    log=work / "assemble.log")
        rows.append((f"{source} sxs assemble, {size_mb(assembled):.0f} MB", f"{run.seconds:.1f} s",
                     f"{run.peak_mb:.0f} MB", "", ""))
    return rows


def _met(ok: bool) -> str:
    return "yes" if ok else "NO"


HEADERS = ("benchmark", "measured", "peak memory", "target", "met")

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", choices=("corpus", "fixture", "synthetic"), default="corpus")
    parser.add_argument("--locales", action="append", type=lambda value: value.split(","),
                        help="a set of locales besides English, comma-separated; repeat for each set "
                             "(default: fr-FR, then fr-FR,de-DE)")
    parser.add_argument("--repeat", type=int, default=REPEAT, help=f"rounds of builds (default {REPEAT})")
    parser.add_argument("--alone", action="store_true",
                        help="also build each language of the last set alone, and assemble them")
    args = parser.parse_args()
    print(table(HEADERS, measure(args.source, args.locales or DEFAULT_SETS, args.alone,
                                  args.repeat)))
