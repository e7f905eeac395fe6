r"""CommonMark blocks in MkDocs: pages are structured as DocFX (markdig) structures them.

Python-Markdown's block parser is not CommonMark: a list right after a
paragraph line stays paragraph text, content indented 2-3 spaces under a list
item (nested lists, fenced code) falls out of the list, and the numbering
restarts after it. This extension replaces that parser with markdown-it-py's
CommonMark block parser (with GFM tables, as DocFX has them) and builds
Python-Markdown's element tree from its tokens. Everything after the block
structure stays Python-Markdown's: inline Markdown, raw inline HTML (and so
the HTML policy), the DocFX tree processor, ``attr_list``, ``toc`` and
MkDocs' own link handling. Two inline rules are CommonMark's too: a backslash
escapes any ASCII punctuation (``\<app\>``), and a backslash at the end of a
line is a hard line break. Block-level Python-Markdown extensions (their
block processors and preprocessors such as ``fenced_code``) have no effect:
CommonMark decides every block.
"""

from __future__ import annotations

import string
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable

from markdown import Extension
from markdown.blockparser import BlockParser
from markdown.inlinepatterns import SubstituteTagInlineProcessor
from markdown.util import AtomicString, code_escape
from markdown_it import MarkdownIt

# Blocks only: each block's inline text is left to Python-Markdown's inline processor.
BLOCKS = MarkdownIt("commonmark").enable("table").disable("inline")
# Python-Markdown's preprocessors that decide blocks themselves: CommonMark does it here.
BLOCK_PREPROCESSORS = ("html_block", "fenced_code_block")


class CommonMarkExtension(Extension):
    """Registers :class:`CommonMarkParser` as the page's block parser."""

    def extendMarkdown(self, md) -> None:
        for name in BLOCK_PREPROCESSORS:
            if name in md.preprocessors:
                md.preprocessors.deregister(name)
        md.parser = CommonMarkParser(md, md.parser.blockprocessors)
        md.ESCAPED_CHARS = list(string.punctuation)
        # Beside Python-Markdown's hard break, two spaces at the end of a line (its "linebreak", 110).
        md.inlinePatterns.register(SubstituteTagInlineProcessor(r"\\\n", "br"), "sxs_backslash_break", 110)


class CommonMarkParser(BlockParser):
    """Python-Markdown's element tree from markdown-it-py's CommonMark block tokens.

    ``html_block`` turns a raw HTML block into what is stashed for it (the
    HTML policy replaces it; as written by default).
    """

    def __init__(self, md, blockprocessors) -> None:
        super().__init__(md)
        self.blockprocessors = blockprocessors  # kept for extensions that register into them
        self.html_block: Callable[[str], str] = str

    def parseDocument(self, lines: Iterable[str]) -> etree.ElementTree:
        env: dict = {}
        tokens = BLOCKS.parse("\n".join(lines), env)
        self.root = etree.Element(self.md.doc_tag)
        self._build(tokens)
        for label, reference in env.get("references", {}).items():  # [text][label] links
            self.md.references.setdefault(label.lower(), (reference["href"], reference["title"]))
        return etree.ElementTree(self.root)

    def _build(self, tokens) -> None:
        stack = [self.root]
        for token in tokens:
            parent = stack[-1]
            if token.hidden:  # a tight list item's paragraph: its text goes in the item
                continue
            if token.nesting == 1:
                attributes = {key: str(value) for key, value in token.attrs.items()}
                stack.append(etree.SubElement(parent, token.tag, attributes))
            elif token.nesting == -1:
                stack.pop()
            elif token.type == "inline":
                _append_text(parent, token.content)
            elif token.type in ("fence", "code_block"):
                code = etree.SubElement(etree.SubElement(parent, "pre"), "code")
                language = token.info.split(maxsplit=1)[0] if token.info.strip() else ""
                if language:
                    code.set("class", f"language-{language}")
                code.text = AtomicString(code_escape(token.content))
            elif token.type == "html_block":
                block = etree.SubElement(parent, "p")  # Python-Markdown unwraps a block-level one
                block.text = self.md.htmlStash.store(self.html_block(token.content))
            elif token.type == "hr":
                etree.SubElement(parent, "hr")


def _append_text(parent: etree.Element, text: str) -> None:
    """Add inline ``text`` at the end of ``parent`` (after its last child, if any)."""
    if len(parent):
        last = parent[-1]
        last.tail = f"{last.tail}\n{text}" if last.tail else text
    else:
        parent.text = f"{parent.text}\n{text}" if parent.text else text
