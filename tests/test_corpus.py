"""The whole shared corpus (2,922 articles): exact round trips and pairing."""

from __future__ import annotations

import pytest
from sxs.parse import parse
from test_parse import assert_paired

pytestmark = pytest.mark.corpus


def corpus_files(corpus_dir):
    files = sorted(corpus_dir.rglob("*.md"))
    assert len(files) == 2922
    return files


def test_every_corpus_file_serialises_to_its_exact_bytes(corpus_dir):
    mismatched = []
    segments = 0
    for path in corpus_files(corpus_dir):
        data = path.read_bytes()
        document, _ = parse(data.decode("utf-8"), str(path))
        segments += len(document.segments)
        if document.serialise().encode("utf-8") != data:
            mismatched.append(path.name)
    assert mismatched == []
    assert segments == 27220


def test_every_corpus_segment_is_paired(corpus_dir):
    for path in corpus_files(corpus_dir):
        assert_paired(path.read_bytes().decode("utf-8"), str(path))
