"""Build a static-i18n site's languages at the same time, in forked processes.

static-i18n builds the default language, then, from that build's post-build
event, each other language, one after the other in the same process: one
core works while the others wait. :meth:`LanguageBuilds.start`, called in
the default build once MkDocs has cleaned the site folder, forks processes
that build the other languages exactly as static-i18n would (its
``building`` state, the same ``config``, no second cleaning) while the
default language is built. When static-i18n's loop comes to a language built
elsewhere, it waits for that process instead and takes back what the build
left for the rest of the default build: the search entries static-i18n
gathers, and what the plugin's ``collect`` kept of that language. The site
is the same, file for file (``tests/test_parallel.py``); a process that
fails fails the build with its message.

Only ``mkdocs build`` and ``gh-deploy`` build in parallel: ``serve``
rebuilds in a server thread, and a fork copies no other thread.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

import mkdocs_static_i18n.plugin as static_i18n
from mkdocs import utils
from mkdocs.commands.build import build
from mkdocs.exceptions import Abort

log = logging.getLogger("mkdocs.plugins.sxs")
Collect = Callable[[str], object]  # what the plugin keeps of one language's build (picklable)
Merge = Callable[[str, object], None]  # gives it back to the plugin of the default build


@dataclass
class _Process:
    """A forked build of some languages: its process ID, pipe and, once done, its results."""

    pid: int
    pipe: int
    languages: list[str]
    results: dict | None = None  # language → (search entries, collected); or {"error": message}


@dataclass
class LanguageBuilds:
    """The other languages' builds of one default-language build."""

    i18n: object  # static-i18n's plugin
    collect: Collect
    merge: Merge
    _processes: dict[str, _Process] = field(default_factory=dict)  # by language

    def start(self, config, languages: list[str], processes: int, dirty: bool) -> None:
        """Fork ``processes`` builds sharing out ``languages``; static-i18n will wait for them."""
        for share in (languages[start::processes] for start in range(processes)):
            read, write = os.pipe()
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                os.close(read)
                self._processes.clear()
                self._build_and_exit(config, share, dirty, write)
            os.close(write)
            log.info("sxs: building %s in a parallel process", ", ".join(share))
            process = _Process(pid, read, share)
            self._processes.update(dict.fromkeys(share, process))
        static_i18n.build = self._build  # what static-i18n's loop calls for each other language

    def stop(self) -> None:
        """Give static-i18n back MkDocs' build; end the processes not waited for (a failed build)."""
        static_i18n.build = build
        for process in {id(p): p for p in self._processes.values()}.values():
            if process.results is None:
                os.kill(process.pid, signal.SIGKILL)
                _wait(process)
        self._processes.clear()

    def _build(self, config, dirty: bool = False) -> None:
        """static-i18n's build of its current language: taken from the process that built it."""
        lang = self.i18n.current_language
        process = self._processes.get(lang)
        if process is None:
            build(config, dirty=dirty)
            return
        if process.results is None:
            process.results = _wait(process)
        if "error" in process.results:
            raise Abort(process.results["error"])
        entries, collected = process.results[lang]
        self.i18n.search_entries.extend(entries)
        self.merge(lang, collected)

    def _build_and_exit(self, config, languages: list[str], dirty: bool, pipe: int) -> None:
        """In a forked process: build ``languages`` as static-i18n does, send the results, exit."""
        try:
            utils.clean_directory = lambda path: path  # the default build cleaned the site folder
            self.i18n.building = True
            results = {}
            for lang in languages:
                self.i18n.current_language = lang
                known = len(self.i18n.search_entries)
                build(config, dirty=dirty)
                results[lang] = (self.i18n.search_entries[known:], self.collect(lang))
        except Abort as error:
            results = {"error": str(error)}
        except BaseException:  # any other failure: its traceback, for the default build to show
            results = {"error": f"building {', '.join(languages)} failed:\n{traceback.format_exc()}"}
        try:
            with os.fdopen(pipe, "wb") as stream:
                pickle.dump(results, stream, protocol=pickle.HIGHEST_PROTOCOL)
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(0)


def _wait(process: _Process) -> dict:
    """Read what a forked build sent and reap it."""
    with os.fdopen(process.pipe, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(process.pid, 0)
    try:
        return pickle.loads(data)
    except Exception:
        return {"error": f"the build of {', '.join(process.languages)} stopped "
                         f"(exit status {os.waitstatus_to_exitcode(status)})"}
