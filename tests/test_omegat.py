"""A real CAT tool in the loop: sxs export -> OmegaT 3.6 (headless) -> sxs import."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import SEED
from sxs.checks import CheckConfig
from sxs.cli import run
from sxs.exchange import import_units, read_all_units
from sxs.omegat import export_omegat

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
DEFAULT = CheckConfig.default()
LINK = "(https://go.microsoft.com/fwlink/p/?linkid=842054)"
EDITED_SOURCE = f"Go to the **Billing** \\> [Products & services]{LINK} page."
EDITED_TARGET = f"Accédez à **Facturation** \\> [Produits & services]{LINK}."
PROJECT_SAVE = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
          creationtoolversion="3.6.0" segtype="paragraph" srclang="en"/>
  <body><tu><tuv lang="en"><seg>{source}</seg></tuv><tuv lang="fr-FR"><seg>{target}</seg></tuv></tu></body>
</tmx>
"""


@pytest.fixture(scope="module")
def java() -> str:
    """The java binary that runs OmegaT; skipped (failed under CI) without OmegaT."""
    binary = shutil.which("java")
    if binary and OMEGAT_JAR.is_file():
        return binary
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but OmegaT is not installed (make omegat)")
    pytest.skip("OmegaT not installed: sudo apt-get install omegat (or make omegat as root)")


def translate(java: str, project: Path) -> None:
    """OmegaT's console-translate on ``project``, headless, with a private home and configuration."""
    done = subprocess.run(
        [java, "-Djava.awt.headless=true", f"-Duser.home={project / '.home'}", "-jar", str(OMEGAT_JAR),
         str(project), "--mode=console-translate", f"--config-dir={project / '.config'}",
         "--disable-project-locking", "--no-team"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes under ``folder``."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def seed_tm(tmp_path: Path) -> Path:
    folder = tmp_path / "tm"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    return folder


@pytest.mark.parametrize("flavour", ["po", "xliff"])
def test_untouched_seed_round_trip_changes_no_byte(java, seed_tm, tmp_path, flavour):
    before = snapshot(seed_tm)
    target = export_omegat(seed_tm, tmp_path / "project", flavour)
    assert (tmp_path / "project" / "tm" / "auto" / "fr-FR.tmx").is_file()
    translate(java, tmp_path / "project")
    units = read_all_units(target)
    assert len(units) == 11
    result = import_units(units, seed_tm, DEFAULT)
    assert (result.refusals, result.kept, result.changed) == ([], [], {})
    assert snapshot(seed_tm) == before


@pytest.mark.parametrize("fmt", ["omegat", "omegat-xliff"])
def test_a_translation_edited_in_omegat_changes_exactly_that_segment(java, seed_tm, tmp_path, fmt):
    before = (seed_tm / SEED.name).read_bytes()
    project = tmp_path / "project"
    assert run(["export", "--tm", str(seed_tm), "--format", fmt, "-o", str(project)]) == 0
    escape = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
    (project / "omegat" / "project_save.tmx").write_text(PROJECT_SAVE.format(
        source=EDITED_SOURCE.translate(escape), target=EDITED_TARGET.translate(escape)), encoding="utf-8")
    translate(java, project)
    assert run(["import", str(project / "target"), "--tm", str(seed_tm)]) == 0
    old = f"Accédez à la page des [produits & services]{LINK} de **facturation** \\> ."
    assert (seed_tm / SEED.name).read_bytes() == before.replace(old.encode(), EDITED_TARGET.encode(), 1)


@pytest.mark.corpus
def test_untouched_corpus_round_trip_through_po_changes_no_byte(java, corpus_dir, tmp_path):
    tm_dir = tmp_path / "corpus"
    shutil.copytree(corpus_dir, tm_dir)
    before = snapshot(tm_dir)
    target = export_omegat(tm_dir, tmp_path / "project", "po")
    translate(java, tmp_path / "project")
    result = import_units(read_all_units(target), tm_dir, DEFAULT)
    assert result.refusals == [] and result.changed == {}
    # OmegaT propagates one translation of an English text to segments whose TM translation is
    # another one (or the English itself): kept as the TM has them, and reported.
    assert result.kept and all("another segment's translation" in k.reason for k in result.kept)
    assert snapshot(tm_dir) == before
