"""``sxs split``: outputs, change-only writes, stale pages, check mode, slugs."""

from __future__ import annotations

import shutil

import pytest
import sxs.plan
import sxs.workers
from helpers import ROOT, SEED, files_of, segment, tm_file
from sxs.cli import run
from sxs.convert import page_bytes
from sxs.plan import EnglishSide
from sxs.slug import slug_of
from sxs.split import lean_report_beside, split

H1 = '# <a name="t"></a>'


def make_tm(tmp_path, files: dict[str, str]):
    tm = tmp_path / "tm"
    for name, text in files.items():
        (tm / name).parent.mkdir(parents=True, exist_ok=True)
        (tm / name).write_bytes(text.encode("utf-8"))
    return tm, tmp_path / "docs"


def article(title_en: str, title_fr: str, locale: str = "fr-FR") -> str:
    return tm_file(H1 + segment("abcde-102", title_fr, title_en) + "\n", title=title_fr, locale=locale)


def test_split_writes_paired_pages_and_home_pages(tmp_path):
    tm, docs = make_tm(tmp_path, {"fr-FR/b.md": article("Bee", "Abeille"),
                                  "fr-FR/a.md": article("Ant", "Fourmi")})
    report = split(tm, docs)
    assert report.ok
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")) == [
        "a.en.md", "a.fr.md", "b.en.md", "b.fr.md", "index.en.md", "index.fr.md", "sections",
        "sections/articles.en.md", "sections/articles.fr.md"]
    home_en = (docs / "index.en.md").read_text("utf-8")
    assert home_en.index("[Ant](a.md)") < home_en.index("[Bee](b.md)")
    home_fr = (docs / "index.fr.md").read_text("utf-8")
    assert home_fr.index("[Abeille](b.md)") < home_fr.index("[Fourmi](a.md)")


def test_second_run_writes_nothing_and_check_passes(tmp_path):
    tm, docs = make_tm(tmp_path, {"fr-FR/a.md": article("Ant", "Fourmi")})
    split(tm, docs)
    stamps = {p: p.stat().st_mtime_ns for p in docs.iterdir()}
    report = split(tm, docs)
    assert report.written == [] and report.removed == []
    assert {p: p.stat().st_mtime_ns for p in docs.iterdir()} == stamps
    assert split(tm, docs, check=True).outdated == []


def test_every_split_keeps_its_report_lean_for_builds_that_do_not_split(tmp_path):
    """The report without its articles, and their languages, in a file of its own (what a
    ``split: false`` build reads), written again by a run that finds nothing changed if it is gone."""
    tm, docs = make_tm(tmp_path, {"fr-FR/a.md": article("Ant", "Fourmi"),
                                  "de-DE/b.md": article("Bee", "Biene", locale="de-DE")})
    assert lean_report_beside(docs) is None
    report = split(tm, docs)
    lean, languages = lean_report_beside(docs)
    assert (lean.articles, lean.nav, lean.english_sides) == ([], report.nav, report.english_sides)
    assert lean.written == [] and report.written  # what a later run returns: it writes nothing
    assert languages == {"tm/fr-FR/a.md": "fr", "tm/de-DE/b.md": "de"}
    (tmp_path / ".sxs-cache" / "docs.report.pickle").unlink()
    assert split(tm, docs).written == []  # nothing changed
    assert lean_report_beside(docs)[1] == languages
    assert split(tm, docs, check=True).ok


def test_check_lists_outdated_pages_and_writes_nothing(tmp_path, capsys):
    tm, docs = make_tm(tmp_path, {"fr-FR/a.md": article("Ant", "Fourmi")})
    split(tm, docs)
    (tm / "fr-FR" / "a.md").write_text(article("Ants", "Fourmis"), "utf-8")
    before = (docs / "a.en.md").read_bytes()
    assert run(["split", "--tm", str(tm), "--docs", str(docs), "--check"]) == 1
    out = capsys.readouterr().out
    assert "out of date:" in out and "a.en.md" in out and "a.fr.md" in out
    assert (docs / "a.en.md").read_bytes() == before


def test_stale_generated_pages_go_and_hand_written_pages_stay(tmp_path):
    tm, docs = make_tm(tmp_path, {"fr-FR/a.md": article("Ant", "Fourmi"),
                                  "fr-FR/b.md": article("Bee", "Abeille")})
    split(tm, docs)
    (docs / "about.en.md").write_text("# About\n\nWritten by hand.\n", "utf-8")
    (tm / "fr-FR" / "b.md").unlink()
    report = split(tm, docs)
    assert sorted(p.name for p in report.removed) == ["b.en.md", "b.fr.md"]
    assert (docs / "about.en.md").read_text("utf-8") == "# About\n\nWritten by hand.\n"


def test_locale_comes_from_front_matter_not_folder(tmp_path):
    tm, docs = make_tm(tmp_path, {"fr-FR/a.md": article("Ant", "Ameise", locale="de-DE")})
    split(tm, docs)
    assert (docs / "a.de.md").is_file() and not (docs / "a.fr.md").exists()
    assert "lang: de" in (docs / "a.de.md").read_text("utf-8")


def test_subfolders_give_slug_paths_and_locale_folders_are_dropped(tmp_path):
    tm, docs = make_tm(tmp_path, {"fr-FR/Dialogues/Ant.md": article("Ant", "Fourmi"),
                                  "fr-FR/ant.md": article("Ant 2", "Fourmi 2"),
                                  "de-DE/ant.md": article("Ant 2", "Ameise", locale="de-DE"),
                                  "fr-FR/index.md": article("Home", "Accueil")})
    report = split(tm, docs)
    assert report.ok
    assert (docs / "dialogues/ant.fr.md").is_file() and (docs / "ant.fr.md").is_file()
    assert (docs / "ant.de.md").is_file()
    assert (docs / "index-article.fr.md").is_file()
    assert "[Fourmi](../dialogues/ant.md)" in (docs / "sections/articles.fr.md").read_text("utf-8")


def test_slug_collision_is_an_error_and_keeps_previous_pages(tmp_path):
    tm, docs = make_tm(tmp_path, {"fr-FR/Ant.md": article("Ant", "Fourmi")})
    split(tm, docs)
    before = (docs / "ant.fr.md").read_bytes()
    (tm / "fr-FR" / "ant .md").write_text(article("Other", "Autre"), "utf-8")
    report = split(tm, docs)
    assert not report.ok
    assert {d.code for d in report.diagnostics} == {"slug-collision"}
    assert (docs / "ant.fr.md").read_bytes() == before
    assert not list(docs.rglob("*.tmp"))  # what the conversions wrote beside it is gone
    fresh = tmp_path / "fresh"  # both files new: each conversion writes its page beside the place
    assert {d.code for d in split(tm, fresh).diagnostics} == {"slug-collision"}
    assert not (fresh / "ant.fr.md").exists() and not list(fresh.rglob("*.tmp"))


def test_an_article_in_several_locales_has_its_translations_rendered_once(tmp_path, monkeypatch):
    """The workers write the translations; only the English page waits for the plan's choice."""
    made = []

    def counted(article, side):
        made.append((article.tm_path, side))
        return page_bytes(article, side)

    monkeypatch.setattr(sxs.plan, "page_bytes", counted)
    tm, docs = make_tm(tmp_path, {"de-DE/a.md": article("Ant", "Ameise", "de-DE"),
                                  "fr-FR/a.md": article("Ant", "Fourmi")})
    report = split(tm, docs)
    assert made == [("tm/fr-FR/a.md", "source")]
    assert "Ameise" in (docs / "a.de.md").read_text("utf-8")
    assert "Fourmi" in (docs / "a.fr.md").read_text("utf-8")
    assert {docs / "a.de.md", docs / "a.fr.md", docs / "a.en.md"} <= set(report.written)
    assert not list(docs.rglob("*.tmp"))
    assert split(tm, docs).written == []


def test_file_with_errors_keeps_its_previous_outputs(tmp_path):
    tm, docs = make_tm(tmp_path, {"fr-FR/a.md": article("Ant", "Fourmi")})
    split(tm, docs)
    before = (docs / "a.fr.md").read_bytes()
    (tm / "fr-FR" / "a.md").write_bytes(b"---\ntitle: \xff\n---\n")
    report = split(tm, docs)
    (error,) = report.diagnostics
    assert (error.code, error.path, error.line) == ("not-utf8", "tm/fr-FR/a.md", 2)
    assert (docs / "a.fr.md").read_bytes() == before


@pytest.mark.parametrize(("name", "slug"), [
    ("canceling-your-subscription.md", "canceling-your-subscription"),
    ("Change-your-password-in-Outlook.com.md", "change-your-password-in-outlook-com"),
    ("cant-access-user data-teams.md", "cant-access-user-data-teams"),
    ("use-microsoft-edge-filter-format-for-url-list\u2013based-policies.md",
     "use-microsoft-edge-filter-format-for-url-list-based-policies"),
    ("zero\u200bwidth.md", "zerowidth"),
    ("Résumé.md", "resume"),
    ("calendar-icon-isn't-showing.md", "calendar-icon-isn-t-showing"),
])
def test_slug_rule(name, slug):
    assert slug_of(name) == slug


def test_committed_docs_are_in_sync_with_tm(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert run(["split", "--check", "--status"]) == 0, capsys.readouterr()


def test_output_is_deterministic(tmp_path):
    tm, _ = make_tm(tmp_path, {})
    shutil.copytree(SEED.parent, tm / "fr-FR")
    split(tm, tmp_path / "one")
    split(tm, tmp_path / "two")
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two") != {}


def test_worker_processes_give_what_one_process_gives(tmp_path, monkeypatch):
    files = {f"fr-FR/{name}.md": article(name.title(), name.upper()) for name in ("ant", "bee", "cat", "dog")}
    files["fr-FR/broken.md"] = "---\ntitle: [\n---\n"
    tm, _ = make_tm(tmp_path, files)
    alone = split(tm, tmp_path / "alone")
    started = []

    class Pool(sxs.workers.ProcessPoolExecutor):
        def __init__(self, workers, **options):
            started.append(workers)
            super().__init__(workers, **options)

    monkeypatch.setattr(sxs.workers, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(sxs.workers, "MINIMUM", 1)  # 5 files, worth a worker each
    monkeypatch.setattr(sxs.workers.os, "cpu_count", lambda: 2)  # two workers on any machine
    shared = split(tm, tmp_path / "shared")
    assert started == [2, 2]  # the conversions, then the pages no conversion wrote (home, sections)
    assert files_of(tmp_path / "shared") == files_of(tmp_path / "alone") != {}
    assert shared.diagnostics == alone.diagnostics
    assert any(d.path.endswith("broken.md") for d in shared.diagnostics)
    assert [(a.slug, a.document.serialise()) for a in shared.articles] == \
        [(a.slug, a.document.serialise()) for a in alone.articles]


def handed_off(text: str, date: str) -> str:
    return text.replace("ms.lasthandoff: 04/22/2020", f"ms.lasthandoff: {date}")


def english_choice(tmp_path, files: dict[str, str]) -> tuple[str, list[str]]:
    """The English page's title segment and the english-differs messages of a split of ``files``."""
    tm, docs = make_tm(tmp_path, files)
    report = split(tm, docs)
    assert report.ok
    messages = [f"{d.path}: {d.message}" for d in report.diagnostics if d.code == "english-differs"]
    return (docs / "a.en.md").read_text("utf-8").split("\n# ")[-1], messages


def test_the_english_page_comes_from_the_newest_handoff_and_the_split_says_so(tmp_path):
    title, messages = english_choice(tmp_path, {
        "de-DE/a.md": handed_off(article("Ant, new", "Ameise", "de-DE"), "05/01/2021"),
        "fr-FR/a.md": article("Ant, old", "Fourmi")})
    assert "Ant, new" in title
    assert messages == ["tm/fr-FR/a.md: English differs from tm/de-DE/a.md's, which gives the English "
                        "page: the newer handoff (2021-05-01 after 2020-04-22)"]


def test_on_the_same_handoff_the_later_locale_code_gives_the_english_page_whatever_the_file_order(tmp_path):
    """Folders named unlike their files' locales: file order and locale order disagree."""
    title, messages = english_choice(tmp_path, {
        "de-DE/a.md": article("Ant, French file", "Fourmi", "fr-FR"),
        "fr-FR/a.md": article("Ant, German file", "Ameise", "de-DE")})
    assert "Ant, French file" in title
    assert messages == ["tm/fr-FR/a.md: English differs from tm/de-DE/a.md's, which gives the English "
                        "page: the same handoff (2020-04-22), and fr-FR comes after de-DE"]


def test_a_file_whose_english_has_a_stand_in_takes_no_other_locale_s_english_page(tmp_path):
    """An empty English source shows the translation instead: French on one page, German on the other."""
    body = H1 + segment("abcde-102", "{}", "Ant") + "\n\n" + segment("abcde-103", "{}", "") + "\n"
    tm, docs = make_tm(tmp_path, {"de-DE/a.md": tm_file(body.format("Ameise", "Nur Deutsch"), locale="de-DE"),
                                  "fr-FR/a.md": tm_file(body.format("Fourmi", "Seulement"))})
    report = split(tm, docs)
    assert "Seulement" in (docs / "a.en.md").read_text("utf-8")  # fr-FR, the later code, gives it
    assert report.english_sides == {"tm/fr-FR/a.md": EnglishSide("tm/fr-FR/a.md", {})}


def test_the_same_english_from_several_locales_is_not_reported(tmp_path):
    title, messages = english_choice(tmp_path, {"de-DE/a.md": article("Ant", "Ameise", "de-DE"),
                                                "fr-FR/a.md": article("Ant", "Fourmi")})
    assert "Ant" in title and messages == []
