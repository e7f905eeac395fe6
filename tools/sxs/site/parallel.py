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

While it reads its pages, the default build can :meth:`~LanguageBuilds.share`
what another language's build will need of them (the plugin shares each
English page's segment sources with the build of its translation, which
would otherwise render the English side again); that build waits for it with
:meth:`~LanguageBuilds.shared`.

Only ``mkdocs build`` and ``gh-deploy`` build in parallel: ``serve``
rebuilds in a server thread, and a fork copies no other thread.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing import Pipe
from multiprocessing.connection import Connection

import mkdocs_static_i18n.plugin as static_i18n
from mkdocs import utils
from mkdocs.commands.build import build
from mkdocs.exceptions import Abort

log = logging.getLogger("mkdocs.plugins.sxs")
Collect = Callable[[str], object]  # what the plugin keeps of one language's build (picklable)
Merge = Callable[[str, object], None]  # gives it back to the plugin of the default build


@dataclass
class _Process:
    """A forked build of some languages: its ID, its connections and, once done, its results."""

    pid: int
    results: Connection  # the process sends its results there when it is done
    feed: Connection | None  # what the default build shares with it; None once closed
    languages: list[str]
    done: dict | None = None  # language → (search entries, collected); or {"error": message}


@dataclass
class LanguageBuilds:
    """The other languages' builds of one default-language build."""

    i18n: object  # static-i18n's plugin
    collect: Collect
    merge: Merge
    _processes: dict[str, _Process] = field(default_factory=dict)  # by language
    _received: _Received | None = None  # in a forked build: what the default build shared

    def start(self, config, shares: list[list[str]], dirty: bool) -> None:
        """Fork one build per share of the languages (:func:`balanced`); static-i18n will wait for them."""
        for share in shares:
            results_in, results_out = Pipe(duplex=False)
            feed_in, feed_out = Pipe(duplex=False)
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                # The default build's ends of every pipe: an open sending end would keep a feed from ending.
                earlier = [c for p in self._processes.values() for c in (p.results, p.feed) if c is not None]
                for connection in [results_in, feed_out, *earlier]:
                    connection.close()
                self._processes.clear()
                self._received = _Received(feed_in)
                self._build_and_exit(config, share, dirty, results_out)
            results_out.close()
            feed_in.close()
            log.info("sxs: building %s in a parallel process", ", ".join(share))
            self._processes.update(dict.fromkeys(share, _Process(pid, results_in, feed_out, share)))
        static_i18n.build = self._build  # what static-i18n's loop calls for each other language

    def share(self, lang: str, key: str, value: object) -> None:
        """Send ``value`` to the build of ``lang``, which may wait for ``key`` (:meth:`shared`)."""
        process = self._processes.get(lang)
        if process is not None and process.feed is not None:
            try:
                process.feed.send((key, value))
            except OSError:  # the process has ended (it failed): its results will say why
                self._close_feed(process)

    def end_sharing(self) -> None:
        """Nothing more will be shared: builds waiting for a key go on without it."""
        for process in self._processes.values():
            self._close_feed(process)

    def shared(self, key: str) -> object | None:
        """In a forked build: what the default build shared under ``key``, once it has.

        None when the default build ended sharing without it (and outside a forked build).
        """
        return self._received.take(key) if self._received is not None else None

    def stop(self) -> None:
        """Give static-i18n back MkDocs' build; end the processes not waited for (a failed build)."""
        static_i18n.build = build
        self.end_sharing()
        for process in {id(p): p for p in self._processes.values()}.values():
            if process.done is None:
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
        if process.done is None:
            process.done = _wait(process)
        if "error" in process.done:
            raise Abort(process.done["error"])
        entries, collected = process.done[lang]
        self.i18n.search_entries.extend(entries)
        self.merge(lang, collected)

    @staticmethod
    def _close_feed(process: _Process) -> None:
        if process.feed is not None:
            process.feed.close()
            process.feed = None

    def _build_and_exit(self, config, languages: list[str], dirty: bool, results: Connection) -> None:
        """In a forked process: build ``languages`` as static-i18n does, send the results, exit."""
        try:
            utils.clean_directory = lambda path: path  # the default build cleaned the site folder
            self.i18n.building = True
            done = {}
            for lang in languages:
                self.i18n.current_language = lang
                known = len(self.i18n.search_entries)
                build(config, dirty=dirty)
                done[lang] = (self.i18n.search_entries[known:], self.collect(lang))
        except Abort as error:
            done = {"error": str(error)}
        except BaseException:  # any other failure: its traceback, for the default build to show
            done = {"error": f"building {', '.join(languages)} failed:\n{traceback.format_exc()}"}
        try:
            results.send(done)
            results.close()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(0)


def balanced(weights: dict[str, int], processes: int) -> list[list[str]]:
    """``weights``' languages shared out among at most ``processes`` builds of about equal work.

    The heaviest language first, each to the build with the least work so far
    (the longest-processing-time rule); each share keeps the languages' order.
    """
    order = list(weights)
    shares: list[list[str]] = [[] for _ in range(min(processes, len(order)))]
    loads = [0] * len(shares)
    for lang in sorted(order, key=lambda lang: -weights[lang]):
        lightest = loads.index(min(loads))
        shares[lightest].append(lang)
        loads[lightest] += weights[lang]
    return [sorted(share, key=order.index) for share in shares]


class _Received:
    """In a forked build: what the default build shares, read as it comes by a thread."""

    def __init__(self, feed: Connection) -> None:
        self._values: dict[str, object] = {}
        self._ended = False
        self._arrived = threading.Condition()
        threading.Thread(target=self._receive, args=(feed,), daemon=True).start()

    def take(self, key: str) -> object | None:
        """The value shared under ``key`` (waiting for it), or None if sharing ended without it."""
        with self._arrived:
            self._arrived.wait_for(lambda: key in self._values or self._ended)
            return self._values.pop(key, None)

    def _receive(self, feed: Connection) -> None:
        try:
            while True:
                key, value = feed.recv()
                with self._arrived:
                    self._values[key] = value
                    self._arrived.notify_all()
        except (EOFError, OSError):
            pass
        finally:
            with self._arrived:
                self._ended = True
                self._arrived.notify_all()


def _wait(process: _Process) -> dict:
    """Receive what a forked build sent and reap it."""
    try:
        done = process.results.recv()
    except (EOFError, OSError):
        done = None
    process.results.close()
    _, status = os.waitpid(process.pid, 0)
    if done is None:
        return {"error": f"the build of {', '.join(process.languages)} stopped "
                         f"(exit status {os.waitstatus_to_exitcode(status)})"}
    return done
