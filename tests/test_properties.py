"""Property tests (Hypothesis): generated TM documents lose nothing anywhere.

Segments are made of Markdown, HTML-like text, entities, Unicode (NBSP, narrow
NBSP, LRM, emoji) and whitespace including CRLF. They must serialise back to
their exact text, appear exactly in the page of their language after a split,
and come back unchanged through every exchange format.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from helpers import segment, tm_file
from hypothesis import given, settings
from hypothesis import strategies as st
from sxs.checks import CheckConfig
from sxs.exchange import FORMATS, export, import_units, read_units
from sxs.parse import parse
from sxs.split import split

TOKENS = ["word", "Mot", "**gras**", "*it*", "`code`", "[lien](https://example.com/a_b)",
          "[set](ms-settings:privacy)", "<app>", "<Your-Tenant>", "<b>", "</b>", "<br/>",
          "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "&amp;", "&nbsp;", "&lt;",
          "\\>", "\\*", "\u00a0:", "\u202f!", "\u200e", "😀", "é", "ü", "ß", "中文", " ", "  ",
          "\t", "\r\n", "\n", "{{ x }}", "{% if %}", "<!--", "-->", "#", "> ", "|", "'", '"', "…"]
SKELETON = ["", " ", "  ", "\n", "\n\n", "\r\n", "\r\n\r\n", "  \n", "\n- ", "\n\n1. ", "\n\n## ",
            "\n\n| a | ", " | ", "\n\n> ", "\n\n> [!NOTE]\n> ", " \u00a0", "<br/>", "\n\n<!-- x -->\n\n"]
ENGLISH = segment("abcde-101", "Cet article explique comment faire.",
                  "This article explains how to do it, and what you should know about it.")

texts = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=12).map("".join).filter(str.strip)
pieces = st.lists(st.tuples(st.sampled_from(SKELETON), texts, texts), min_size=1, max_size=8)


def build(parts: list[tuple[str, str, str]]) -> tuple[str, list[tuple[str, str, str]]]:
    """A TM file from (skeleton before, target, source) parts; and its (id, target, source)."""
    segments = [(f"abcde-{102 + i}", target, source) for i, (_, target, source) in enumerate(parts)]
    skeletons = [skeleton for skeleton, _, _ in parts]
    body = ENGLISH + "".join(s + segment(*seg) for s, seg in zip(skeletons, segments, strict=True))
    return tm_file(body + "\n"), segments


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*TOKENS, *SKELETON, '<span data-ttu-id="abcde-102">',
                                 '</span><span class="sxs-lookup"><span data-stu-id="abcde-102">',
                                 "</span></span>", "<span>", "</span>", "---\n", "\ufeff"]),
                max_size=40).map("".join))
def test_any_text_serialises_back_to_itself(text):
    document, _ = parse(text, "any.md")
    assert document.serialise() == text


@settings(max_examples=200, deadline=None)
@given(pieces)
def test_generated_documents_parse_into_their_segments_and_serialise_exactly(parts):
    text, segments = build(parts)
    document, diagnostics = parse(text, "generated.md")
    assert [(s.id, s.target, s.source) for s in document.segments[1:]] == segments
    assert document.serialise() == text
    assert [d for d in diagnostics if d.severity == "error"] == []


@settings(max_examples=100, deadline=None)
@given(pieces)
def test_segment_texts_survive_split_exactly(parts):
    text, segments = build(parts)
    with tempfile.TemporaryDirectory() as folder:
        tm, docs = Path(folder) / "tm", Path(folder) / "docs"
        (tm / "fr-FR").mkdir(parents=True)
        (tm / "fr-FR" / "generated.md").write_bytes(text.encode("utf-8"))
        report = split(tm, docs)
        assert report.ok, report.diagnostics
        english = (docs / "generated.en.md").read_bytes().decode("utf-8")
        french = (docs / "generated.fr.md").read_bytes().decode("utf-8")
    for seg_id, target, source in segments:
        assert f'<span data-sxs="{seg_id}">{source}</span>' in english
        assert f'<span data-sxs="{seg_id}">{target}</span>' in french


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=40, deadline=None)
@given(parts=pieces)
def test_segment_texts_survive_export_and_import_exactly(fmt, parts):
    text, segments = build(parts)
    with tempfile.TemporaryDirectory() as folder:
        tm = Path(folder) / "tm"
        (tm / "fr-FR").mkdir(parents=True)
        path = tm / "fr-FR" / "generated.md"
        path.write_bytes(text.encode("utf-8"))
        out = Path(folder) / f"out.{fmt}"
        export(tm, fmt, out)
        units = read_units(out)
        if fmt != "po":  # PO targets take the English's edge newlines (msgfmt -c); the import restores them
            assert [(u.id, u.target, u.source) for u in units[1:]] == segments
        result = import_units(units, tm, CheckConfig.default(), force=True)
        assert result.refusals == [] and result.changed == {}
        assert path.read_bytes() == text.encode("utf-8")
