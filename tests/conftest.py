"""Shared test fixtures: the shared corpus and a copy of the project to build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import CORPUS, ROOT


def require_corpus(path: Path) -> Path:
    """A shared corpus folder; the test is skipped when it is absent, except under CI where that fails."""
    if not path.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the shared corpus is missing at {path}")
        pytest.skip(f"shared corpus not found at {path} (see README: ../shared/corpus)")
    return path


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus (fr-FR); skipped when absent, except under CI where that fails."""
    return require_corpus(CORPUS)


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
