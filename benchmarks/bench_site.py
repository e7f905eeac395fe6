"""Benchmark 2: the whole corpus as a bilingual site, ours against two references.

All three are built in one run from the same generated pages (``sxs split``
of the shared corpus):

- naive: mkdocs-material + mkdocs-static-i18n with their defaults and every
  article in one flat navigation;
- floor: the same, with the articles kept out of the navigation (only the home
  and section pages in it), i.e. the cost of building the pages at all;
- ours: ``make corpus`` from scratch (split with the quality checks of the
  status page, then the build with the project's mkdocs.yml and the sxs plugin),
  and ``make corpus`` once more with nothing changed.

``--skip-naive`` leaves out the naive build (minutes and gigabytes).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import CORPUS, ROOT, VENV_BIN, Run, check_corpus, size_mb, table, timed, work_folder

WORK = ROOT / "build" / "bench" / "site"  # made anew by measure() (work_folder)
PAGES = WORK / "pages"
LANGUAGES = [{"locale": "en", "name": "English", "default": True, "build": True},
             {"locale": "fr", "name": "Français", "build": True}]
TARGETS = {"naive ratio": 0.08, "floor ratio": 1.2, "size": 150, "peak": 500}


def reference_config(name: str, nav: list[str]) -> Path:
    """A mkdocs.yml of material + static-i18n defaults over ``PAGES`` with ``nav``."""
    config = {
        "site_name": f"{name} reference",
        "docs_dir": str(PAGES),
        "site_dir": str(WORK / name),
        "theme": {"name": "material"},
        "plugins": ["search", {"i18n": {"docs_structure": "suffix", "languages": LANGUAGES}}],
        "nav": nav,
    }
    path = WORK / f"{name}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def navigations() -> dict[str, list[str]]:
    """The naive (every article) and floor (home and sections) navigations of ``PAGES``."""
    stems = sorted({p.relative_to(PAGES).as_posix().rsplit(".", 2)[0] for p in PAGES.rglob("*.md")})
    sections = [f"{s}.md" for s in stems if s.startswith("sections/")]
    articles = [f"{s}.md" for s in stems if s not in ("index", "status") and not s.startswith("sections/")]
    return {"naive": ["index.md", *sections, *articles], "floor": ["index.md", *sections]}


def measure(skip_naive: bool = False) -> dict[str, tuple[Run, float]]:
    """{build name: (run, output MB)} for floor, ours, ours again and (unless skipped) naive."""
    check_corpus()
    work_folder(WORK.name)
    timed([str(VENV_BIN / "sxs"), "split", "--tm", str(CORPUS), "--docs", str(PAGES)], log=WORK / "split.log")
    navs = navigations()
    results: dict[str, tuple[Run, float]] = {}
    ours = WORK / "ours"
    make = ["make", "--no-print-directory", "corpus", f"CORPUS={CORPUS}", f"CORPUS_OUT={ours}"]
    for name in ("floor", "ours", "ours again", "naive"):
        if name == "naive" and skip_naive:
            continue
        if name.startswith("ours"):
            run = timed(make, log=WORK / f"{name.replace(' ', '-')}.log")
            results[name] = (run, size_mb(ours / "site"))
        else:
            config = reference_config(name, navs[name])
            run = timed([str(VENV_BIN / "mkdocs"), "build", "-f", str(config)], log=WORK / f"{name}.log")
            results[name] = (run, size_mb(WORK / name))
    return results


def rows(results: dict[str, tuple[Run, float]]) -> list[tuple[str, ...]]:
    """Table rows: one per build, then the ratios against the targets."""
    labels = {"naive": "naive reference (flat nav)", "floor": "floor reference (articles out of nav)",
              "ours": "ours, `make corpus` from scratch", "ours again": "ours, `make corpus` unchanged"}
    result = [(f"site: {labels[name]}, {size:.0f} MB output", f"{run.seconds:.1f} s", f"{run.peak_mb:.0f} MB",
               "", "") for name, (run, size) in results.items()]
    ours, size = results["ours"]
    result.append(("site: ours output size", f"{size:.0f} MB", "", f"≤ {TARGETS['size']} MB",
                   _met(size <= TARGETS["size"])))
    result.append(("site: ours peak memory", f"{ours.peak_mb:.0f} MB", "", f"≤ {TARGETS['peak']} MB",
                   _met(ours.peak_mb <= TARGETS["peak"])))
    for reference in ("naive", "floor"):
        if reference in results:
            ratio = ours.seconds / results[reference][0].seconds
            target = TARGETS[f"{reference} ratio"]
            result.append((f"site: ours / {reference} time", f"{ratio:.3f}", "", f"≤ {target}",
                           _met(ratio <= target)))
    return result


def _met(ok: bool) -> str:
    return "yes" if ok else "NO"


HEADERS = ("benchmark", "measured", "peak memory", "target", "met")

if __name__ == "__main__":
    print(table(HEADERS, rows(measure(skip_naive="--skip-naive" in sys.argv[1:]))))
