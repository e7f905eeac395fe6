"""Exchange files: exact round trips, safe XML, refused imports that write nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from helpers import CORPUS, SEED, segment, tm_file
from lxml import etree
from sxs.checks import CheckConfig
from sxs.cli import run
from sxs.exchange import (
    FORMATS,
    MT,
    TRANSLATED,
    ExchangeError,
    Unit,
    export,
    import_units,
    load_articles,
    read_units,
)
from sxs.parse import parse
from translate.storage import pypo, tmx, xliff, xliff2

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
SCHEMAS = CORPUS.parent.parent.parent / "schemas"
CORPORA = [CORPUS, CORPUS.parent.parent / "de-DE" / "AlchemyInsights"]
DEFAULT = CheckConfig.default()
# Text that XML and PO must carry unchanged: Markdown, a placeholder, an entity, a
# backslash escape, NBSP and narrow NBSP, a newline, leading and trailing spaces.
TRICKY_SOURCE = " Go to **Billing** \\> <app> & [A&amp;B](https://x.example/?a=1&b=2)\nnow ! "
TRICKY_TARGET = " Accédez à **Facturation** \\> <app> & [A&amp;B](https://x.example/?a=1&b=2)\nmaintenant\u202f!\u00a0"


@pytest.fixture
def tm(tmp_path: Path) -> Path:
    """A TM folder: the seed, plus a file with tricky text whose segment ID collides with the seed's."""
    folder = tmp_path / "tm" / "fr-FR"
    folder.mkdir(parents=True)
    shutil.copy(SEED, folder / SEED.name)
    (folder / "tricky name \u2013 x.md").write_text(
        tm_file(segment("d86e2-102", TRICKY_TARGET, TRICKY_SOURCE) + "\n"), encoding="utf-8")
    return tmp_path / "tm"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes under ``folder``."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def expected_units(tm_dir: Path) -> list[tuple[str, str, str, str]]:
    return [(a.name, s.id, s.source, s.target) for a in load_articles(tm_dir) for s in a.document.segments]


def toolkit_pairs(path: Path, fmt: str) -> list[tuple[str, str]]:
    """(source, target) of every unit, read by translate-toolkit itself."""
    data = path.read_bytes()
    store = {"xliff2": xliff2.Xliff2File, "xliff1": xliff.xlifffile, "tmx": tmx.tmxfile,
             "po": pypo.pofile}[fmt].parsestring(data)
    return [(str(u.source), str(u.target)) for u in store.units if not u.isheader()]


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_reads_back_exactly_with_translate_toolkit(tm, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    assert export(tm, fmt, out) == 12
    want = expected_units(tm)
    assert toolkit_pairs(out, fmt) == [(w[2], w[3]) for w in want]
    assert [(u.file, u.id, u.source, u.target) for u in read_units(out)] == want
    assert ("fr-FR/tricky name \u2013 x.md", "d86e2-102", TRICKY_SOURCE, TRICKY_TARGET) in want


@pytest.mark.parametrize("fmt", FORMATS)
def test_units_carry_file_id_language_and_notes(tm, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    export(tm, fmt, out)
    text = out.read_text("utf-8")
    assert "translation: MT" in text and "handoff: 2020-04-22" in text
    assert "canceling-your-subscription.md" in text and "d86e2-107" in text
    language = {"xliff2": 'trgLang="fr-FR"', "xliff1": 'target-language="fr-FR"', "tmx": 'xml:lang="fr-FR"',
                "po": '"Language: fr\\n"'}[fmt]
    assert language in text


def require(path: Path, what: str) -> None:
    """Skip (fail under CI) when a reference tool or schema is missing."""
    if path.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {path} is missing ({what})")
    pytest.skip(f"{path} not found: {what}")


def assert_valid(path: Path, fmt: str) -> None:
    """Validate an export against its format's reference: OASIS schemas, the TMX 1.4 DTD, msgfmt -c."""
    if fmt == "po":
        require(Path("/usr/bin/msgfmt"), "Debian gettext: make omegat")
        done = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return
    if fmt == "tmx":
        require(OMEGAT_JAR, "Debian omegat ships the TMX 1.4 DTD: make omegat")
        with zipfile.ZipFile(OMEGAT_JAR) as jar:
            validator = etree.DTD(jar.open("schemas/tmx14.dtd"))
    else:
        xsd = {"xliff2": "xliff-2.0/xliff_core_2.0.xsd", "xliff1": "xliff-1.2/xliff-core-1.2-strict.xsd"}[fmt]
        require(SCHEMAS / xsd, "the OASIS schemas in ../shared/schemas")
        validator = etree.XMLSchema(etree.parse(str(SCHEMAS / xsd)))
    assert validator.validate(etree.parse(str(path))), validator.error_log.filter_from_errors()[:5]


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_is_valid_against_its_reference(tm, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    export(tm, fmt, out)
    assert_valid(out, fmt)


@pytest.mark.corpus
@pytest.mark.parametrize("corpus", CORPORA, ids=["fr-FR", "de-DE"])
def test_corpus_exports_are_valid(corpus_dir, corpus, tmp_path):
    require(corpus, "the shared corpus")
    for fmt in FORMATS:
        out = tmp_path / f"corpus.{fmt}"
        export(corpus, fmt, out)
        assert_valid(out, fmt)


def test_status_says_raw_mt_or_human_translation_in_each_format(tm, tmp_path):
    human = tm / "fr-FR" / "human.md"
    human.write_text(tm_file(segment("aaaaa-102", "Bonjour.", "Hello."), kind="HT"), encoding="utf-8")
    words = {"xliff2": ('state="initial" subState="sxs:mt"', 'state="translated"'),
             "xliff1": ('approved="no"', 'state-qualifier="mt-suggestion"'),
             "tmx": ('<prop type="x-status">mt</prop>', '<prop type="x-status">translated</prop>'),
             "po": ("#, fuzzy",)}  # and no flag on the HT unit: its status reads back TRANSLATED
    for fmt in FORMATS:
        out = tmp_path / f"out.{fmt}"
        export(tm, fmt, out)
        text = out.read_text("utf-8")
        assert all(word in text for word in words[fmt]), fmt
        statuses = {u.file.rpartition("/")[2]: u.status for u in read_units(out)}
        assert statuses == {SEED.name: MT, "human.md": TRANSLATED, "tricky name \u2013 x.md": MT}, fmt
    xliff1 = etree.fromstring((tmp_path / "out.xliff1").read_bytes())
    units = xliff1.iter("{urn:oasis:names:tc:xliff:document:1.2}trans-unit")
    human_unit = next(u for u in units if u.get("id") == "aaaaa-102")
    assert human_unit.get("approved") is None and human_unit[1].get("state") == "translated"


def test_xliff_files_are_keyed_per_article(tm, tmp_path):
    out = tmp_path / "out.xlf"
    export(tm, "xliff2", out)
    root = etree.fromstring(out.read_bytes())
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    assert root.get("trgLang") == "fr-FR"
    originals = [f.get("original") for f in root.findall("x:file", ns)]
    assert originals == ["fr-FR/canceling-your-subscription.md", "fr-FR/tricky name \u2013 x.md"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_importing_an_unchanged_export_changes_nothing(tm, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    export(tm, fmt, out)
    before = snapshot(tm)
    result = import_units(read_units(out), tm, DEFAULT)
    assert (result.refusals, result.changed, result.written) == ([], {}, [])
    assert snapshot(tm) == before


def edit_target(path: Path, fmt: str, seg_id: str, new_target: str) -> None:
    """Change one unit's target the way a CAT tool would: through translate-toolkit."""
    store_class = {"xliff2": xliff2.Xliff2File, "xliff1": xliff.xlifffile, "tmx": tmx.tmxfile,
                   "po": pypo.pofile}[fmt]
    store = store_class.parsestring(path.read_bytes())
    unit = next(u for u in store.units if seg_id in (u.getid() or "") + (u.getcontext() or ""))
    if fmt == "tmx":
        unit.settarget(new_target, "fr-FR")
    else:
        unit.target = new_target
    path.write_bytes(bytes(store))


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_edited_target_changes_exactly_that_segments_bytes(tm, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    export(tm, fmt, out)
    seed = tm / "fr-FR" / SEED.name
    old_bytes = seed.read_bytes()
    link = "(https://go.microsoft.com/fwlink/p/?linkid=842054)"
    old = f"Accédez à la page des [produits & services]{link} de **facturation** \\> ."
    new = f"Accédez à **Facturation** \\> [Produits & services]{link}."
    edit_target(out, fmt, "d86e2-107", new)
    other = snapshot(tm)
    result = import_units(read_units(out), tm, DEFAULT)
    assert result.refusals == [] and result.changed == {f"fr-FR/{SEED.name}": ["d86e2-107"]}
    assert seed.read_bytes() == old_bytes.replace(old.encode(), new.encode(), 1)
    assert old_bytes.count(old.encode()) == 1
    other.pop(f"fr-FR/{SEED.name}")
    assert {k: v for k, v in snapshot(tm).items() if k != f"fr-FR/{SEED.name}"} == other


def refused(tm: Path, units: list[Unit], **kwargs) -> list[str]:
    """Import ``units``; assert nothing was written; give the refusal texts."""
    before = snapshot(tm)
    result = import_units(units, tm, DEFAULT, **kwargs)
    assert snapshot(tm) == before
    assert result.written == []
    return [str(r) for r in result.refusals]


def seed_unit(seg_id: str, target: str, source: str | None = None, name: str = f"fr-FR/{SEED.name}") -> Unit:
    document, _ = parse(SEED.read_text("utf-8"))
    segment_ = next(s for s in document.segments if s.id == seg_id)
    return Unit(name, seg_id, segment_.source if source is None else source, target)


def test_stale_unknown_and_broken_units_refuse_the_whole_import(tm):
    good = seed_unit("d86e2-104", "Si vous êtes un client d'essai, il n'y a rien à annuler.")
    cases = {
        "stale": seed_unit("d86e2-105", "Les abonnements expirent.", source="Trial subscriptions end."),
        "unknown segment ID": Unit(f"fr-FR/{SEED.name}", "d86e2-999", "a", "b"),
        "unknown file": Unit("fr-FR/nope.md", "d86e2-105", "a", "b"),
        "break the TM file": seed_unit(
            "d86e2-106", 'x</span><span class="sxs-lookup"><span data-stu-id="d86e2-106">'),
        "twice with different targets": seed_unit("d86e2-104", "Autre chose."),
    }
    for reason, unit in cases.items():
        # --force only waives check failures; none of these is one.
        messages = refused(tm, [good, unit], force=True)
        assert len(messages) == 1 and reason in messages[0], (reason, messages)
        assert unit.id in messages[0] and unit.file in messages[0]


def test_empty_english_and_failing_targets_are_kept_and_reported_while_the_rest_imports(tm):
    seed = tm / "fr-FR" / SEED.name
    good = seed_unit("d86e2-104", "Si vous êtes un client d'essai, il n'y a rien à annuler.")
    kept = {"empty": seed_unit("d86e2-105", ""),
            "copy of the English": seed_unit("d86e2-106", "If you have fewer than 25 assigned licenses, "
                                             "you can cancel your subscription online."),
            "links": seed_unit("d86e2-112", "Pour en savoir plus, consultez la rubrique.")}
    before = seed.read_text("utf-8")
    result = import_units([good, *kept.values()], tm, DEFAULT)
    assert result.refusals == [] and result.changed == {f"fr-FR/{SEED.name}": ["d86e2-104"]}
    pairs = zip(result.kept, kept.items(), strict=True)
    assert all(k.id == unit.id and reason in k.reason for k, (reason, unit) in pairs)
    after = seed.read_text("utf-8")
    old = "Si vous êtes un client d’évaluation, il n’y a rien à annuler."
    assert after == before.replace(old, good.target)
    result = import_units(list(kept.values()), tm, DEFAULT, force=True)  # --force: all but the empty one
    assert [k.id for k in result.kept] == ["d86e2-105"] and result.written == [seed]
    assert "consultez la rubrique.</span>" in seed.read_text("utf-8")


def test_another_segments_translation_of_the_same_english_is_kept(tmp_path):
    tm = tmp_path / "tm"
    tm.mkdir()
    body = segment("aaaaa-102", "Migration ADAL", "ADAL Migration") + "\n\n" + segment(
        "aaaaa-103", "ADAL Migration", "ADAL Migration") + "\n"
    (tm / "a.md").write_text(tm_file(body), encoding="utf-8")
    propagated = Unit("a.md", "aaaaa-103", "ADAL Migration", "Migration ADAL")
    result = import_units([propagated], tm, DEFAULT)
    assert result.changed == {} and [k.id for k in result.kept] == ["aaaaa-103"]
    assert "another segment's translation" in result.kept[0].reason
    assert import_units([propagated], tm, DEFAULT, force=True).changed == {"a.md": ["aaaaa-103"]}


def test_edge_whitespace_trimmed_by_a_cat_tool_is_the_tms(tm):
    tricky = "fr-FR/tricky name \u2013 x.md"
    same = Unit(tricky, "d86e2-102", TRICKY_SOURCE, TRICKY_TARGET.strip())
    assert import_units([same], tm, DEFAULT).changed == {}
    edited = Unit(tricky, "d86e2-102", TRICKY_SOURCE, "Autre texte\u202f!")
    result = import_units([edited], tm, DEFAULT, force=True)
    assert result.changed == {tricky: ["d86e2-102"]}
    assert ">" + " Autre texte\u202f!\u00a0" + "</span>" in (tm / tricky).read_text("utf-8")


def test_a_tmx_without_tuid_is_refused_naming_the_export_to_use(tmp_path):
    path = tmp_path / "project_save.tmx"
    path.write_text('<?xml version="1.0"?><tmx version="1.4"><header creationtool="OmegaT" '
                    'creationtoolversion="3.6" segtype="paragraph" o-tmf="x" adminlang="en" srclang="en" '
                    'datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>Hello.</seg></tuv>'
                    '<tuv xml:lang="fr-FR"><seg>Bonjour.</seg></tuv></tu></body></tmx>', encoding="utf-8")
    with pytest.raises(ExchangeError, match=r"without tuid.*sxs export --format omegat"):
        read_units(path)


def test_cli_export_import_and_refusal_exit_codes(tm, tmp_path, capsys):
    out = tmp_path / "x.xlf"
    assert run(["export", "--tm", str(tm), "-o", str(out)]) == 0
    assert run(["import", str(out), "--tm", str(tm)]) == 0
    edit_target(out, "xliff2", "d86e2-112", "Pour en savoir plus.")
    capsys.readouterr()
    assert run(["import", str(out), "--tm", str(tm)]) == 1
    err = capsys.readouterr().err
    assert "kept" in err and "d86e2-112" in err and "canceling-your-subscription.md" in err and "links" in err
    assert run(["import", str(out), "--tm", str(tm), "--force"]) == 0
    assert run(["import", str(tmp_path / "missing.xlf"), "--tm", str(tm)]) == 2
    assert run(["export", "--tm", str(tm), "--format", "csv", "-o", str(out)]) == 2


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="fr-FR">
<file id="f1" original="fr-FR/canceling-your-subscription.md"><unit id="d86e2-104"><segment>
<source>If you are a trial customer, there is nothing to cancel.</source><target>&d;</target>
</segment></unit></file></xliff>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x"
adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu tuid="fr-FR/canceling-your-subscription.md#d86e2-104"><tuv xml:lang="en"><seg>If you are a trial customer,
there is nothing to cancel.</seg></tuv><tuv xml:lang="fr-FR"><seg>&xxe;</seg></tuv></tu></body></tmx>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_entity_attacks_are_refused_before_translate_toolkit_sees_them(tm, tmp_path, data):
    path = tmp_path / "attack.xml"
    path.write_bytes(data)
    with pytest.raises(ExchangeError, match="entities"):
        read_units(path)
    before = snapshot(tm)
    assert run(["import", str(path), "--tm", str(tm)]) == 2
    assert snapshot(tm) == before


def test_oversized_and_malformed_files_are_refused(tm, tmp_path, monkeypatch):
    path = tmp_path / "big.xlf"
    export(tm, "xliff2", path)
    monkeypatch.setattr("sxs.exchange.MAX_EXCHANGE_BYTES", 100)
    with pytest.raises(ExchangeError, match="limit"):
        read_units(path)
    monkeypatch.undo()
    path.write_bytes(b"<xliff><file>")
    with pytest.raises(ExchangeError, match="well-formed"):
        read_units(path)


@pytest.mark.corpus
def test_whole_corpus_round_trips_through_every_format(corpus_dir, tmp_path):
    tm_dir = tmp_path / "corpus"
    shutil.copytree(corpus_dir, tm_dir)
    before = snapshot(tm_dir)
    want = expected_units(tm_dir)
    for fmt in FORMATS:
        out = tmp_path / f"corpus.{fmt}"
        export(tm_dir, fmt, out)
        if fmt != "po":  # PO targets follow the English's edge newlines (msgfmt -c); the import restores them
            assert [(u.file, u.id, u.source, u.target) for u in read_units(out)] == want, fmt
        result = import_units(read_units(out), tm_dir, DEFAULT)
        assert (result.refusals, result.kept, result.written) == ([], [], []), fmt
    assert snapshot(tm_dir) == before
    # One edited target: exactly that segment's bytes change.
    name, seg_id, _source, old = next(w for w in want if w[0].startswith("a") and "**" in w[3])
    edit_target(tmp_path / "corpus.xliff2", "xliff2", seg_id, old + " (revu)")
    result = import_units(read_units(tmp_path / "corpus.xliff2"), tm_dir, DEFAULT)
    assert result.refusals == [] and result.changed == {name: [seg_id]}
    after = snapshot(tm_dir)
    assert {k for k in after if after[k] != before[k]} == {name}
    document, _ = parse(before[name].decode("utf-8"))
    segment_ = next(s for s in document.segments if s.id == seg_id)
    start = len(before[name].decode("utf-8")[:segment_.offset].encode("utf-8"))
    expected = before[name][:start] + segment_.markup().replace(
        f">{old}</span>", f">{old} (revu)</span>", 1).encode("utf-8")
    expected += before[name][start + len(segment_.markup().encode("utf-8")):]
    assert after[name] == expected
