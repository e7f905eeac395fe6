"""Test helpers: project paths, small TM documents, project copies, builds and file trees.

Test modules share code only through this module (and fixtures in conftest.py);
no test module imports another.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from sxs.parse import parse
from sxs.site.commonmark import CommonMarkExtension
from sxs.site.docfx import DocfxExtension
from sxs.site.html_policy import HtmlPolicyExtension

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tm" / "fr-FR" / "canceling-your-subscription.md"
CORPUS = ROOT.parent / "shared" / "corpus" / "fr-FR" / "AlchemyInsights"
HELPCENTRE = ROOT / "tests" / "fixtures" / "helpcentre" / "tm"
TTU = re.compile(r'data-ttu-id="([^"]*)"')
STU = re.compile(r'data-stu-id="([^"]*)"')


def segment(seg_id: str, target: str, source: str) -> str:
    """One segment in TM markup."""
    return (f'<span data-ttu-id="{seg_id}">{target}</span><span class="sxs-lookup">'
            f'<span data-stu-id="{seg_id}">{source}</span></span>')


def tm_file(body: str, *, locale: str = "fr-FR", title: str = "Titre", kind: str = "MT") -> str:
    """A small TM file: front matter like the pipeline's, then ``body``."""
    return (f"---\ntitle: {title}\nms.translationtype: {kind}\nms.contentlocale: {locale}\n"
            f"ms.lasthandoff: 04/22/2020\n---\n{body}")


def assert_paired(text: str, path: str) -> None:
    """Every ID has one target and one source, both non-empty, in file order."""
    document, _ = parse(text, path)
    ttu, stu = TTU.findall(text), STU.findall(text)
    assert ttu == stu, f"{path}: target and source IDs differ"
    assert len(set(ttu)) == len(ttu), f"{path}: duplicate IDs"
    assert [s.id for s in document.segments] == ttu, f"{path}: parser missed segments"
    for s in document.segments:
        assert s.source.strip() and s.target.strip(), f"{path}:{s.line} [{s.id}] empty side"


def plain_text(markdown_text: str) -> str:
    """What a reader sees of a segment's Markdown (tags dropped)."""
    return BeautifulSoup(markdown.markdown(markdown_text), "html.parser").get_text()


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``: its folder-relative POSIX path mapped to its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def copy_project(target: Path) -> Path:
    """Copy the project's site sources (mkdocs.yml, sections.yml, tm/, overrides/) to ``target``.

    ``docs/`` starts empty: the sxs plugin must generate the pages from ``tm/``.
    """
    (target / "docs").mkdir(parents=True)
    for name in ("mkdocs.yml", "sections.yml", "tm", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


def make_helpcentre(target: Path, *, config_edit=lambda text: text) -> Path:
    """The project's mkdocs.yml (through ``config_edit``) and sections over the help-centre TM fixture."""
    config = config_edit((ROOT / "mkdocs.yml").read_text("utf-8"))
    (target / "mkdocs.yml").write_text(config, "utf-8")
    shutil.copy2(ROOT / "sections.yml", target)
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(HELPCENTRE, target / "tm")
    (target / "docs").mkdir()
    return target


def mkdocs_build(project: Path, *args: str, env: dict[str, str] | None = None,
                 prelude: str = "") -> subprocess.CompletedProcess:
    """``mkdocs build --strict [args]`` run in ``project``, output captured.

    ``env`` adds environment variables; ``prelude`` is Python run in the
    build's process before MkDocs starts (to simulate another upstream).
    """
    python = ["-c", f"{prelude}\nimport runpy\nrunpy.run_module('mkdocs', run_name='__main__')"] \
        if prelude else ["-m", "mkdocs"]
    return subprocess.run([sys.executable, *python, "build", "--strict", *args], cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
                          capture_output=True, text=True)


def require_corpus(path: Path) -> Path:
    """A shared corpus folder; the test is skipped when it is absent, except under CI where that fails."""
    if not path.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the shared corpus is missing at {path}")
        pytest.skip(f"shared corpus not found at {path} (see README: ../shared/corpus)")
    return path


def convert(text: str) -> str:
    """``text`` as the site renders it: the project's extensions, then the policy."""
    md = markdown.Markdown(extensions=["toc", "attr_list", "tables", CommonMarkExtension(),
                                       DocfxExtension(), HtmlPolicyExtension()])
    return md.convert(text)


# Serving: a local port, a page fetched, a condition waited for (tests never sleep a fixed time).
ARTICLE_TM = "tm/fr-FR/canceling-your-subscription.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, seconds: float) -> bool:
    """Poll ``predicate`` until it holds; False when ``seconds`` (a generous limit) pass first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False
