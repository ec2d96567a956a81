"""'relocmap validate', 'build' and 'update' with several publications (all FICTITIOUS)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import REPO_ROOT, page_config, page_departments

from relocmap.cli import main

FICTIVES = REPO_ROOT / "tests" / "data" / "publications-fictives"


@pytest.fixture
def history_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data" / "publications"
    shutil.copytree(FICTIVES, target)
    return target


def test_validate_a_publications_folder(history_dir: Path, geo_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(history_dir), "--geo", str(geo_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "publication 2023-06:" in lines
    assert (
        f"{history_dir}: 3 publications (2022-10, 2023-06, 2024-01), dates strictly increasing"
        in lines
    )
    assert (
        f"Warning: {history_dir}/2023-06/relocalisations.csv, line 8, column 'emplois': "
        "Loire (42): emplois went down from 450 in 2022-10 to 420 (-30); check the figure "
        "(projects can be abandoned)"
    ) in lines


def test_validate_reports_every_publication_s_problems(history_dir: Path, geo_path: Path) -> None:
    csv = history_dir / "2024-01" / "relocalisations.csv"
    csv.write_text(csv.read_text("utf-8").replace("69,Rhône,40,1390", "69,Rhône,40,-5"), "utf-8")
    (history_dir / "2023-06").rename(history_dir / "2023-05")
    result = CliRunner().invoke(main, ["validate", str(history_dir), "--geo", str(geo_path)])
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 2, result.output
    assert errors[0].startswith(f"Error: {history_dir}/2023-05/publication.json, column")
    assert errors[1].startswith(f"Error: {csv}, line 10, column 'emplois': expected a whole")


def test_default_data_is_the_publications_folder_when_it_exists(
    history_dir: Path, geo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(history_dir.parent.parent)
    result = CliRunner().invoke(main, ["validate", "--geo", str(geo_path)])
    assert result.exit_code == 0, result.output
    assert "data/publications: 3 publications" in result.output
    # Both layouts at once: which one is meant cannot be guessed.
    shutil.copy(REPO_ROOT / "data" / "relocalisations.csv", history_dir.parent)
    result = CliRunner().invoke(main, ["validate", "--geo", str(geo_path)])
    assert result.exit_code == 2
    assert result.output.startswith(
        "Error: data/publications: both data/publications/ and data/relocalisations.csv exist"
    )


# Fictitious release, invented for the tests (figures never published by anyone).
RELEASE = """Relocalisations : bilan (texte inventé, chiffres FICTIFS)

La Région a accompagné 230 projets pour la création de 6 300 emplois.
Dans l'Ain, 30 projets pour 650 emplois.
Dans l'Allier, 7 projets pour 150 emplois.
En Ardèche, 8 projets pour 200 emplois.
Dans le Cantal, 4 projets pour 60 emplois.
Dans la Drôme, 25 projets pour 500 emplois.
En Isère, 31 projets pour près de 800 emplois.
Dans la Loire, 26 projets pour 540 emplois.
En Haute-Loire, 11 projets pour 250 emplois.
Dans le Puy-de-Dôme, 22 projets pour 500 emplois.
Dans le Rhône, 42 projets pour 1 500 emplois.
En Savoie, 6 projets pour 150 emplois.
En Haute-Savoie, 18 projets pour 1 000 emplois.
"""
SOURCE = "FICTIF : communiqué inventé pour les tests"


@pytest.fixture
def repo(history_dir: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with the fictitious publications as data/publications/."""
    root = history_dir.parent.parent
    shutil.copytree(repo_root / "geo", root / "geo")
    (root / "communique.txt").write_text(RELEASE, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _update(date: str, *options: str) -> object:
    args = ["update", "communique.txt", "--date", date, "--source", SOURCE, *options]
    return CliRunner().invoke(main, args)


def test_update_adds_a_publication_and_never_touches_the_previous(repo: Path) -> None:
    publications = repo / "data" / "publications"
    before = _files(publications)
    result = _update("2024-06-14")
    assert result.exit_code == 0, result.output
    after = _files(publications)
    # The previous publications' files are byte for byte what they were.
    assert {name: after[name] for name in before} == before
    assert sorted(set(after) - set(before)) == [
        "2024-06-14/publication.json",
        "2024-06-14/relocalisations.csv",
    ]
    facts = json.loads(after["2024-06-14/publication.json"])
    assert facts["source_date"] == "2024-06-14" and facts["total_emplois_publie"] == 6300
    assert facts["objectif_emplois"] == 30000  # the plan's facts come from the latest one
    lines = result.output.splitlines()
    assert (
        "New publication 2024-06-14 (against the previous one: 2024-01), to check before "
        "publishing the map:" in lines
    )
    assert "  Ain (01): projets 28 → 30, emplois 610 → 650" in lines
    assert "  Ardèche (07): new, 8 projets, 200 emplois" in lines
    # The rebuilt page offers the four publications, the new one first shown, with its
    # change (Ain: 610 → 650) and the trajectory; the images show the change too.
    html = (repo / "out" / "carte.html").read_text(encoding="utf-8")
    config = page_config(html)
    assert [e["key"] for e in config["editions"]] == ["2022-10", "2023-06", "2024-01", "2024-06-14"]
    assert page_departments(html)["01"]["change"] == "+40 emplois, +2 projets"
    assert 'data-edition="2024-06-14" cx=' in html and "FICTIF" in config["editions"][-1]["source"]
    assert (repo / "out" / "evolution.png").is_file() and (
        repo / "out" / "trajectoire.png"
    ).is_file()
    # The publications before it are fictitious: the new one is labelled so too.
    assert facts["donnees_fictives"] is True
    assert any(
        line.startswith("  donnees_fictives: true, kept from the previous") for line in lines
    )


def test_update_refuses_an_existing_or_earlier_publication(repo: Path) -> None:
    publications = repo / "data" / "publications"
    before = _files(publications)
    result = _update("2024-01")
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == (
        "Error: data/publications/2024-01: publication 2024-01 already exists; update adds a "
        "new publication and never changes one: nothing was changed (to correct it, edit its "
        "files by hand and run '.venv/bin/relocmap validate')"
    )
    # Regression: the message was located in a folder that does not exist, and told to
    # give the dates more precisely when the order was certain.
    result = _update("2023-12-01")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "Error: data/publications/2024-01/publication.json, column 'source_date': --date "
        "2023-12-01: the release would be added as data/publications/2023-12-01, but "
        "publications must come strictly after the latest one (source_date 2024-01): "
        "2023-12-01 is earlier than 2024-01; nothing was changed"
    ]
    result = _update("2024-01-15")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "Error: data/publications/2024-01/publication.json, column 'source_date': --date "
        "2024-01-15: the release would be added as data/publications/2024-01-15, but "
        "publications must come strictly after the latest one (source_date 2024-01): "
        "2024-01-15 and 2024-01 may be the same day, so their order is not certain; give "
        "both dates to the day (or the month); nothing was changed"
    ]
    assert _files(publications) == before
    assert not (repo / "out").exists()


def test_update_dry_run_writes_nothing(repo: Path) -> None:
    before = _files(repo)
    result = _update("2024-06-14", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "--dry-run: nothing written" in result.output
    assert _files(repo) == before


def test_update_starts_a_publications_folder(repo: Path) -> None:
    (repo / "neuf").mkdir()  # an empty folder: the first publication
    result = _update("2024-06", "--data", "neuf")
    assert result.exit_code == 0, result.output
    assert sorted(_files(repo / "neuf")) == [
        "2024-06/publication.json",
        "2024-06/relocalisations.csv",
    ]
    assert "New publication 2024-06 (against the previous one: none)" in result.output


def test_update_warns_as_validate_does_when_figures_go_down(repo: Path) -> None:
    # Regression: update did not warn about figures lower than the latest publication's.
    # Fictitious: the Rhône's jobs and the regional total go down (1 390 → 800, 5 725 → 5 600).
    lower = RELEASE.replace("6 300 emplois", "5 600 emplois").replace(
        "42 projets pour 1 500 emplois", "42 projets pour 800 emplois"
    )
    (repo / "communique.txt").write_text(lower, encoding="utf-8")
    expected = [
        "Warning: data/publications/2024-06-14/relocalisations.csv, line 11, column "
        "'emplois': Rhône (69): emplois went down from 1 390 in 2024-01 to 800 (-590); check "
        "the figure (projects can be abandoned)",
        "Warning: data/publications/2024-06-14/publication.json, column "
        "'total_emplois_publie': total_emplois_publie went down from 5725 in 2024-01 to "
        "5600 (-125); check the total",
    ]
    before = _files(repo)
    dry = _update("2024-06-14", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert [line for line in dry.stderr.splitlines() if line.startswith("Warning:")] == expected
    assert _files(repo) == before
    result = _update("2024-06-14")
    assert result.exit_code == 0, result.output
    assert [line for line in result.stderr.splitlines() if line.startswith("Warning:")] == (
        expected
    )
    # The same lines as 'validate' gives for the folder, now that the publication is in it
    # (after its warning about the earlier publications, which update does not repeat).
    check = CliRunner().invoke(main, ["validate"])
    assert check.exit_code == 0, check.output
    warned = [line for line in check.output.splitlines() if line.startswith("Warning:")]
    assert warned[-2:] == expected and len(warned) == 3


def test_update_refuses_to_add_to_a_broken_publications_folder(repo: Path) -> None:
    publications = repo / "data" / "publications"
    csv = publications / "2023-06" / "relocalisations.csv"
    csv.write_text(csv.read_text("utf-8").replace("\n01,Ain,", "\n01,Ain,x"), "utf-8")
    before = _files(repo)
    result = _update("2024-06-14")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: data/publications: nothing was changed: the publications already there must "
        "pass '.venv/bin/relocmap validate' before one is added"
    )
    assert _files(repo) == before
