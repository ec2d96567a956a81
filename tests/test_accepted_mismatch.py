"""Issue 19, "Updating without surprises": a totals mismatch accepted once is recorded
with the data and honoured by every later 'validate' and 'build', in both data layouts;
another mismatch is refused again. And "une dizaine" carries its own uncertainty.

Every release here is FICTITIOUS: invented for the tests, never published by anyone.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import REPO_ROOT

from relocmap.cli import main

SOURCE = "FICTIF : communiqué inventé pour les tests"
# FICTITIOUS: 12 departments making 318 projects (the Allier's "une dizaine" among
# them) and 6 080 jobs; the regional total of projects is {total}.
RELEASE = """Relocalisations : bilan 2024 (texte inventé pour les tests, chiffres fictifs)

La Région a accompagné {total} projets pour la création de 6 080 emplois.
Dans l'Ain, 30 projets ont été identifiés pour la création de 610 emplois.
Dans l'Allier, une dizaine de projets pour 120 emplois.
En Ardèche, 20 projets pour 230 emplois.
Dans le Cantal, 8 projets pour 40 emplois.
Dans la Drôme, 25 projets pour 480 emplois.
En Isère, 40 projets pour 700 emplois.
Dans la Loire, 35 projets pour 1 040 emplois.
En Haute-Loire, 12 projets pour 210 emplois.
Dans le Puy-de-Dôme, 30 projets pour 400 emplois.
Dans le Rhône, 60 projets pour 1 300 emplois.
En Savoie, 20 projets pour 150 emplois.
En Haute-Savoie, 28 projets pour 800 emplois.
"""
DATE = "2024-04-03"
ACCEPTED_KEYS = (
    "ecart_accepte_projets_total_publie",
    "ecart_accepte_projets_somme_departements",
    "ecart_accepte_projets_le",
)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def update(repo: Path, total: int, *options: str):
    (repo / "communique.txt").write_text(RELEASE.format(total=total), encoding="utf-8")
    return run("update", "communique.txt", "--date", DATE, "--source", SOURCE, *options)


@pytest.fixture(params=["single", "publications"])
def layout(request, tmp_path, monkeypatch) -> tuple[Path, Path]:
    """A project folder in either layout (FICTITIOUS facts), and where the update's
    publication.json goes."""
    shutil.copytree(REPO_ROOT / "geo", tmp_path / "geo")
    data = tmp_path / "data"
    if request.param == "single":
        data.mkdir()
        for name in ("relocalisations.csv", "publication.json"):
            shutil.copy(REPO_ROOT / "data" / name, data / name)
        facts = json.loads((data / "publication.json").read_text("utf-8"))
        facts["donnees_fictives"] = True
        (data / "publication.json").write_text(json.dumps(facts), encoding="utf-8")
        written = data / "publication.json"
    else:
        shutil.copytree(
            REPO_ROOT / "tests" / "data" / "publications-fictives", data / "publications"
        )
        written = data / "publications" / DATE / "publication.json"
    monkeypatch.chdir(tmp_path)
    return tmp_path, written


def page_text(repo: Path) -> str:
    html = (repo / "out" / "carte.html").read_text("utf-8")
    return re.sub(r"\\u00a0|\\u202f|\u00a0|\u202f", " ", html)


def test_une_dizaine_allows_one_project_off_an_exact_total(layout):
    """The user's release: Allier "une dizaine", exact regional total 319, sum 318."""
    repo, written = layout
    result = update(repo, 319)
    assert result.exit_code == 0, result.output
    facts = json.loads(written.read_text("utf-8"))
    assert facts["total_projets_publie"] == 319
    assert not any(key.startswith("ecart_accepte") for key in facts)
    assert "projets: sum of departments 318, published total 319, difference -1" in result.output


def test_an_accepted_mismatch_is_recorded_and_honoured_until_it_changes(layout):
    repo, written = layout
    # 325 against 318 is more than "une dizaine" allows: refused, nothing written.
    refused = update(repo, 325)
    assert refused.exit_code == 2, refused.output
    assert "pass --accept-total-mismatch" in refused.stderr
    assert not written.exists() or "325" not in written.read_text("utf-8")

    accepted = update(repo, 325, "--accept-total-mismatch")
    assert accepted.exit_code == 0, accepted.output
    facts = json.loads(written.read_text("utf-8"))
    total, given, day = (facts.get(key) for key in ACCEPTED_KEYS)
    assert (total, given) == (325, 318)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", day)
    assert not any(key.startswith("ecart_accepte_emplois") for key in facts)
    assert "Note: projets: published total 325 and departments' sum 318 accepted" in (
        accepted.output
    )

    # Every later build (the README's publishing step too) and validate accept it.
    for args in (["build"], ["build", "--base-url", "https://www.example.org/carte/"]):
        built = run(*args)
        assert built.exit_code == 0, built.output
        assert "headline would contradict" not in built.output
    assert "Somme des départements : 318 projets (total publié : 325)" in page_text(repo)
    checked = run("validate")
    assert checked.exit_code == 0, checked.output
    assert (
        f"projets: sum of departments 318, published total 325, difference -7 "
        f"(accepted on {day}, as recorded in the facts)"
    ) in checked.output
    assert "Warning: projets" not in checked.output

    # A figure changes: the sum is 319, not the 318 accepted, so it is refused again.
    figures = written.parent / "relocalisations.csv"
    text = figures.read_text("utf-8")
    assert "01,Ain,30,610," in text
    figures.write_text(text.replace("01,Ain,30,610,", "01,Ain,31,610,"), encoding="utf-8")
    before = (repo / "out" / "carte.html").read_bytes()
    again = run("build")
    assert again.exit_code == 2, again.output
    assert (
        f"the mismatch accepted on {day} was another (total 325, departments' sum 318; "
        "now 325 and 319), so it is checked again"
    ) in again.stderr
    assert "nothing was built: the headline would contradict the map" in again.stderr
    assert (repo / "out" / "carte.html").read_bytes() == before
    warned = run("validate")
    assert "Warning: projets: the departments add up to 319" in warned.output


def test_a_hand_edited_decision_without_its_sum_is_reported(layout, tmp_path):
    """The decision's keys go together: a total without its sum is an input error."""
    repo, written = layout
    assert update(repo, 325, "--accept-total-mismatch").exit_code == 0
    facts = json.loads(written.read_text("utf-8"))
    del facts["ecart_accepte_projets_somme_departements"]
    written.write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    result = run("validate")
    assert result.exit_code == 2, result.output
    assert (
        "key 'ecart_accepte_projets_total_publie' needs 'ecart_accepte_projets_somme_departements'"
    ) in result.stderr
    assert "Traceback" not in result.output
