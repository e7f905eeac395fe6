"""Shared test fixtures: the shared corpus and a copy of the project to build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import CORPUS, ROOT


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus; skipped when absent, except under CI where that fails."""
    if not CORPUS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the shared corpus is missing at {CORPUS}")
        pytest.skip(f"shared corpus not found at {CORPUS} (see README: ../shared/corpus)")
    return CORPUS


def copy_project(target: Path) -> Path:
    """Copy the project's site sources (mkdocs.yml, tm/, overrides/) to ``target``.

    ``docs/`` starts empty: the sxs plugin must generate the pages from ``tm/``.
    """
    (target / "docs").mkdir()
    for name in ("mkdocs.yml", "sections.yml", "tm", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A fresh copy of the project's site sources to build or serve."""
    return copy_project(tmp_path)
