"""Shared test fixtures: the shared corpus and a copy of the project to build (helpers.py has the code)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import CORPUS, copy_project


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus; skipped when absent, except under CI where that fails."""
    if not CORPUS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the shared corpus is missing at {CORPUS}")
        pytest.skip(f"shared corpus not found at {CORPUS} (README: Requirements)")
    return CORPUS


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A fresh copy of the project's site sources to build or serve."""
    return copy_project(tmp_path)
