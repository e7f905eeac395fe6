"""Shared test fixtures: the shared corpus and a copy of the project to build (helpers.py has the code)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import CORPUS, copy_project, require_corpus


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus (fr-FR); skipped when absent, except under CI where that fails."""
    return require_corpus(CORPUS)


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A fresh copy of the project's site sources to build or serve."""
    return copy_project(tmp_path)
