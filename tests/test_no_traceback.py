"""Issue 19's last tracebacks, as users met them: a figures CSV with a 5 000-digit number,
and output paths inside a loop of symbolic links. Each is one 'Error:' line, exit
status 2, and nothing written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import snapshot
from test_update import RELEASE_2023

from relocmap.cli import main


@pytest.fixture
def project(project: Path) -> Path:
    """The project's copy (conftest), with a link 'loop' that leads to itself and the
    FICTITIOUS release of test_update saved as communique.txt."""
    shutil.rmtree(project / "out")  # a refused build must not even create it
    (project / "loop").symlink_to("loop")
    (project / "communique.txt").write_text(RELEASE_2023, encoding="utf-8")
    return project


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(("Error", "Traceback"))]


@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_number_of_5000_digits_is_one_error(project: Path, command: str) -> None:
    csv = project / "data" / "relocalisations.csv"
    lines = csv.read_text("utf-8").splitlines()
    assert lines[1].startswith("01,Ain,25,564,")
    lines[1] = lines[1].replace("25,564,", "25," + "9" * 5000 + ",")
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = snapshot(project)
    args = [command] if command == "validate" else [command, "--out", "out"]
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert error_lines(result.output) == [
        "Error: data/relocalisations.csv, line 2, column 'emplois': expected at most 1000000 "
        "(a typo?), got a number of 5000 digits"
    ]
    assert snapshot(project) == before
    assert not (project / "out").exists()


LOOP = "goes through a loop of symbolic links (a link that leads back to itself); remove the link"


@pytest.mark.parametrize(
    ("args", "where", "instead"),
    [
        (["build", "--out", "loop"], "loop", "choose another --out directory"),
        (["build", "--out", "loop/carte"], "loop/carte", "choose another --out directory"),
        (["extract", "communique.txt", "-o", "loop/a.csv"], "loop/a.csv", "choose another output"),
        (
            ["extract", "communique.txt", "--totals", "loop/t.json"],
            "loop/t.json",
            "choose another output",
        ),
        (
            ["update", "communique.txt", "--date", "2023-06-14", "--source", "Région", "--out"]
            + ["loop"],
            "loop",
            "choose another --out directory",
        ),
        (
            ["update", "communique.txt", "--date", "2023-06-14", "--source", "Région", "--out"]
            + ["loop/x"],
            "loop/x",
            "choose another --out directory",
        ),
        (
            ["boundaries", "--out", "loop/departements.geojson", "--wheel", "communique.txt"],
            "loop/departements.geojson",
            "choose another output",
        ),
    ],
)
def test_an_output_in_a_symbolic_link_loop_is_one_error(
    project: Path, args: list[str], where: str, instead: str
) -> None:
    before = snapshot(project)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert error_lines(result.output) == [f"Error: {where}: {LOOP}, or {instead}"]
    # update checks the map's folder before it writes the figures: nothing changed.
    assert snapshot(project) == before
    assert os.readlink(project / "loop") == "loop"
