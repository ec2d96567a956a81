"""The messages of 'extract', 'update', the publications folder and 'build --base-url' in
French under a French locale: each French line starts with "Erreur : ",
"Avertissement : " or "Remarque : ", says nothing in English, and keeps the file, the
line numbers and the quoted values of the English line.

Every release, figure and source here is FICTITIOUS, invented for the tests (FICTIF).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import REPO_ROOT
from test_update import RELEASE_2023

from relocmap.cli import main

FRENCH = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "fr_FR.UTF-8"}
ENGLISH = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8"}
PREFIXES = {"Error: ": "Erreur : ", "Warning: ": "Avertissement : ", "Note: ": "Remarque : "}
SOURCE = "Région Auvergne-Rhône-Alpes, communiqué FICTIF"

# Words of the English messages that French never writes: one of them in a French line
# (outside quotes, paths and option names) is an untranslated sentence.
ENGLISH_WORDS = re.compile(
    r"\b(the|but|and|or|not|no|is|are|was|were|of|with|line|lines|column|names|nothing|"
    r"cannot|expected|already|given|found|file|folder|must|written|changed|ignored|"
    r"could|read|which|give|write|pass|fix|check|before|after|than|figures|release)\b"
)
# What a message quotes or names: kept as they are in French.
QUOTED = re.compile(r"“[^”]*”|'[^']*'|--[\w-]+|\S*[/.]\S*")
# A value quoted “so” in English may be quoted « so » in French.
FACTS = re.compile(r"“([^”]*)”|«\s?([^»]*?)\s?»|'([^']*)'|(\d+)")

# FICTITIOUS: an unreadable line, a department given twice with other figures, a place
# that is no department, national figures (a note).
BAD_RELEASE = """Relocalisations : bilan FICTIF (texte inventé, chiffres fictifs)

Dans l'Ain, 30 projets ont été identifiés pour la création de 610 emplois.
Dans la Drôme, 21 projets.
Dans l'Ain, 31 projets pour 600 emplois.
En Lorraine, 5 projets pour 40 emplois.
En Isère, 50 projets pour 890 emplois.
Au niveau national, 900 projets ont été accompagnés pour 20 000 emplois.
"""
# FICTITIOUS: two regional totals that disagree.
TWO_TOTALS = """Relocalisations : bilan FICTIF (texte inventé, chiffres fictifs)

La Région a accompagné 80 projets pour 1 500 emplois.
Au total, la Région a accompagné 40 projets pour 900 emplois depuis janvier.
Dans l'Ain, 30 projets ont été identifiés pour la création de 610 emplois.
En Isère, 50 projets pour 890 emplois.
"""
# FICTITIOUS (test_update's release): a regional total that the departments' sum
# (212 projects) contradicts.
WRONG_TOTAL = RELEASE_2023.replace("212 projets", "150 projets")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/ and geo/, commands run in it (messages name relative paths)."""
    for folder in ("data", "geo"):
        shutil.copytree(REPO_ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def both(*args: str, status: int = 2) -> list[tuple[str, str]]:
    """The message lines of a command in English and in French, paired; the command is
    refused (nothing written), so that both runs see the same files."""
    runs = []
    for env in (ENGLISH, FRENCH):
        result = CliRunner().invoke(main, list(args), env=env)
        assert result.exit_code == status, result.output
        assert "Traceback" not in result.output
        runs.append(result.stderr.splitlines())
    english, french = runs
    assert len(english) == len(french) >= 1, (english, french)
    return list(zip(english, french, strict=True))


def assert_french(english: str, french: str) -> None:
    """``french`` is ``english`` said in French: its prefix, the same facts (numbers,
    quoted values) and no English sentence."""
    prefix = next(p for p in PREFIXES if english.startswith(p))
    assert french.startswith(PREFIXES[prefix]), (english, french)
    assert _facts(english) == _facts(french), (english, french)
    words = QUOTED.sub(" ", french)
    assert not ENGLISH_WORDS.search(words), (ENGLISH_WORDS.search(words), french)


def _facts(line: str) -> list[str]:
    """The numbers and quoted values of a line, whatever its quotes, sorted."""
    return sorted("".join(groups) for groups in FACTS.findall(line))


def assert_all_french(pairs: list[tuple[str, str]]) -> None:
    for english, french in pairs:
        assert_french(english, french)


def test_extract_problems_are_french_with_the_same_lines_and_words(project):
    (project / "communique.txt").write_text(BAD_RELEASE, encoding="utf-8")
    pairs = both("extract", "communique.txt", "-o", "chiffres.csv")
    assert [fr for _en, fr in pairs] == [
        "Remarque : communique.txt, ligne 8 : chiffres nationaux, pas ceux de la région : "
        "ignorés : “Au niveau national, 900 projets ont été accompagnés pour 20 000 emplois.”",
        "Erreur : communique.txt, ligne 4 : nomme Drôme mais aucun nombre d’emplois n’a pu "
        "être lu : “Dans la Drôme, 21 projets.”",
        "Erreur : communique.txt, ligne 5 : Ain déjà donné à la ligne 3 avec d’autres "
        "chiffres (30 projets, 610 emplois) ; Ain est laissé de côté : “Dans l'Ain, 31 "
        "projets pour 600 emplois.”",
        "Erreur : communique.txt, ligne 6 : “Lorraine” n’est pas un département français "
        "(5 projets, 40 emplois) : “En Lorraine, 5 projets pour 40 emplois.”",
        "Erreur : communique.txt : 3 problèmes, rien n’a été écrit ; corrigez le texte ou "
        "ajoutez --partial pour écrire les lignes qui ont pu être lues",
    ]
    assert pairs[1][0].startswith(
        "Error: communique.txt, line 4: names Drôme but no number of jobs could be read"
    )
    assert_all_french(pairs)
    assert not (project / "chiffres.csv").exists()


def test_extract_partial_warnings_and_trace_are_french(project):
    (project / "communique.txt").write_text(BAD_RELEASE, encoding="utf-8")
    pairs = both("extract", "communique.txt", "-o", "chiffres.csv", "--partial", status=0)
    warnings = [(en, fr) for en, fr in pairs if en.startswith("Warning: ")]
    assert len(warnings) == 3
    assert all(fr.endswith("(ignoré)") for _en, fr in warnings)
    assert_all_french(warnings)
    trace = dict(pairs)
    assert (
        trace["38 Isère: 50 projets, 890 emplois ← line 7: “Isère, 50 projets pour 890 emplois”"]
        == "38 Isère : 50 projets, 890 emplois ← ligne 7 : “Isère, 50 projets pour 890 emplois”"
    )


def test_extract_contradicting_totals_are_refused_in_french(project):
    (project / "communique.txt").write_text(TWO_TOTALS, encoding="utf-8")
    pairs = both("extract", "communique.txt", "-o", "chiffres.csv", "--totals", "totaux.json")
    assert pairs[-1][1] == (
        "Erreur : communique.txt : 2 totaux régionaux différents (ligne 3 : 80 projets, "
        "1 500 emplois ; ligne 4 : 40 projets, 900 emplois) ; impossible de savoir lesquels "
        "sont ceux du communiqué : écrivez-les à la main"
    )
    assert_all_french(pairs)


def test_a_release_in_another_encoding_keeps_its_place_in_french(project):
    (project / "communique.txt").write_bytes(BAD_RELEASE.encode("cp1252"))
    pairs = both("extract", "communique.txt", "--encoding", "utf-8")
    english, french = pairs[0]
    assert english.startswith("Error: communique.txt, line 1: byte 0xe9 at character 45 ")
    assert french.startswith("Erreur : communique.txt, ligne 1 : ")
    assert_french(english, french)


def test_a_page_that_is_no_html_is_refused_in_french(project):
    (project / "communique.html").write_text(
        "<html><body><p>FICTIF</p>\n<![foo[ 30 projets ]>", encoding="utf-8"
    )
    pairs = both("extract", "communique.html")
    assert pairs[0][1].startswith("Erreur : communique.html, ligne 2 : illisible en HTML (")
    assert pairs[0][0].startswith("Error: communique.html, line 2: cannot be read as HTML (")


def _publications(project: Path) -> Path:
    """The single layout converted into a publications folder (data/publications/2022)."""
    result = CliRunner().invoke(main, ["publications", "init"], env=ENGLISH)
    assert result.exit_code == 0, result.output
    return project / "data" / "publications"


@pytest.mark.parametrize(
    ("date", "french"),
    [
        ("2021-05-04", "2021-05-04 est antérieure à 2022 ; rien n’a été modifié"),
        ("2022-05", "2022-05 et 2022 peuvent désigner le même jour"),
        ("2022", "la publication 2022 existe déjà"),
    ],
)
def test_update_refuses_a_date_not_after_the_latest_in_french(project, date, french):
    _publications(project)
    (project / "communique.txt").write_text(TWO_TOTALS, encoding="utf-8")
    pairs = both("update", "communique.txt", "--date", date, "--source", SOURCE)
    assert len(pairs) == 1 and french in pairs[0][1], pairs
    assert_all_french(pairs)


def test_update_refuses_totals_that_contradict_the_departments_in_french(project):
    (project / "communique.txt").write_text(WRONG_TOTAL, encoding="utf-8")
    pairs = both("update", "communique.txt", "--date", "2023-06-14", "--source", SOURCE)
    english, french = pairs[-1]
    assert french == (
        "Erreur : communique.txt : rien n’a été modifié ; corrigez le texte du communiqué "
        "s’il a été mal lu, ou ajoutez --accept-total-mismatch si la Région a publié ces "
        "chiffres"
    )
    assert_all_french(pairs)


def test_the_publications_folder_problems_are_french(project):
    root = _publications(project)
    (root / "notes.txt").write_text("FICTIF", encoding="utf-8")
    (root / "2024").mkdir()
    shutil.copy(root / "2022" / "publication.json", root / "2024" / "publication.json")
    pairs = both("validate", "data/publications")
    assert pairs[0][1].startswith(
        "Erreur : data/publications/notes.txt : n’est pas un dossier de publication ; le "
        "dossier de publications contient un dossier par publication"
    )
    assert_all_french(pairs)
    (root / "notes.txt").unlink()
    pairs = both("validate", "data/publications")
    assert [fr.split(" : ", 2)[1] for _en, fr in pairs] == [
        "data/publications/2024/relocalisations.csv",
        "data/publications/2024/publication.json, colonne 'source_date'",
        "data/publications/2024/publication.json, colonne 'source_date'",
    ]
    assert "source_date vaut 2022 mais le dossier s’appelle 2024" in pairs[1][1]
    assert "source_date 2022 n’est pas strictement postérieure à 2022" in pairs[2][1]
    assert_all_french(pairs)


def test_publications_init_refusals_are_french(project):
    (project / "data" / "publication.json").unlink()
    pairs = both("publications", "init")
    assert pairs[0][1].startswith(
        "Erreur : data/publication.json : fichier introuvable ; rien n’a été déplacé : les "
        "faits de la publication doivent être à côté de data/relocalisations.csv"
    )
    assert_all_french(pairs)


@pytest.mark.parametrize(
    ("url", "french"),
    [
        ("ftp://www.example.org/cartes/", "le protocole est ftp:"),
        ("https://www.example.org/cartes/carte.html", "c’est une page"),
        ("https://moi:secret@www.example.org/cartes/", "un nom d’utilisateur"),
        ("www.example.org/cartes/", "le protocole manque"),
    ],
)
def test_build_base_url_errors_are_french(project, url, french):
    pairs = both("build", "--base-url", url, "--out", "out")
    assert len(pairs) == 1
    assert pairs[0][1].startswith(f"Erreur : --base-url '{url}' : {french}"), pairs
    assert_all_french(pairs)
    assert not (project / "out").exists()
