"""MkDocs glue: run ``sxs split`` before each build and while serving.

``mkdocs build`` and every rebuild of ``mkdocs serve`` first bring ``docs/``
up to date with ``tm/``. While serving, a watcher on ``tm/`` runs the split as
soon as a TM file is saved; the split writes only pages whose content changed,
and MkDocs' own watcher on ``docs/`` then rebuilds once (no rebuild loop).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from ..split import split

log = logging.getLogger("mkdocs.plugins.sxs")


class SxsConfig(Config):
    """``plugins: - sxs: {tm_dir: tm, sections: sections.yml}`` (relative to mkdocs.yml)."""

    tm_dir = config_options.Type(str, default="tm")
    sections = config_options.Type(str, default="sections.yml")


class SxsPlugin(BasePlugin[SxsConfig]):
    """Keeps the generated pages in ``docs_dir`` in step with the TM files."""

    def __init__(self) -> None:
        self._observer: Observer | None = None
        self._lock = threading.Lock()

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self._paths = (root / self.config.tm_dir, Path(config.docs_dir), root / self.config.sections)
        report = self._split()
        if not config.nav:  # navigation: home and section pages; articles are listed there
            config.nav = report.nav
        return config

    def on_serve(self, server, config, builder):
        if self._observer is None:
            self._observer = Observer()
            self._observer.schedule(_OnChange(self._split), str(self._paths[0]), recursive=True)
            self._observer.daemon = True
            self._observer.start()
        return server

    def on_shutdown(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer = None

    def _split(self):
        """Run the split; log what it found and wrote; return its report."""
        with self._lock:
            tm_dir, docs_dir, sections = self._paths
            report = split(tm_dir, docs_dir, sections_file=sections)
        for diagnostic in report.diagnostics:
            (log.error if diagnostic.severity == "error" else log.info)(str(diagnostic))
        for path in report.written + report.removed:
            log.info("sxs: updated %s", path)
        return report


class _OnChange(FileSystemEventHandler):
    """Runs a callback when a Markdown file under the watched folder changes."""

    def __init__(self, callback) -> None:
        self.callback = callback

    def on_any_event(self, event) -> None:
        paths = (event.src_path, getattr(event, "dest_path", ""))
        if event.event_type != "opened" and any(str(p).endswith(".md") for p in paths):
            self.callback()
