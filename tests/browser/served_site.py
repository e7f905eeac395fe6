"""For browser tests: a project built and served on 127.0.0.1, Chromium, screenshots and search."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from helpers import ROOT, mkdocs_build
from playwright.sync_api import Browser, expect, sync_playwright

ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Debian's Chromium, headless as root, with no background traffic on this closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files; a missing page gets its language's 404 page, like the real host."""

    def log_message(self, format, *args) -> None:
        pass

    def send_error(self, code, message=None, explain=None) -> None:
        site = Path(self.directory)
        page = site / "fr" / "404.html" if self.path.startswith("/fr/") else site / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def built_and_served(project: Path) -> Iterator[str]:
    """Build ``project`` strictly into its ``site/`` and serve it; yields the base URL.

    The build's ``site_url`` is the served address, as a deployment sets it.
    """
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(SiteHandler, directory=str(project / "site")))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    result = mkdocs_build(project, env={"SITE_URL": base})
    assert result.returncode == 0, result.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (``playwright install`` cannot download here)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def shot(page, name: str, *, full_page: bool = True) -> None:
    """Save a screenshot; tooltips need the viewport as is (resizing closes them)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def search(page, query: str) -> list[str]:
    """Search for ``query`` as typed so far; the URLs of the results for exactly that query.

    The field is emptied first (the theme then shows its placeholder), so the
    results read are those of ``query``, not of an earlier prefix.
    """
    field = page.locator("input.md-search__input")
    if not field.is_visible():
        page.keyboard.press("/")  # the theme's shortcut to the search box
    meta = page.locator(".md-search-result__meta")
    placeholder = page.evaluate(
        'JSON.parse(document.getElementById("__config").textContent)'
        '.translations["search.result.placeholder"]')
    field.fill("")
    field.press("End")  # the theme reads the field on key up
    expect(meta).to_have_text(placeholder)
    field.fill(query)
    field.press("End")
    expect(meta).not_to_have_text(placeholder)
    return page.locator("a.md-search-result__link").evaluate_all(
        "links => links.map(link => link.href)")


def serious_violations(page) -> list:
    """axe-core's serious and critical accessibility violations on ``page``: (rule, impact, targets)."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document)")
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]])
            for v in results["violations"] if v["impact"] in ("serious", "critical")]
