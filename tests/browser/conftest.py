"""Fixtures of every browser test: one Chromium per module, a fresh page per test."""

from __future__ import annotations

import pytest
from served_site import chromium


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser):
    """A fresh page (new context: empty sessionStorage), 1280x800."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()
