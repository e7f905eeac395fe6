"""Quality checks: the seed's real findings, each check's trigger and non-trigger, config, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import SEED, segment, tm_file
from sxs.checks import CheckConfig, ConfigError, check_pair, check_text, load_config
from sxs.cli import run
from sxs.fileio import read_text

DEFAULT = CheckConfig.default()


def findings_of(text: str, config: CheckConfig = DEFAULT) -> set[tuple[str, str, str]]:
    """(segment ID, check, severity) of every finding in a TM text."""
    return {(f.segment_id, f.check, f.severity) for f in check_text(text, "t.md", config)[1]}


def test_seed_findings_are_the_real_problems_of_segments_107_108_and_111():
    # 107: the MT moved "\>" after "**facturation**", so it no longer separates two
    #      navigation items, and left " ." cut off from the sentence.
    # 108: " ," after the bold span.  111: "**Remarque**:" lacks the French space before ":".
    # 109: "remove users until you have fewer than 25" became "jusqu'à 25" (up to 25): the
    #      licensing limit changed meaning.
    assert findings_of(read_text(SEED)) == {
        ("d86e2-109", "qualifiers", "warning"),
        ("d86e2-107", "separators", "error"),
        ("d86e2-107", "orphanpunc", "warning"),
        ("d86e2-107", "puncspacing", "warning"),
        ("d86e2-108", "orphanpunc", "warning"),
        ("d86e2-111", "frenchtypography", "warning"),
        ("d86e2-111", "puncspacing", "warning"),
    }


def test_seed_finding_names_file_line_and_both_texts():
    _, findings = check_text(read_text(SEED), "tm/fr-FR/seed.md", DEFAULT)
    separator = next(f for f in findings if f.check == "separators")
    assert (separator.path, separator.line) == ("tm/fr-FR/seed.md", 28)
    assert separator.source.startswith("Go to the **Billing** \\> [Products")
    assert separator.target.endswith("de **facturation** \\> .")
    assert "d86e2-107" in str(separator) and "tm/fr-FR/seed.md:28" in str(separator)


# (check, English, good translation, bad translation)
CASES = [
    ("placeholders", "Open <app> now.", "Ouvrez <app> maintenant.", "Ouvrez l'application maintenant."),
    ("links", "See [Help](https://a.example/h).", "Voir [Aide](https://a.example/h).", "Voir Aide."),
    ("linktargets", "See [Help](https://a.example/h).", "Voir [Aide](https://a.example/h).",
     "Voir [Aide](https://a.example/autre)."),
    ("images", "Click ![icon](gear.png).", "Cliquez sur ![icône](gear.png).", "Cliquez sur l'icône."),
    ("separators", "Go to **Billing** \\> **Bills**.", "Accédez à **Facturation** \\> **Factures**.",
     "Accédez à **Factures** de **Facturation** \\> ."),
    ("bold", "Select **Save**.", "Sélectionnez **Enregistrer**.", "Sélectionnez Enregistrer."),
    ("italic", "This is *important*.", "C'est *important*.", "C'est important."),
    ("code", "Run `Get-Mailbox` first.", "Exécutez d'abord `Get-Mailbox`.", "Exécutez d'abord Get-Mailbox."),
    ("numbers", "Wait 24 hours.", "Attendez 24 heures.", "Attendez 48 heures."),
    ("urls", "Go to https://a.example/x now.", "Allez sur https://a.example/x maintenant.",
     "Allez sur https://b.example/x maintenant."),
    ("unchanged", "Sign in to your account.", "Connectez-vous à votre compte.", "Sign in to your account."),
    ("frenchtypography", "Note: it works.", "Remarque\u00a0: cela fonctionne.", "Remarque: cela fonctionne."),
    ("orphanpunc", "Select **Save**, then close.", "Sélectionnez **Enregistrer**, puis fermez.",
     "Sélectionnez **Enregistrer** , puis fermez."),
    ("doublespacing", "Select Save.", "Sélectionnez Enregistrer.", "Sélectionnez  Enregistrer."),
    ("startwhitespace", "Select Save.", "Sélectionnez Enregistrer.", " Sélectionnez Enregistrer."),
    ("endwhitespace", "Select Save.", "Sélectionnez Enregistrer.", "Sélectionnez Enregistrer. "),
    ("escapes", "Use C:\\Temp here.", "Utilisez C:\\Temp ici.", "Utilisez C:Temp ici."),
    ("newlines", "One line.", "Une ligne.", "Une\nligne."),
    ("puncspacing", "Yes. Then go.", "Oui. Puis allez-y.", "Oui.Puis allez-y."),
    ("qualifiers", "Remove users until you have fewer than 25.",
     "Supprimez des utilisateurs jusqu’à en avoir moins de 25.", "Supprimez des utilisateurs jusqu’à 25."),
]


# (English, German translation, reported?)
GERMAN_QUALIFIERS = [
    ("Add at least 5 users.", "Mindestens 5 Benutzer.", False),
    ("Add at least 5 users.", "Mehr als 5 Benutzer.", True),
    ("It can't be more than 400 characters.", "Es darf nicht mehr als 400 Zeichen lang sein.", False),
    ("Up to 10 GB.", "Bis zu 10 GB.", False),
    ("Between 5 and 10 users.", "Weniger als 10 Benutzer.", True),
    ("It takes 25 minutes or more.", "Es dauert 25 Minuten oder mehr.", False),
    ("Export more than 100K mailboxes.", "Mehr als 100.000 Postfächer exportieren.", False),
    ("Wait up to 24 hours.", "Warten Sie 24 Stunden.", True),  # the limit is lost
    ("Wait up to 24 hours.", "Warten Sie **bis zu 24** Stunden.", False),
    ("At least 4 up to 48 hours.", "Mindestens 4 bis 48 Stunden.", False),
    ("Make sure it hasn't been inactive for more than 365 days.",
     "Stellen Sie sicher, dass es für mehr als 365 Tage nicht inaktiv war.", False),
]


@pytest.mark.parametrize(("english", "german", "reported"), GERMAN_QUALIFIERS)
def test_qualifiers_compare_limits_english_to_german(english, german, reported):
    assert ("qualifiers" in check_pair(english, german, "de", DEFAULT)) is reported


def test_qualifiers_read_french_negations_and_bounds():
    assert "qualifiers" not in check_pair("The name can't be longer than 64 characters.",
                                          "Le nom ne doit pas dépasser 64 caractères.", "fr", DEFAULT)
    assert "qualifiers" not in check_pair("Restore it for up to 21 days.", "Restaurez-le pendant 21 jours.",
                                          "fr", DEFAULT)
    lost = check_pair("Files can be up to 250 MB.", "La taille des fichiers est de 250 Mo.", "fr", DEFAULT)
    assert "lost its qualifier" in lost["qualifiers"]
    assert "qualifiers" not in check_pair("Up to 25.", "Bis zu 25.", "ja", DEFAULT)  # no word list: silent


@pytest.mark.parametrize(("check", "english", "good", "bad"), CASES, ids=[c[0] for c in CASES])
def test_check_fires_on_its_fixture_and_not_on_a_good_translation(check, english, good, bad):
    assert check in check_pair(english, bad, "fr", DEFAULT)
    assert check not in check_pair(english, good, "fr", DEFAULT)


def test_placeholders_may_move_and_escaped_angle_brackets_are_not_placeholders():
    assert "placeholders" not in check_pair("Open <app> in <b>bold</b>.", "En <b>gras</b>, ouvrez <app>.",
                                            "fr", DEFAULT)
    assert "placeholders" not in check_pair("Online Archive - <`name`>", "Archive - <`name` >", "fr", DEFAULT)
    escaped = check_pair("C:\\Users\\<username\\>", "C:\\Users\\<username \\>", "fr", DEFAULT)
    assert "placeholders" not in escaped


def test_unchanged_ignores_product_names_and_french_rules_only_apply_to_french():
    assert "unchanged" not in check_pair("Microsoft Teams", "Microsoft Teams", "fr", DEFAULT)
    assert "frenchtypography" not in check_pair("Note: it works.", "Hinweis: es geht.", "de", DEFAULT)


def test_french_typography_accepts_narrow_no_break_spaces_urls_and_times():
    good = "Remarque\u202f: voir https://a.example/x?y=1 à 10:30 et «\u00a0Aide\u00a0»\u202f!"
    assert "frenchtypography" not in check_pair("Note: see https://a.example/x?y=1 at 10:30 and \"Help\"!",
                                                good, "fr", DEFAULT)
    bad = check_pair("Say \"Help\".", "Dites « Aide ».", "fr", DEFAULT)["frenchtypography"]
    assert "after '«'" in bad and "before '»'" in bad


def test_id_pairing_comes_from_parse_diagnostics():
    duplicated = tm_file(segment("aaaaa-102", "Un.", "One.") + " " + segment("aaaaa-102", "Deux.", "Two."))
    empty = tm_file(segment("aaaaa-103", "", "Three."))
    assert ("aaaaa-102", "idpairing", "error") in findings_of(duplicated)
    assert findings_of(empty) == {("aaaaa-103", "idpairing", "error")}
    assert findings_of(tm_file(segment("aaaaa-102", "Un.", "One."))) == set()


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sxs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_config_disables_a_check_changes_a_severity_and_enables_a_toolkit_check(tmp_path):
    config = load_config(write_config(tmp_path, "checks:\n  orphanpunc: off\n  separators: warning\n"
                                                "  endpunc: warning\n"))
    found = findings_of(read_text(SEED), config)
    assert ("d86e2-107", "separators", "warning") in found
    assert not any(check == "orphanpunc" for _, check, _ in found)
    assert ("d86e2-107", "endpunc", "warning") in found
    assert load_config(tmp_path / "absent.yml") == DEFAULT


@pytest.mark.parametrize("text", ["checks:\n  nosuchcheck: error\n", "checks:\n  numbers: fatal\n",
                                  "checks: [numbers]\n", "checks: {numbers: error\n"])
def test_bad_config_is_refused_with_the_file_named(tmp_path, text):
    with pytest.raises(ConfigError, match=r"sxs\.yml"):
        load_config(write_config(tmp_path, text))


def test_cli_check_exit_status_and_json(tmp_path, capsys):
    tm = tmp_path / "tm"
    tm.mkdir()
    (tm / "good.md").write_text(tm_file(segment("aaaaa-102", "Bonjour.", "Hello.")), encoding="utf-8")
    assert run(["check", "--tm", str(tm)]) == 0
    (tm / "seed.md").write_bytes(SEED.read_bytes())
    capsys.readouterr()
    assert run(["check", "--tm", str(tm), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    separator = next(f for f in findings if f["check"] == "separators")
    assert separator["severity"] == "error" and separator["segment_id"] == "d86e2-107"
    assert separator["path"].endswith("seed.md") and separator["line"] == 28
    write_config(tmp_path, "checks:\n  separators: warning\n")
    assert run(["check", "--tm", str(tm)]) == 0
    (tm / "bad.md").write_bytes(b"\xff\xfe not utf-8")
    assert run(["check", "--tm", str(tm)]) == 2
    assert run(["check", "--tm", str(tmp_path / "missing")]) == 2
