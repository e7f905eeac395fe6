"""Interface texts of generated pages, per language (data in labels.yml)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml


@cache
def _labels() -> dict[str, dict[str, str]]:
    return yaml.safe_load((Path(__file__).with_name("labels.yml")).read_text("utf-8"))


def label(name: str, lang: str) -> str:
    """The text ``name`` in language ``lang``, English when not translated."""
    texts = _labels()[name]
    return texts.get(lang, texts["en"])
