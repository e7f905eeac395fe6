"""The TM model: exact round trips, segment pairing and diagnostics."""

from __future__ import annotations

from dataclasses import replace

from helpers import ROOT, SEED, assert_paired, segment, tm_file
from sxs.parse import parse


def read(path) -> str:
    return path.read_bytes().decode("utf-8")


def test_seed_serialises_to_its_exact_bytes():
    text = read(SEED)
    document, diagnostics = parse(text, "seed")
    assert document.serialise().encode("utf-8") == SEED.read_bytes()
    assert diagnostics == []


def test_every_project_tm_file_has_both_languages_for_every_id():
    files = sorted((ROOT / "tm").rglob("*.md"))
    assert files, "no TM files in tm/"
    for path in files:
        assert_paired(read(path), str(path))


def test_seed_segments_and_positions():
    document, _ = parse(read(SEED), "seed")
    assert [s.id for s in document.segments] == [f"d86e2-{n}" for n in range(102, 113)]
    first = document.segments[0]
    assert (first.source, first.line) == ("Canceling your subscription?", 22)
    assert document.segments[5].source.startswith("Go to the **Billing** \\> [Products & services](")
    assert document.locale == "fr-FR"
    assert (document.translation_type, document.handoff) == ("MT", "2020-04-22")


def test_segment_text_is_kept_exactly_as_written():
    tricky = "A&amp;B <app> \\> **bold** [x](ms-settings:y)\u00a0: \u202f!"
    text = tm_file(segment("abcde-102", tricky, tricky + " en") + "  \n")
    document, _ = parse(text)
    assert document.segments[0].target == tricky
    assert document.segments[0].source == tricky + " en"
    assert document.serialise() == text


def test_multiline_segment_and_crlf_round_trip():
    text = tm_file(segment("abcde-102", "un\ndeux", "one\ntwo")).replace("\n", "\r\n")
    document, _ = parse(text)
    assert document.segments[0].source == "one\r\ntwo"
    assert document.serialise() == text


def test_stray_and_nested_spans_keep_all_text():
    nested = "see <span>https:</span>//example"
    stray = "follow the steps</span> in this article"
    text = tm_file(segment("abcde-102", nested, nested) + "\n" + segment("abcde-103", stray, stray))
    document, diagnostics = parse(text, "odd.md")
    assert [s.source for s in document.segments] == [nested, stray]
    assert document.serialise() == text
    assert {(d.code, d.segment_id) for d in diagnostics} == {
        ("stray-span", "abcde-102"), ("stray-span", "abcde-103")}


def test_unpaired_target_is_an_error_naming_line_and_id_and_a_segment_without_source():
    body = "intro\n\n" + '<span data-ttu-id="abcde-102">seul</span>\n' + segment("abcde-103", "b", "b")
    text = tm_file(body)
    document, diagnostics = parse(text, "bad.md")
    assert [(s.id, s.target, s.source) for s in document.segments] == [
        ("abcde-102", "seul", ""), ("abcde-103", "b", "b")]
    assert document.serialise() == text
    (error,) = [d for d in diagnostics if d.severity == "error"]
    assert (error.code, error.path, error.line, error.segment_id) == (
        "unpaired-segment", "bad.md", 9, "abcde-102")
    assert str(error).startswith("bad.md:9: error [abcde-102]:")


def test_a_source_without_target_and_a_pair_with_two_ids_are_segments_kept_as_written():
    lone = '<span class="sxs-lookup"><span data-stu-id="abcde-102">alone</span></span>'
    mismatched = ('<span data-ttu-id="abcde-103">cible</span><span class="sxs-lookup">'
                  '<span data-stu-id="abcde-999">source</span></span>')
    text = tm_file(f"{lone} {mismatched}\n")
    document, diagnostics = parse(text, "bad.md")
    assert [(s.id, s.target, s.source) for s in document.segments] == [
        ("abcde-102", "", "alone"), ("abcde-103", "cible", "source")]
    assert document.serialise() == text
    assert [(d.code, d.segment_id) for d in diagnostics] == [
        ("unpaired-segment", "abcde-102"), ("unpaired-segment", "abcde-103")]
    assert "abcde-999" in diagnostics[1].message
    repaired = document.with_targets({"abcde-102": "seule"}).serialise()
    assert parse(repaired, "bad.md")[0].segments[0] == replace(
        document.segments[0], target="seule", raw="")


def test_duplicate_ids_and_empty_sides_are_errors():
    text = tm_file(segment("abcde-102", "a", "a") + segment("abcde-102", "", "b"))
    _, diagnostics = parse(text, "dup.md")
    codes = sorted(d.code for d in diagnostics if d.severity == "error")
    assert codes == ["duplicate-id", "empty-segment"]


def test_front_matter_problems_are_reported():
    _, diagnostics = parse("---\ntitle: [unclosed\n---\nbody\n", "fm.md")
    assert "front-matter-yaml" in {d.code for d in diagnostics}
    _, diagnostics = parse("---\ntitle: x\nbody without end\n", "fm.md")
    assert "front-matter-unterminated" in {d.code for d in diagnostics}
