"""The messages in French under a French locale, in English otherwise: every message of
the source has its French form in the catalogue, the French keeps the placeholders
(the file, line and column facts among them), the compiled .mo is the .po's, and the
command line speaks French end to end."""

from __future__ import annotations

import importlib.util
import re
import string
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import REPO_ROOT

from relocmap.base import i18n
from relocmap.base.errors import Problem
from relocmap.cli import main

SCRIPT = REPO_ROOT / "scripts" / "update_catalogue.py"
_spec = importlib.util.spec_from_file_location("update_catalogue", SCRIPT)
assert _spec is not None and _spec.loader is not None
catalogue_script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(catalogue_script)

FRENCH = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "fr_FR.UTF-8"}
ENGLISH = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8"}
HOW_TO_UPDATE = (
    f"run '{catalogue_script.COMMAND}', translate the new (empty) and fuzzy entries of "
    f"{catalogue_script.PO_FILE.relative_to(REPO_ROOT)}, then run it again to compile the .mo"
)


def _read_po():
    from babel.messages.pofile import read_po

    with catalogue_script.PO_FILE.open("rb") as po:
        return read_po(po, locale="fr", domain="relocmap")


def _forms(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def test_every_message_has_its_french_form():
    french = {m.id: m for m in _read_po() if m.id}
    missing = []
    for message in catalogue_script.source_messages():
        if not message.id:
            continue
        entry = french.get(message.id)
        if entry is None or entry.fuzzy or not all(_forms(entry.string)):
            missing.append(_forms(message.id)[0])
    assert not missing, f"{len(missing)} message(s) without French: {missing}; {HOW_TO_UPDATE}"


def _placeholders(text: str) -> list[str]:
    """The ``{name!r:spec}`` and ``%(name)s`` fields of a message, sorted."""
    fields = [
        f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    ]
    return sorted(fields + re.findall(r"%\(\w+\)[sdr]", text))


def test_the_french_keeps_the_placeholders():
    wrong = []
    for message in _read_po():
        if not message.id:
            continue
        english = _forms(message.id)
        for index, form in enumerate(_forms(message.string)):
            # French form 0 is the singular, the others plurals; the French singular may
            # say "un" rather than "{count}"; every other field stays.
            wanted = _placeholders(english[min(index, len(english) - 1)])
            got = _placeholders(form)
            if got != wanted and not (
                isinstance(message.id, tuple) and set(got) | {"{count}"} >= set(wanted)
            ):
                wrong.append((_forms(message.id)[0], form))
    assert not wrong, f"placeholders changed in translation: {wrong}"


def test_the_compiled_catalogue_is_the_po_compiled():
    po = catalogue_script.PO_FILE.read_bytes()
    assert catalogue_script.MO_FILE.read_bytes() == catalogue_script.mo_bytes(po), (
        f"relocmap.mo is not the compile of relocmap.po: {HOW_TO_UPDATE}"
    )


def test_the_catalogue_is_up_to_date_with_the_source():
    """The .po is what the script writes: no stale entry, nothing left to merge."""
    expected = catalogue_script.po_bytes(catalogue_script.merged_catalogue())
    assert catalogue_script.PO_FILE.read_bytes() == expected, HOW_TO_UPDATE


@pytest.mark.parametrize(
    ("variables", "language"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_CA.UTF-8"}, "fr"),
        ({"LANG": "fr"}, "fr"),
        ({"LANG": "C.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_FR.UTF-8", "LANGUAGE": "en"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_language_follows_the_locale_as_gettext_does(monkeypatch, variables, language):
    for name in i18n.LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert i18n.language() == language


def test_plurals_follow_french_rules(monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    forms = ("{count} department", "{count} departments")
    assert i18n.ngettext(*forms, 1) == "{count} département"
    assert i18n.ngettext(*forms, 2) == "{count} départements"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert i18n.ngettext(*forms, 1) == "{count} department"


def test_a_problem_keeps_its_place_in_french(monkeypatch):
    problem = Problem("data/x.csv", "reason", 7, "emplois")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert str(problem) == "data/x.csv, ligne 7, colonne 'emplois' : reason"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert str(problem) == "data/x.csv, line 7, column 'emplois': reason"


BAD_CSV = (
    "code,departement,projets,emplois,emplois_precision,projets_precision,note\n"
    "01,Ain,25,564,exact,exact,\n"
    "03,Allier,cinq,100,exact,exact,\n"
)


def _validate(tmp_path: Path, geo_path: Path, env: dict[str, str | None]) -> list[str]:
    path = tmp_path / "chiffres.csv"
    path.write_text(BAD_CSV, "utf-8")
    result = CliRunner().invoke(main, ["validate", str(path), "--geo", str(geo_path)], env=env)
    assert result.exit_code == 2, result.output
    return result.stderr.splitlines()


def test_a_bad_csv_is_reported_in_french_with_the_same_place(tmp_path, geo_path):
    english = _validate(tmp_path, geo_path, ENGLISH)
    french = _validate(tmp_path, geo_path, FRENCH)
    assert len(english) == len(french) >= 1
    path = str(tmp_path / "chiffres.csv")
    assert english[0].startswith(f"Error: {path}, line 3, column 'projets': ")
    assert french[0].startswith(f"Erreur : {path}, ligne 3, colonne 'projets' : ")
    for en, fr in zip(english, french, strict=True):
        assert (
            re.findall(r"\d+|'[^']*'", en.split(": ", 1)[1])[:2]
            == re.findall(r"\d+|'[^']*'", fr.split(" : ", 1)[1])[:2]
        )


@pytest.mark.parametrize("command", [[], ["build"], ["validate"], ["extract"], ["update"]])
def test_the_help_is_french_under_a_french_locale(command):
    french = CliRunner().invoke(main, [*command, "--help"], env=FRENCH)
    english = CliRunner().invoke(main, [*command, "--help"], env=ENGLISH)
    assert french.exit_code == english.exit_code == 0
    assert "Utilisation :" in french.output and "Usage:" not in french.output
    assert "Afficher ce message et quitter." in french.output
    assert "Usage:" in english.output and "Show this message and exit." in english.output
    assert "Utilisation" not in english.output
    if command == ["build"]:
        assert "Construire la carte" in french.output
        assert "Contours des départements (GeoJSON)." in french.output
        assert "[par défaut :" in french.output and "default:" not in french.output
    if not command:
        assert "Commandes" in french.output
        assert "Vérifier le CSV des chiffres" in french.output


def test_a_usage_mistake_is_french_under_a_french_locale():
    result = CliRunner().invoke(main, ["build", "--tiles", "nope"], env=FRENCH)
    assert result.exit_code == 2
    assert result.stderr.startswith("Erreur : Valeur invalide pour '--tiles'"), result.stderr
    assert result.stderr.rstrip().endswith("build --help')")
    assert "(voir '" in result.stderr


def test_a_program_may_choose_its_language_whatever_the_locale(monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    problem = Problem("data/x.csv", "reason", 7, "emplois")
    first = i18n.use_language("fr")
    try:
        assert str(problem) == "data/x.csv, ligne 7, colonne 'emplois' : reason"
        monkeypatch.setenv("LANG", "fr_FR.UTF-8")
        second = i18n.use_language("en")
        assert str(problem) == "data/x.csv, line 7, column 'emplois': reason"
        i18n.restore_language(second)
        assert i18n.language() == "fr"
    finally:
        i18n.restore_language(first)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert i18n.language() == "en"  # the locale's again
