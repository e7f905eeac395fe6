"""Status figures, the CLI's text and JSON, and the site's escaped status page."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from helpers import SEED, segment, tm_file
from sxs.checks import CheckConfig
from sxs.cli import run
from sxs.parse import parse
from sxs.status import Status, ToCheck, by_locale, collect, status_page, status_text, total

DEFAULT = CheckConfig.default()
HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def small_tm(tmp_path: Path) -> Path:
    """The seed (MT) and a human-translated file with one untranslated segment."""
    tm = tmp_path / "tm"
    tm.mkdir()
    (tm / "seed.md").write_bytes(SEED.read_bytes())
    body = (segment("bbbbb-102", "Bonjour.", "Hello.") + " "
            + segment("bbbbb-103", "Sign in to your account.", "Sign in to your account.") + "\n")
    text = tm_file(body, kind="HT").replace("04/22/2020", "05/02/2021")
    (tm / "human.md").write_text(text, encoding="utf-8")
    return tm


def test_figures_per_article_and_total(tmp_path):
    statuses = collect(small_tm(tmp_path), DEFAULT)
    # Seed: 11 MT segments, findings 1 error + 6 warnings (see test_checks).
    # human.md: 2 HT segments, one left in English: an untranslated segment and an "unchanged" warning.
    assert statuses == [
        Status("human.md", 2, 0, 2, 1, 0, 1, "2021-05-02", "fr-FR"),
        Status("seed.md", 11, 11, 0, 0, 1, 6, "2020-04-22", "fr-FR"),
    ]
    assert total(statuses) == Status("total", 13, 11, 2, 1, 1, 7, "2021-05-02", "fr-FR")


def test_figures_per_locale(tmp_path, capsys):
    tm = small_tm(tmp_path)
    body = segment("ddddd-102", "Hallo.", "Hello.") + "\n"
    (tm / "german.md").write_text(tm_file(body, locale="de-DE", kind="HT"), encoding="utf-8")
    statuses = collect(tm, DEFAULT)
    assert by_locale(statuses) == [Status("de-DE", 1, 0, 1, 0, 0, 0, "2020-04-22", "de-DE"),
                                   Status("fr-FR", 13, 11, 2, 1, 1, 7, "2021-05-02", "fr-FR")]
    assert total(statuses) == Status("total", 14, 11, 3, 1, 1, 7, "2021-05-02", "")
    assert run(["status", "--tm", str(tm)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[:2] for line in lines[-3:]] == [["de-DE", "1"], ["fr-FR", "13"], ["total", "14"]]
    assert run(["status", "--tm", str(tm), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["locales"]["de-DE"]["ht"] == 1 and data["locales"]["fr-FR"]["mt"] == 11
    page = status_page([ToCheck.parsed(s.file, parse((tm / s.file).read_text("utf-8"), s.file)[0])
                        for s in statuses], DEFAULT)
    tables = BeautifulSoup(page.split("---\n", 2)[2], "html.parser").select("table")
    assert [[td.get_text() for td in tr.find_all("td")][:3] for tr in tables[0].select("tbody tr")] == [
        ["de-DE", "1", "0"], ["fr-FR", "13", "11"]]


def test_cli_status_text_and_json(tmp_path, capsys):
    tm = small_tm(tmp_path)
    assert run(["status", "--tm", str(tm)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["file", "segments", "MT", "HT", "untranslated", "errors", "warnings",
                                "handoff"]
    assert lines[-1].split() == ["total", "13", "11", "2", "1", "1", "7", "2021-05-02"]
    assert run(["status", "--tm", str(tm), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"]["segments"] == 13 and data["articles"][1]["file"] == "seed.md"
    assert run(["status", "--tm", str(tmp_path / "missing")]) == 2


def test_status_text_aligns_columns():
    text = status_text([Status("a.md", 3, 3, 0, 0, 0, 0, "2020-01-01")])
    assert text.splitlines()[1].split() == ["a.md", "3", "3", "0", "0", "0", "0", "2020-01-01"]


def page_of(documents: list[tuple[str, str]]) -> tuple[dict, BeautifulSoup]:
    """Front matter and parsed body of the status page for (name, TM text) pairs."""
    page = status_page([ToCheck.parsed(name, parse(text, name)[0]) for name, text in documents], DEFAULT)
    _, meta, body = page.split("---\n", 2)
    return yaml.safe_load(meta), BeautifulSoup(body, "html.parser")


def test_status_page_has_table_chart_and_generated_front_matter():
    meta, soup = page_of([("tm/fr-FR/seed.md", SEED.read_text("utf-8"))])
    assert meta["sxs"]["generated"] == "status" and meta["search"] == {"exclude": True}
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in soup.select("table")[-1].select("tbody tr")]
    assert rows == [["tm/fr-FR/seed.md", "11", "11", "0", "0", "1", "6", "2020-04-22"],
                    ["total", "11", "11", "0", "0", "1", "6", "2020-04-22"]]
    bars = {bar["aria-label"]: bar["style"] for bar in soup.select(".sxs-status-bar")}
    assert "width:100.0%" in bars["MT segments: 11"] and "width:0.0%" in bars["HT segments: 0"]
    assert "width:54.5%" in bars["Warnings: 6"]


def test_text_from_tm_files_is_escaped_on_the_status_page():
    hostile = tm_file(segment("ccccc-102", HOSTILE, "Hello."), title=HOSTILE.replace('"', "'"))
    hostile = hostile.replace("ms.lasthandoff: 04/22/2020", f"ms.lasthandoff: '{HOSTILE}'")
    name = f"tm/fr-FR/{HOSTILE}.md"
    _, soup = page_of([(name, hostile)])
    assert soup.find("script") is None and soup.find("img") is None
    assert not any(tag.has_attr("onerror") for tag in soup.find_all(True))
    cells = [td.get_text() for td in soup.select("table")[-1].select("tbody tr")[0].find_all("td")]
    assert cells[0] == name and cells[-1] == HOSTILE


def test_split_leaves_the_status_page_to_its_own_step(tmp_path, capsys):
    tm = tmp_path / "tm" / "fr-FR"
    tm.mkdir(parents=True)
    (tm / "seed.md").write_bytes(SEED.read_bytes())
    docs = tmp_path / "docs"
    assert run(["split", "--tm", str(tm.parent), "--docs", str(docs)]) == 0
    assert not (docs / "status.en.md").exists()
    assert run(["split", "--tm", str(tm.parent), "--docs", str(docs), "--check", "--status"]) == 1
    assert "out of date:" in capsys.readouterr().out
    assert run(["split", "--tm", str(tm.parent), "--docs", str(docs), "--status"]) == 0
    page = BeautifulSoup((docs / "status.en.md").read_text("utf-8"), "html.parser")
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in page.select("tbody tr")]
    assert rows[-1] == ["total", "11", "11", "0", "0", "1", "6", "2020-04-22"]
    # A later split keeps the page (it is not the split's to remove) and still finds nothing to do.
    (tm / "seed.md").write_bytes(SEED.read_bytes().replace(b"abonnement", b"souscription"))
    assert run(["split", "--tm", str(tm.parent), "--docs", str(docs)]) == 0
    assert (docs / "status.en.md").is_file()
    assert run(["split", "--tm", str(tm.parent), "--docs", str(docs), "--check", "--status"]) == 0
