"""Dependencies point one way: the core never imports the MkDocs layer, and the cache knows its libraries."""

from __future__ import annotations

import ast
import sys
from importlib import metadata

from helpers import ROOT
from sxs.cache import DEPENDENCIES

PACKAGE = ROOT / "tools" / "sxs"
CORE = sorted(PACKAGE.glob("*.py"))


def imports(path) -> list[tuple[int, str]]:
    """(level, module) of every import in ``path``: level 1 for ``from .x``, 0 for absolute."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [(0, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            found += [(node.level, base)] if base else [(node.level, alias.name) for alias in node.names]
    return found


def test_the_core_imports_nothing_from_the_mkdocs_layer():
    offending = {(path.name, module) for path in CORE for level, module in imports(path)
                 if (level == 1 and module.split(".")[0] == "site") or module.startswith("sxs.site")}
    assert offending == set()


def test_the_cache_key_covers_every_library_the_core_runs():
    """cache.DEPENDENCIES names the distribution of every third-party module the core imports."""
    distributions = metadata.packages_distributions()
    third_party = {module.split(".")[0] for path in CORE for level, module in imports(path)
                   if level == 0 and module.split(".")[0] not in sys.stdlib_module_names
                   and module != "__future__"}
    needed = {name for module in third_party for name in distributions[module]}
    assert {name.lower() for name in needed} == {name.lower() for name in DEPENDENCIES}
