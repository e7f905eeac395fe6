"""Broken input: each case has a diagnostic and a defined outcome; nothing is lost.

Fixtures are in ``tests/fixtures/broken``; each is split together with the
seed, which must still be converted. A defect in segments or front matter never
keeps an article off the site: its pages show what stands in for the defect.
Only files that cannot be read as TM files keep their previous pages; writes
are atomic, also when interrupted or when two runs overlap.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import threading
import tracemalloc
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import markdown
import pytest
from helpers import ROOT, SEED, files_of, segment, tm_file
from sxs import fileio
from sxs.exchange import read_units
from sxs.parse import parse
from sxs.split import split

BROKEN = ROOT / "tests" / "fixtures" / "broken"
H1 = '# <a name="t"></a>'

# fixture -> (severity, code, line, segment ID, published?)
OUTCOMES = {
    "not-utf8.md": ("error", "not-utf8", 9, "", False),
    "bom.md": ("warning", "bom", 1, "", True),
    "unpaired.md": ("error", "unpaired-segment", 9, "abcde-103", True),
    "mismatched-id.md": ("error", "unpaired-segment", 9, "abcde-103", True),
    "duplicate-ids.md": ("error", "duplicate-id", 9, "abcde-103", True),
    "empty-target.md": ("error", "empty-segment", 9, "abcde-103", True),
    "empty-source.md": ("error", "empty-segment", 9, "abcde-103", True),
    "stray-span.md": ("warning", "stray-span", 9, "abcde-103", True),
    "nested-span.md": ("warning", "stray-span", 9, "abcde-103", True),
    "front-matter-unterminated.md": ("error", "front-matter-unterminated", 1, "", True),
    "front-matter-not-yaml.md": ("error", "front-matter-yaml", 1, "", True),
    "no-segments.md": ("warning", "no-segments", 1, "", True),
    "binary.md": ("error", "binary-file", 3, "", False),
    "empty.md": ("error", "empty-file", 1, "", False),
}

# What the pages of a published defective fixture show: (English page, French page) snippets.
SHOWN = {
    # An empty side shows the other side's text, marked with its language.
    "empty-source.md": ('<span data-sxs="abcde-103" lang="fr">Traduit.</span>',
                        '<span data-sxs="abcde-103">Traduit.</span>'),
    "empty-target.md": ('<span data-sxs="abcde-103">Not translated.</span>',
                        '<span data-sxs="abcde-103" lang="en">Not translated.</span>'),
    # A target without source: a segment whose source is empty.
    "unpaired.md": ('<span data-sxs="abcde-103" lang="fr">Orphelin.</span>\n\n'
                    '<span data-sxs="abcde-104">Source 104.</span>',
                    '<span data-sxs="abcde-103">Orphelin.</span>\n\n'
                    '<span data-sxs="abcde-104">Cible 104.</span>'),
    # A source span with another ID: paired by position.
    "mismatched-id.md": ('<span data-sxs="abcde-103">Source.</span>',
                         '<span data-sxs="abcde-103">Cible.</span>'),
    # Two segments with one ID: both shown, the second one's ID marked (tooltips pair them right).
    "duplicate-ids.md": ('<span data-sxs="abcde-103">Source 103.</span> '
                         '<span data-sxs="abcde-103~2">Other.</span>',
                         '<span data-sxs="abcde-103">Cible 103.</span> '
                         '<span data-sxs="abcde-103~2">Autre.</span>'),
    "nested-span.md": ('<span data-sxs="abcde-103">see <span>https:</span>//example.com</span>',
                       '<span data-sxs="abcde-103">voir <span>https:</span>//example.com</span>'),
    # A </span> without its <span>: kept as written (the HTML policy shows it as text).
    "stray-span.md": ('<span data-sxs="abcde-103">follow the steps</span> in this article</span>',
                      '<span data-sxs="abcde-103">suivez les étapes</span> de cet article</span>'),
    # Broken front matter: locale from the folder, title from the H1, body without the metadata.
    "front-matter-unterminated.md": ('title: Source 102.\n', 'title: Titre\n'),
    "front-matter-not-yaml.md": ('title: Source 102.\n', 'title: Cible 102.\n'),
}


def tm_with(tmp_path: Path, files: dict[str, bytes]) -> tuple[Path, Path]:
    """A TM folder holding the seed and ``files`` (under fr-FR/); and a docs folder."""
    tm = tmp_path / "tm" / "fr-FR"
    tm.mkdir(parents=True)
    shutil.copy(SEED, tm / SEED.name)
    for name, data in files.items():
        (tm / name).write_bytes(data)
    return tmp_path / "tm", tmp_path / "docs"


def test_every_broken_case_has_a_fixture():
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted([*OUTCOMES, "crlf.md"])


@pytest.mark.parametrize("name", sorted(OUTCOMES))
def test_broken_file_is_reported_and_the_rest_of_the_run_goes_on(tmp_path, name):
    severity, code, line, segment_id, published = OUTCOMES[name]
    tm, docs = tm_with(tmp_path, {name: (BROKEN / name).read_bytes()})
    report = split(tm, docs)
    found = [d for d in report.diagnostics if d.code == code]
    assert found, report.diagnostics
    first = found[0]
    assert (first.severity, first.path, first.line, first.segment_id) == (
        severity, f"tm/fr-FR/{name}", line, segment_id)
    assert str(first).startswith(f"tm/fr-FR/{name}:{line}: {severity}")
    assert ";" in first.message or "," in first.message  # says what is wrong and what to do
    slug = name.removesuffix(".md")
    assert (docs / f"{slug}.fr.md").is_file() == published
    assert (docs / "canceling-your-subscription.fr.md").is_file()
    assert (docs / "canceling-your-subscription.en.md").is_file()


@pytest.mark.parametrize("name", sorted(SHOWN))
def test_a_defective_article_is_published_showing_what_stands_in(tmp_path, name):
    tm, docs = tm_with(tmp_path, {name: (BROKEN / name).read_bytes()})
    split(tm, docs)
    slug = name.removesuffix(".md")
    pages = [(docs / f"{slug}.{lang}.md").read_text("utf-8") for lang in ("en", "fr")]
    for page, shown in zip(pages, SHOWN[name], strict=True):
        assert shown in page
        assert "data-ttu-id" not in page and "data-stu-id" not in page and "sxs-lookup" not in page
        assert "ms.contentlocale" not in page.split("---\n", 2)[2]  # no metadata shown as text


@pytest.mark.parametrize("name", sorted(n for n, o in OUTCOMES.items() if not o[4]))
def test_a_file_that_cannot_be_read_keeps_its_previous_pages(tmp_path, name):
    good = tm_file(H1 + segment("abcde-102", "Bon titre", "Good title") + "\n").encode("utf-8")
    tm, docs = tm_with(tmp_path, {name: good})
    split(tm, docs)
    slug = name.removesuffix(".md")
    before = {p: p.read_bytes() for p in docs.glob(f"{slug}.*.md")}
    assert len(before) == 2
    (tm / "fr-FR" / name).write_bytes((BROKEN / name).read_bytes())
    report = split(tm, docs)
    assert not report.ok
    assert {p: p.read_bytes() for p in docs.glob(f"{slug}.*.md")} == before


@pytest.mark.parametrize("name", sorted({*OUTCOMES, "crlf.md"} - {"not-utf8.md", "binary.md"}))
def test_every_text_fixture_serialises_to_its_exact_bytes(name):
    data = (BROKEN / name).read_bytes()
    document, _ = parse(data.decode("utf-8"), name)
    assert document.serialise().encode("utf-8") == data


def test_bom_is_kept_in_the_tm_file_and_left_out_of_the_pages(tmp_path):
    data = (BROKEN / "bom.md").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    tm, docs = tm_with(tmp_path, {"bom.md": data})
    split(tm, docs)
    assert (tm / "fr-FR" / "bom.md").read_bytes() == data
    for lang, text in (("fr", "Cible 102."), ("en", "Source 102.")):
        page = (docs / f"bom.{lang}.md").read_text("utf-8")
        assert "\ufeff" not in page
        assert f'<span data-sxs="abcde-102">{text}</span>' in page


def test_crlf_file_is_kept_byte_for_byte_and_its_pages_render(tmp_path):
    data = (BROKEN / "crlf.md").read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    tm, docs = tm_with(tmp_path, {"crlf.md": data})
    report = split(tm, docs)
    assert [d for d in report.diagnostics if "crlf" in d.path] == []
    page = (docs / "crlf.en.md").read_bytes().decode("utf-8")
    assert '<span data-sxs="abcde-104">line one\r\nline two</span>' in page
    body = page.split("---\n", 2)[2]
    assert body.count("\r\n") == 5  # every line ending of the TM body, none added
    rendered = markdown.markdown(body)
    assert '<h1><a name="t"></a><span data-sxs="abcde-102">CRLF title</span></h1>' in rendered
    assert "\r" not in rendered  # Markdown normalises line endings for the reader


def big_tm(segments: int) -> str:
    """A TM file of about 10 MB: ``segments`` paragraphs with unique IDs."""
    body = "".join(
        f"Paragraphe {i}\u00a0: "
        + segment(f"{i // 10000:05x}-{i % 10000:04d}", f"Texte « cible » n° {i}. " * 3,
                  f"Source text number {i}. " * 3) + "\n\n"
        for i in range(segments))
    return tm_file(H1 + segment("fffff-101", "Gros", "Big") + "\n\n" + body)


def test_a_10_mb_file_is_converted_whole(tmp_path):
    text = big_tm(40_000)
    assert len(text.encode("utf-8")) > 10_000_000
    tm, docs = tm_with(tmp_path, {"big.md": text.encode("utf-8")})
    report = split(tm, docs)
    assert report.ok, report.diagnostics[:3]
    english = (docs / "big.en.md").read_text("utf-8")
    french = (docs / "big.fr.md").read_text("utf-8")
    assert english.count("<span data-sxs=") == french.count("<span data-sxs=") == 40_001
    assert '<span data-sxs="00003-9999">Source text number 39999. ' in english
    assert '<span data-sxs="00003-9999">Texte « cible » n° 39999. ' in french


def test_parsing_10_mb_stays_within_a_few_times_its_size_in_memory():
    text = big_tm(40_000)
    tracemalloc.start()
    try:
        document, diagnostics = parse(text, "big.md")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(document.segments) == 40_001 and diagnostics == []
    assert peak < 8 * len(text)


@pytest.mark.parametrize(("unit", "segments"), [
    (segment("abcde-102", "a", "<span>never closed") + "\n", 0),  # each source scans for its end
    ('<span data-ttu-id="abcde-102">no source</span>\n', 1),  # each target looks for its source
])
def test_hostile_10_mb_file_of_unclosed_or_unpaired_spans_parses(unit, segments):
    """Quadratic scans made 0.2 MB of these take minutes; 10 MB must parse in one pass."""
    count = 10_000_000 // len(unit)
    text = tm_file(unit * count)
    document, diagnostics = parse(text, "hostile.md")
    assert document.serialise() == text
    assert len(document.segments) == segments * count
    codes = Counter(d.code for d in diagnostics)
    assert codes["unclosed-segment" if segments == 0 else "unpaired-segment"] == count
    assert codes["no-segments"] == (segments == 0)


def test_symlinks_out_of_the_tm_folder_are_not_followed(tmp_path):
    secret = tmp_path / "outside" / "secret.md"
    secret.parent.mkdir()
    secret.write_text(tm_file(H1 + segment("abcde-102", "Secret", "Secret") + "\n"), "utf-8")
    tm, docs = tm_with(tmp_path, {})
    (tm / "fr-FR" / "leak.md").symlink_to(secret)
    (tm / "fr-FR" / "folder").symlink_to(secret.parent, target_is_directory=True)
    report = split(tm, docs)
    assert [(d.code, d.path) for d in report.diagnostics if d.severity == "error"] == [
        ("outside-tm", "tm/fr-FR/leak.md")]
    assert not any("Secret" in p.read_text("utf-8") for p in docs.rglob("*.md"))
    assert (docs / "canceling-your-subscription.en.md").is_file()


def test_a_symlink_inside_the_tm_folder_is_read(tmp_path):
    tm, docs = tm_with(tmp_path, {})
    (tm / "fr-FR" / "alias.md").symlink_to(tm / "fr-FR" / SEED.name)
    report = split(tm, docs)
    assert report.ok and (docs / "alias.en.md").is_file()


def outside_docs(project: Path) -> set[str]:
    """Files of ``project`` that are neither TM files nor pages under docs/."""
    return {p.relative_to(project).as_posix() for p in project.rglob("*")
            if p.is_file() and p.parts[len(project.parts)] not in ("tm", "docs")}


@pytest.mark.parametrize("locale", ["../../../escape", "/abs", "fr/../../x", "fr-FR\\..\\x", ""])
def test_a_locale_cannot_lead_pages_out_of_docs(tmp_path, locale):
    text = tm_file(H1 + segment("abcde-102", "Titre", "Title") + "\n", locale=locale)
    tm, docs = tm_with(tmp_path / "hostile", {"x.md": text.encode("utf-8")})
    report = split(tm, docs)
    assert {d.code for d in report.diagnostics if d.path == "tm/fr-FR/x.md"} & {"bad-locale", "no-locale"}
    assert not list(docs.glob("x.*"))
    tm, docs = tm_with(tmp_path / "plain", {})
    split(tm, docs)
    assert outside_docs(tmp_path / "hostile") == outside_docs(tmp_path / "plain")


@pytest.mark.parametrize("link", ["../../outside.png", "/etc/hostname", "media/../../outside.png",
                                  "media/link-out.png"])
def test_media_links_cannot_publish_files_from_outside_the_tm_folder(tmp_path, link):
    (tmp_path / "outside.png").write_bytes(b"secret")
    body = H1 + segment("abcde-102", "Titre", "Title") + f"\n\n![x]({link})\n"
    tm, docs = tm_with(tmp_path, {"x.md": tm_file(body).encode("utf-8")})
    (tm / "fr-FR" / "media").mkdir()
    (tm / "fr-FR" / "media" / "link-out.png").symlink_to(tmp_path / "outside.png")
    split(tm, docs)
    assert not [p for p in docs.rglob("*") if p.is_file() and p.read_bytes() == b"secret"]


# --- atomic writes ---------------------------------------------------------------------------------

def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.tmp")]


@pytest.mark.parametrize("interruption", [OSError("disk full"), KeyboardInterrupt()])
def test_an_interrupted_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch,
                                                                         interruption):
    target = tmp_path / "page.md"
    target.write_bytes(b"old complete content\n")

    def interrupted(source, destination):
        assert Path(source).read_bytes() == b"new content\n"  # the new text was fully written
        raise interruption

    monkeypatch.setattr(fileio.os, "replace", interrupted)
    with pytest.raises(type(interruption)):
        fileio.write_if_changed(target, "new content\n")
    assert target.read_bytes() == b"old complete content\n"
    assert leftovers(tmp_path) == []


def test_written_files_get_the_permissions_of_a_new_file(tmp_path):
    """Not a temporary file's 0600: a web server running as another user must read the site."""
    umask = os.umask(0o022)
    try:
        fileio.write_if_changed(tmp_path / "new.html", "page\n")
        existing = tmp_path / "existing.html"
        existing.write_text("old\n")
        existing.chmod(0o600)
        fileio.write_if_changed(existing, "new\n")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.html").stat().st_mode & 0o777 == 0o644
    assert existing.stat().st_mode & 0o777 == 0o644
    assert existing.read_text() == "new\n"


def test_an_interrupted_split_leaves_every_page_old_or_new_never_partial(tmp_path, monkeypatch):
    tm, docs = tm_with(tmp_path, {f"a{i}.md": tm_file(
        H1 + segment("abcde-102", f"Titre {i}", f"Title {i}") + "\n").encode("utf-8") for i in range(6)})
    split(tm, docs)
    old = {p: p.read_bytes() for p in docs.rglob("*.md")}
    for i in range(6):
        path = tm / "fr-FR" / f"a{i}.md"
        path.write_text(path.read_text("utf-8").replace("Titre", "Nouveau titre"), "utf-8")
    real_replace, calls = os.replace, []

    def replace_then_fail(source, destination):
        calls.append(destination)
        if len(calls) == 4:
            raise KeyboardInterrupt
        real_replace(source, destination)

    monkeypatch.setattr(fileio.os, "replace", replace_then_fail)
    with pytest.raises(KeyboardInterrupt):
        split(tm, docs)
    monkeypatch.undo()
    reference = tmp_path / "reference"
    split(tm, reference)
    new = {docs / p.relative_to(reference): p.read_bytes() for p in reference.rglob("*.md")}
    changed = [p for p in docs.rglob("*.md") if p.read_bytes() != old[p]]
    assert len(changed) == 3
    assert all(p.read_bytes() in (old[p], new[p]) for p in docs.rglob("*.md"))
    assert leftovers(docs) == []


def run_split(tm: str, docs: str) -> int:
    """Process entry point: one split run; its number of errors."""
    return sum(d.severity == "error" for d in split(Path(tm), Path(docs)).diagnostics)


def test_overlapping_runs_leave_the_output_of_one_whole_run(tmp_path):
    """Two TM versions split at once into one docs folder: never a mix of both."""
    versions = {}
    for version in ("old", "new"):
        tm = tmp_path / version / "fr-FR"
        tm.mkdir(parents=True)
        for i in range(150):
            text = tm_file(H1 + segment("abcde-102", f"Titre {version} {i}", f"Title {version} {i}")
                           + "\n", title=f"Titre {version} {i}")
            (tm / f"{version}-only-{i}.md" if i % 10 == 0 else tm / f"a{i}.md").write_text(text, "utf-8")
        reference = tmp_path / f"reference-{version}"
        split(tm.parent, reference)
        versions[version] = files_of(reference)
    docs = tmp_path / "docs"
    context = multiprocessing.get_context("spawn")
    for _ in range(3):
        with context.Pool(2) as pool:
            runs = [pool.apply_async(run_split, (str(tmp_path / v), str(docs))) for v in ("old", "new")]
            assert [r.get(timeout=120) for r in runs] == [0, 0]
        assert files_of(docs) in (versions["old"], versions["new"])


# --- exchange files: no network ------------------------------------------------------------------

EXCHANGE_ROOTS = {
    "tmx": '<tmx version="1.4"><header srclang="en"/><body><tu tuid="a.md#b"><tuv xml:lang="en">'
           "<seg>x</seg></tuv></tu></body></tmx>",
    "xliff1": '<xliff version="1.2"><file original="a.md" source-language="en"><body>'
              '<trans-unit id="b"><source>x</source></trans-unit></body></file></xliff>',
    "xliff2": '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en">'
              '<file id="f" original="a.md"><unit id="b"><segment><source>x</source></segment></unit>'
              "</file></xliff>",
}


@pytest.mark.parametrize("fmt", sorted(EXCHANGE_ROOTS))
def test_an_exchange_file_naming_an_external_dtd_is_read_without_fetching_it(tmp_path, fmt):
    requests: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY leak "fetched">')

        def log_message(self, format, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        path = tmp_path / f"external.{fmt}"
        path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE x SYSTEM "http://127.0.0.1:'
                        f'{server.server_address[1]}/{fmt}.dtd">\n{EXCHANGE_ROOTS[fmt]}', "utf-8")
        units = read_units(path)
    finally:
        server.shutdown()
        server.server_close()
    assert requests == []
    assert [(u.file, u.id, u.source) for u in units] == [("a.md", "b", "x")]


def test_a_run_removes_the_temporaries_of_a_run_that_was_killed(tmp_path):
    tm, docs = tm_with(tmp_path, {})
    split(tm, docs)
    killed = [docs / ".canceling-your-subscription.en.md.k1ll3d_x.tmp",
              docs / "sections" / ".a.md.abcdefgh.tmp"]
    for path in killed:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"half a pa")
    hand_made = docs / ".notes.tmp"
    hand_made.write_bytes(b"mine")
    split(tm, docs)
    assert [p for p in killed if p.exists()] == []
    assert hand_made.read_bytes() == b"mine"
