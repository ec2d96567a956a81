"""'relocmap validate', 'build' and 'update' with several publications (all FICTITIOUS)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import REPO_ROOT

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
