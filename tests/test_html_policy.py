"""The HTML policy: allowlisted inline tags stay HTML, everything else is text."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from helpers import convert, segment, tm_file
from jinja2 import Environment
from sxs.checks import CheckConfig, check_text
from sxs.html_rules import allowed_tag, disallowed_html, safe_url
from sxs.site.html_policy import (
    protect_page_meta,
)

PNG = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/"
       "PchI7wAAAABJRU5ErkJggg==")


@pytest.mark.parametrize(("source", "expected"), [
    ("a <script>alert(1)</script> b", "<p>a &lt;script&gt;alert(1)&lt;/script&gt; b</p>"),
    ("<script>alert(1)</script>\n\nnext",
     "<p>&lt;script&gt;alert(1)&lt;/script&gt;\n</p>\n<p>next</p>"),
    ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;\n</p>"),  # a raw HTML block
    ('<a href="javascript:alert(1)">x</a>',
     "<p>&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;</p>"),
    ('x <iframe src="https://example.com"></iframe>',
     "<p>x &lt;iframe src=&quot;https://example.com&quot;&gt;&lt;/iframe&gt;</p>"),
    ("<style>body{display:none}</style>", "<p>&lt;style&gt;body{display:none}&lt;/style&gt;\n</p>"),
    ('<div onclick="alert(1)">hi</div>', "<p>&lt;div onclick=&quot;alert(1)&quot;&gt;hi&lt;/div&gt;\n</p>"),
    ("text <!-- swallows\n\nthe rest", "<p>text &lt;!-- swallows</p>\n<p>the rest</p>"),
    ("a <!-- closed --> b", "<p>a &lt;!-- closed --&gt; b</p>"),
    ("Open <app> then <Your-Tenant>", "<p>Open &lt;app&gt; then &lt;Your-Tenant&gt;</p>"),
    ("<b/onclick=alert(1)>x</b>", "<p>&lt;b/onclick=alert(1)&gt;x&lt;/b&gt;</p>"),
    ('<span data-sxs="a" onmouseover="alert(1)">x</span>',
     "<p>&lt;span data-sxs=&quot;a&quot; onmouseover=&quot;alert(1)&quot;&gt;x&lt;/span&gt;</p>"),
    ("[x](javascript:alert(1))", "<p><span>x</span></p>"),
    ("[x](java&#115;cript:alert(1))", "<p><span>x</span></p>"),
    ("[x](JaVaScRiPt:alert(1))", "<p><span>x</span></p>"),
    ("![x](javascript:alert(1))", "<p><span>x</span></p>"),
    ("![x](data:text/html;base64,PHNjcmlwdD4=)", "<p><span>x</span></p>"),
    ("<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>"),
    ('# Title {: onclick="alert(1)" style="position:fixed" .note #here }',
     '<h1 class="note" id="here">Title</h1>'),
    ('open <a href="https://example.com">hijack\n\nthe next paragraph',
     "<p>open &lt;a href=&quot;https://example.com&quot;&gt;hijack</p>\n<p>the next paragraph</p>"),
    ("bold <b>forever\n\nand ever", "<p>bold &lt;b&gt;forever</p>\n<p>and ever</p>"),
    ("x</b> y", "<p>x&lt;/b&gt; y</p>"),
])
def test_hostile_html_is_shown_as_text(source, expected):
    assert convert(source) == expected


@pytest.mark.parametrize("source", [
    '<span data-sxs="abcde-102">Text <b>bold</b> <em>em</em> <code>c</code> <kbd>Ctrl</kbd></span>',
    'x<sup>2</sup> H<sub>2</sub>O <br> <br/> <BR/> <i>i</i> <strong>s</strong>',
    '<a name="anchor"></a><a href="https://example.com" title="t">web</a>',
    '<a href="ms-settings:privacy">s</a> <a href="feedback-hub:">f</a>',
    '<a href="mailto:a@example.com">m</a> <a href="../other/">rel</a> <a href="#top">top</a>',
    f"<img src='{PNG}' /> <img src=\"media/x.png\" alt=\"x\">",
])
def test_allowed_inline_tags_stay_html_byte_for_byte(source):
    assert convert(source) == f"<p>{source}</p>"


@pytest.mark.parametrize(("source", "expected"), [
    (f"Before\n\n<img src='{PNG}' />\n\nafter", f"<p>Before</p>\n<p><img src='{PNG}' />\n</p>\n<p>after</p>"),
    ("<b>\n\nstill bold?", "<p>&lt;b&gt;\n</p>\n<p>still bold?</p>"),
    ("<br/>\n<script>x</script>", "<p>&lt;br/&gt;\n&lt;script&gt;x&lt;/script&gt;\n</p>"),
    ("<a href=\"https://example.com\">\n<span>x</span></a>",
     '<p><a href="https://example.com">\n<span>x</span></a>\n</p>'),
])
def test_a_raw_html_block_stays_html_only_when_it_holds_balanced_allowed_tags(source, expected):
    """CommonMark reads a line that is only a tag as a raw HTML block (data-URI images in the corpus)."""
    assert convert(source) == expected


def test_docfx_heading_anchor_and_segment_wrapper_keep_working():
    html = convert('# <a name="cancel"></a><span data-sxs="abcde-102">Cancel <app></span>')
    assert html == ('<h1 id="cancel"><a name="cancel"></a>'
                    '<span data-sxs="abcde-102">Cancel &lt;app&gt;</span></h1>')


def test_an_unclosed_tag_in_a_heading_is_escaped_once():
    html = convert("# Title <b>open")
    assert html.endswith(">Title &lt;b&gt;open</h1>") and "&amp;" not in html


def test_segment_text_reads_as_written():
    text = "A&amp;B <app> \\> **bold** [x](ms-settings:y)\u00a0: \u202f! <script>x</script>"
    page = BeautifulSoup(convert(f'<span data-sxs="abcde-102">{text}</span>'), "html.parser")
    assert page.span.get_text() == "A&B <app> > bold x\u00a0: \u202f! <script>x</script>"
    assert page.find("script") is None


def test_markdown_code_is_untouched():
    assert convert("`<script>` and\n\n    <iframe>") == (
        "<p><code>&lt;script&gt;</code> and</p>\n<pre><code>&lt;iframe&gt;\n</code></pre>")


@pytest.mark.parametrize(("url", "image", "safe"), [
    ("https://example.com/a?b#c", False, True),
    ("media/x.png", True, True),
    ("../up", False, True),
    ("#frag", False, True),
    ("ms-settings:privacy", False, True),
    ("feedback-hub:", False, True),
    ("mailto:a@example.com", False, True),
    (PNG, True, True),
    (PNG, False, False),
    ("data:image/svg+xml;base64,PHN2Zz4=", True, False),
    ("javascript:alert(1)", False, False),
    (" javascript:alert(1)", False, False),
    ("jav\tascript:alert(1)", False, False),
    ("jav&#x09;ascript:alert(1)", False, False),
    ("&#106;avascript:alert(1)", False, False),
    ("vbscript:x", False, False),
    ("file:///etc/passwd", False, False),
])
def test_safe_url(url, image, safe):
    assert safe_url(url, image=image) is safe


@pytest.mark.parametrize(("tag", "kept"), [
    ('<span data-sxs="abcde-102">', True),
    ("<span>", True),
    ("</span>", True),
    ('<a name="x">', True),
    ("<BR/>", True),
    ('<span class="x">', False),
    ('<a href="x"onclick="y">', False),
    ("<b\u00a0onclick=alert(1)>", False),
    ("<b\tonclick=alert(1)>", False),
    ('<img src="x.png" onerror="alert(1)">', False),
    ("<SCRIPT>", False),
    ("</br>", False),
    ('<a href=" javascript:x">', False),
])
def test_a_tag_is_allowed_only_when_its_whole_text_fits_the_allowlist(tag, kept):
    assert (allowed_tag(tag) is not None) is kept


def test_disallowed_html_lists_what_the_site_shows_as_text():
    text = ("Use <app> and <b>bold</b> [x](javascript:alert(1)) ![i](media/a.png) <!-- note "
            "<Your-Tenant> <IFRAME src=x> <b onclick=y>")
    assert disallowed_html(text) == ["<!--", "<IFRAME src=x>", "<b onclick=y>", "javascript:alert(1)"]
    assert disallowed_html('<span data-sxs="a">ok</span> [ok](https://example.com)') == []


class _Page:
    def __init__(self, title: str, description: str):
        self.meta = {"title": title, "description": description}

    @property
    def title(self):
        return self.meta["title"]


def test_page_titles_and_descriptions_become_text_in_templates():
    env = Environment()
    hostile = "</title><script>alert(1)</script> {{ 7*7 }} &lt;/title&gt;"
    page = _Page(hostile, '"><img src=x onerror=alert(1)>')
    protect_page_meta(env, [page, page])  # twice: escaped once
    template = env.from_string('<title>{{ page.title | striptags }}</title><h1>{{ page.title }}</h1>'
                               '<meta name="description" content="{{ page.meta.description }}">')
    soup = BeautifulSoup(template.render(page=page), "html.parser")
    assert soup.title.get_text() == hostile
    assert soup.h1.get_text() == hostile
    assert soup.meta["content"] == '"><img src=x onerror=alert(1)>'
    assert soup.find("script") is None and soup.find("img") is None


@pytest.mark.corpus
def test_the_corpus_html_the_articles_need_is_kept(corpus_dir):
    """Real articles use <a name>, <br> and data-URI <img>: all stay HTML."""
    import re
    needed = re.compile(r"<(?:a name|br|BR|img)\b[^<>]*>|</a>")
    tags = {m.group() for path in corpus_dir.rglob("*.md")
            for m in needed.finditer(path.read_text("utf-8"))}
    assert len(tags) > 40
    assert [tag for tag in tags if allowed_tag(tag) is None] == []


def test_sxs_check_reports_html_the_site_shows_as_text():
    text = tm_file(segment("abcde-102", "Ouvrez <app> <script>x</script>", "Open <app> <script>x</script>")
                   + "\n" + segment("abcde-103", "Voir <b>ceci</b>", "See <b>this</b>") + "\n")
    _, findings = check_text(text, "tm/fr-FR/x.md", CheckConfig.default())
    html = [f for f in findings if f.check == "html"]
    assert [(f.severity, f.segment_id, f.line) for f in html] == [("warning", "abcde-102", 7)]
    assert "<script>, </script>" in html[0].message and "<app>" not in html[0].message
