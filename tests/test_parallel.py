"""The other languages built in forked processes (site/parallel.py) give the same site.

Each project is built twice with ``mkdocs build --strict``: as configured
(languages in parallel) and with ``parallel_languages: false`` (static-i18n's
one-after-the-other build); every file of the two sites must be the same bytes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from helpers import copy_project, files_of, make_helpcentre, mkdocs_build
from sxs.site.parallel import balanced

ONE_CORE = (os.cpu_count() or 1) < 2
pytestmark = [pytest.mark.build, pytest.mark.skipif(ONE_CORE, reason="one core: no parallel build")]

PARALLEL_LOG = "in a parallel process"


def build(project: Path, site: Path, *, parallel: bool, verbose: bool = False,
          env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` into ``site``, languages in parallel or not."""
    config = project / "mkdocs.yml"
    if not parallel:
        text = config.read_text("utf-8")
        plugin_line = "      tm_dir: !ENV [SXS_TM, tm]\n"
        assert plugin_line in text
        config = project / "mkdocs-sequential.yml"
        sequential = text.replace(plugin_line, plugin_line + "      parallel_languages: false\n")
        config.write_text(sequential, "utf-8")
    return mkdocs_build(project, "-f", str(config), "-d", str(site), *(["--verbose"] if verbose else []),
                        env=env)


@pytest.mark.parametrize("kind", ["seed", "helpcentre"])
def test_parallel_build_gives_the_same_site_file_for_file(tmp_path, kind):
    project = tmp_path / "project"
    project.mkdir()
    if kind == "seed":
        copy_project(project)
    else:
        make_helpcentre(project)
    parallel = build(project, tmp_path / "parallel", parallel=True)
    assert parallel.returncode == 0, parallel.stderr
    assert PARALLEL_LOG in parallel.stderr
    sequential = build(project, tmp_path / "sequential", parallel=False)
    assert sequential.returncode == 0, sequential.stderr
    assert PARALLEL_LOG not in sequential.stderr

    built, reference = files_of(tmp_path / "parallel"), files_of(tmp_path / "sequential")
    assert sorted(built) == sorted(reference)
    assert [name for name in sorted(built) if built[name] != reference[name]] == []
    assert any(name.startswith("fr/") for name in built)


def test_translated_pages_take_their_english_side_from_the_english_build(tmp_path):
    """Shared through the pipe, not rendered again: only pages whose TM file gives no English page."""
    project = make_helpcentre(tmp_path)
    result = build(project, tmp_path / "site", parallel=True, verbose=True)
    assert result.returncode == 0, result.stderr
    assert PARALLEL_LOG in result.stderr
    rendered_again = sorted(re.findall(r"sxs: (\S+): English side rendered here", result.stderr))
    # docfx-alerts: the English page is the newer German file's; spanish-source: no English page.
    assert rendered_again == ["docfx-alerts.fr.md", "spanish-source.fr.md"]


def test_the_french_404_page_switches_language_to_the_homes_in_a_one_process_build(tmp_path):
    """static-i18n left the English build's last page in the switcher of the next build's 404 page."""
    project = copy_project(tmp_path)
    result = build(project, tmp_path / "site", parallel=False)
    assert result.returncode == 0, result.stderr
    not_found = (tmp_path / "site" / "fr" / "404.html").read_text("utf-8")
    alternates = re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="(\w+)">', not_found)
    assert sorted(alternates) == [("/", "en"), ("/fr/", "fr")]


# A hook logging, after each language's build (once the sxs plugin kept its sitemap entries, -50,
# and before static-i18n builds the other languages, -100) and at the very end (-300), which
# languages' Files static-i18n holds and whether the process holds alternates it made.
HELD_FILES_HOOK = """
import json, os
from mkdocs.plugins import CombinedEvent, event_priority
from sxs.site import i18n_files

def log(event, i18n):
    held = sorted(lang for lang, files in i18n.i18n_files_per_language.items() if files)
    with open(os.environ["HELD_FILES_LOG"], "a", encoding="utf-8") as file:
        file.write(json.dumps([event, i18n.current_language, held, i18n in i18n_files._MADE]) + "\\n")

@event_priority(-60)
def built(config):
    log("built", config.plugins["i18n"])

@event_priority(-300)
def ended(config):
    log("ended", config.plugins["i18n"])

on_post_build = CombinedEvent(built, ended)
"""


@pytest.mark.parametrize("parallel", [False, True])
def test_a_process_building_languages_lets_go_of_what_it_no_longer_needs(tmp_path, parallel):
    """Each built language's Files (its pages, an alternate per language each) are let go: a
    process building 40 languages would otherwise hold them all, and static-i18n's sitemap
    template would go over them all again in each later build. The alternates a process made
    stay for its next builds; the default build's process, whose other languages are built
    elsewhere, lets them go once it has built its own, and every process at the end."""
    project = make_helpcentre(tmp_path)
    (project / "held_files.py").write_text(HELD_FILES_HOOK, "utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nhooks:\n  - held_files.py\n")
    log = tmp_path / "held.jsonl"
    result = build(project, tmp_path / "site", parallel=parallel, env={"HELD_FILES_LOG": str(log)})
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    built = {lang: (files, made) for event, lang, files, made in lines if event == "built"}
    assert len(built) >= 7 and set(built) >= {"en", "fr", "de", "ja", "ar"}
    assert [lang for lang, (files, _) in built.items() if files] == []
    made_kept = {lang for lang, (_, made) in built.items() if made}
    assert made_kept == (set(built) - {"en"} if parallel else set(built))
    assert lines[-1][0] == "ended" and lines[-1][3] is False  # the whole site's end
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text("utf-8")
    assert all(f'hreflang="{lang}"' in sitemap for lang in built)


def test_a_failure_in_a_language_built_in_parallel_fails_the_build(tmp_path):
    project = copy_project(tmp_path)
    # A French-only page with a broken link: a strict-mode warning in the French build only.
    (project / "docs" / "notes.fr.md").write_text("# Notes\n\n[lien](absent.md)\n", "utf-8")
    result = build(project, tmp_path / "site", parallel=True)
    assert PARALLEL_LOG in result.stderr
    assert result.returncode != 0
    assert "absent.md" in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout  # MkDocs prints it there


def test_languages_are_shared_out_by_their_work_among_at_most_the_given_builds():
    assert balanced({"fr": 3000, "de": 2900, "ja": 200, "ar": 150}, 2) == [["fr", "ar"], ["de", "ja"]]
    assert balanced({"fr": 1, "de": 1, "ja": 1}, 8) == [["fr"], ["de"], ["ja"]]
    assert balanced({"fr": 5, "de": 1, "ja": 1, "ar": 1}, 2) == [["fr"], ["de", "ja", "ar"]]


def test_another_locale_s_file_with_the_same_english_takes_it_from_the_english_page(tmp_path):
    """A German file with the French file's English under other IDs: no second English rendering.

    Its IDs run backwards and two are the same (``ID~2`` on pages), so only a
    mapping by position gives each German segment the English the French
    page's same segment shows.
    """
    project = copy_project(tmp_path / "project")
    french = project / "tm" / "fr-FR" / "canceling-your-subscription.md"
    text = french.read_text("utf-8")
    ids = list(dict.fromkeys(re.findall(r'data-ttu-id="([^"]+)"', text)))
    german_ids = [f"de-{len(ids) - n}" for n in range(len(ids))]
    german_ids[2] = german_ids[1]  # a TM defect the pages mark ID~2
    for old, new in zip(ids, german_ids, strict=True):
        text = text.replace(f'-id="{old}"', f'-id="{new}"')
    (project / "tm" / "de-DE").mkdir()
    (project / "tm" / "de-DE" / french.name).write_text(text.replace("fr-FR", "de-DE"), "utf-8")

    results = {mode: build(project, tmp_path / mode, parallel=mode == "parallel", verbose=True)
               for mode in ("parallel", "sequential")}
    for result in results.values():
        assert result.returncode == 0, result.stderr
        assert "English side rendered here" not in result.stderr
    built, reference = files_of(tmp_path / "parallel"), files_of(tmp_path / "sequential")
    assert sorted(built) == sorted(reference)
    assert [name for name in sorted(built) if built[name] != reference[name]] == []

    def english(lang: str) -> tuple[list[str], list[str], list[str]]:
        page = (tmp_path / "parallel" / lang / french.stem / "index.html").read_text("utf-8")
        template = page[page.index('<template id="sxs-english"'):page.index("</template>")]
        shown = re.findall(r'<span data-sxs-en="([^"]+)">', template)
        titles = re.findall(r'<span data-sxs="[^"]+" title="([^"]*)">', page)
        return shown, re.split(r'<span data-sxs-en="[^"]+">', template)[1:], titles

    french_ids, french_html, french_titles = english("fr")
    german_shown, german_html, german_titles = english("de")
    assert french_ids == ids and len(french_html) == len(ids) > 5
    assert german_shown == [german_ids[0], german_ids[1], f"{german_ids[1]}~2", *german_ids[3:]]
    assert german_html == french_html and german_titles == french_titles
