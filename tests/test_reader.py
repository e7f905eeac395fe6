"""The English sources of translated pages: titles and template, without re-serialising HTML."""

from __future__ import annotations

from sxs.site.reader import annotate_segments, english_sources, under_ids

ENGLISH = (
    '<p><span data-sxs="aaaaa-102">Select <strong>File&nbsp;&gt; Save</strong>'
    ' <span class="x">now</span>.</span><br>\n'
    '<span data-sxs="aaaaa-103">It\'s "done"  <a href="https://example.com/été">here</a></span></p>'
)


def test_english_sources_keep_each_segments_html_as_the_english_page_has_it():
    sources = english_sources(ENGLISH)
    assert sources["aaaaa-102"].html == (
        'Select <strong>File&nbsp;&gt; Save</strong> <span class="x">now</span>.')
    assert sources["aaaaa-103"].html == 'It\'s "done"  <a href="https://example.com/été">here</a>'
    assert sources["aaaaa-102"].text == "Select File\xa0> Save now."


def test_sources_of_another_locales_file_go_under_the_translations_ids():
    sources = english_sources(ENGLISH)
    mapped = under_ids(sources, {"aaaaa-102": "bbbbb-7", "aaaaa-103": "bbbbb-6"})
    assert mapped == {"bbbbb-7": sources["aaaaa-102"], "bbbbb-6": sources["aaaaa-103"]}
    assert under_ids(sources, {"aaaaa-103": "bbbbb-6"}) == {"bbbbb-6": sources["aaaaa-103"]}
    assert under_ids(sources, {}) is sources  # the translation's own file: its own IDs


def test_translated_page_gets_titles_in_place_and_a_template_in_page_order():
    french = ('<h1><span data-sxs="aaaaa-103">C’est fait</span></h1>\n'
              '<p><span data-sxs="aaaaa-102">Choisissez&nbsp;<br />ceci</span>'
              ' <span data-sxs="aaaaa-199">Sans source</span></p>')
    html, template = annotate_segments(french, english_sources(ENGLISH))
    assert html == (
        '<h1><span data-sxs="aaaaa-103" title="It\'s &quot;done&quot;  here">C’est fait</span></h1>\n'
        '<p><span data-sxs="aaaaa-102" title="Select File\xa0&gt; Save now.">'
        'Choisissez&nbsp;<br />ceci</span>'
        ' <span data-sxs="aaaaa-199">Sans source</span></p>')
    assert str(template) == (
        '<template id="sxs-english" lang="en">'
        '<span data-sxs-en="aaaaa-103">It\'s "done"  <a href="https://example.com/été">here</a></span>'
        '<span data-sxs-en="aaaaa-102">Select <strong>File&nbsp;&gt; Save</strong>'
        ' <span class="x">now</span>.</span></template>')
