"""For browser tests: a project built and served on 127.0.0.1, and Chromium."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from helpers import mkdocs_build
from playwright.sync_api import Browser, sync_playwright

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
