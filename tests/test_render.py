"""Rendering one side of a TM document: golden files and segment order."""

from __future__ import annotations

import pytest
from helpers import ROOT, SEED, segment, tm_file
from sxs.parse import parse
from sxs.render import render_body, render_page, title

GOLDEN = ROOT / "tests" / "golden"
TM_PATH = "tm/fr-FR/canceling-your-subscription.md"


def seed_document():
    return parse(SEED.read_bytes().decode("utf-8"), TM_PATH)[0]


@pytest.mark.parametrize(("side", "lang"), [("source", "en"), ("target", "fr")])
def test_seed_pages_match_the_reviewed_golden_files(side, lang):
    expected = (GOLDEN / f"canceling-your-subscription.{lang}.md").read_bytes()
    assert render_page(seed_document(), side, TM_PATH).encode("utf-8") == expected


@pytest.mark.parametrize("side", ["source", "target"])
def test_every_segment_appears_exactly_as_written_in_order(side):
    document = seed_document()
    page = render_page(document, side, TM_PATH)
    position = 0
    for s in document.segments:
        marked = f'<span data-sxs="{s.id}">{s.text(side)}</span>'
        found = page.find(marked, position)
        assert found >= 0, f"{s.id} missing or out of order"
        position = found + len(marked)


def test_skeleton_outside_segments_is_kept_byte_for_byte():
    body = "# <a name=\"t\"></a>" + segment("abcde-102", "Titre", "Title") + "  \n \n\u00a0\u202f<br/>"
    page_body = render_body(parse(tm_file(body))[0], "source", mark=False)
    assert page_body == "# <a name=\"t\"></a>Title  \n \n\u00a0\u202f<br/>"


def test_english_title_comes_from_the_h1_source_and_french_keeps_the_tm_title():
    body = "# <a name=\"x\"></a>" + segment("abcde-102", "Le titre", "The: title") + "\n\ntext\n"
    document = parse(tm_file(body, title="Titre du TM"))[0]
    assert title(document, "source") == "The: title"
    assert title(document, "target") == "Titre du TM"
    assert "title: 'The: title'\n" in render_page(document, "source", "x.md")


def test_segments_inside_fenced_code_are_not_wrapped():
    body = "```\n" + segment("abcde-102", "code fr", "code en") + "\n```\n" + segment("abcde-103", "a", "b")
    text = render_body(parse(tm_file(body))[0], "source")
    assert "```\ncode en\n```" in text
    assert '<span data-sxs="abcde-103">b</span>' in text


def test_a_backslash_ending_a_segment_goes_after_its_tag():
    """Inside the tag it would escape the ``<`` of ``</span>`` (CommonMark escapes any punctuation)."""
    body = (segment("abcde-102", "Fin\\", "End\\") + "\n"
            + segment("abcde-103", "deux \\\\", "two \\\\") + "\n")
    text = render_body(parse(tm_file(body))[0], "source")
    assert text == '<span data-sxs="abcde-102">End</span>\\\n<span data-sxs="abcde-103">two \\\\</span>\n'
