"""Site languages: which languages mkdocs.yml declares, and which are missing.

A TM folder of a new locale needs exactly one entry under
``plugins: - i18n: languages:`` in mkdocs.yml; ``sxs split --check`` and the
MkDocs build both say when it is missing.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..diagnostics import ERROR, Diagnostic


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, turning tags such as ``!ENV`` into plain values."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def declared_languages(mkdocs_yml: Path) -> set[str]:
    """The locales listed under the i18n plugin of ``mkdocs_yml``."""
    config = yaml.load(mkdocs_yml.read_text("utf-8"), Loader=_TolerantLoader) or {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return {str(lang.get("locale")) for lang in plugin["i18n"].get("languages") or []}
    return set()


def missing_languages(needed: set[str], declared: set[str], where: str) -> list[Diagnostic]:
    """An error for each needed site language that mkdocs.yml does not declare."""
    return [
        Diagnostic(ERROR, "language-missing", where, 1,
                   f"TM files target language '{lang}' but mkdocs.yml has no entry for it; add "
                   f"'- locale: {lang}' with 'name: ...' under plugins: i18n: languages:")
        for lang in sorted(needed - declared)
    ]
