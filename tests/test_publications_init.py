"""'relocmap publications init', as issue 19's user needed it: a downloaded copy of the
project (no git) whose single layout becomes a publications folder in one command,
all or nothing; and the messages of a half-done move by hand, which say what to move.
The publication converted is the committed, real 2022 one; the release added after it
is test_update's, invented (FICTITIOUS figures)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import snapshot
from test_update import RELEASE_2023, SOURCE

from relocmap.cli import main
from relocmap.files import writing


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="relocmap")


def test_init_moves_both_files_into_the_folder_of_their_date(project: Path) -> None:
    csv = (project / "data" / "relocalisations.csv").read_bytes()
    facts = (project / "data" / "publication.json").read_bytes()
    mtime = (project / "data" / "relocalisations.csv").stat().st_mtime_ns
    result = run("publications", "init")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "moved data/relocalisations.csv and data/publication.json into data/publications/2022/"
    )
    folder = project / "data" / "publications" / "2022"
    assert sorted(p.name for p in folder.iterdir()) == ["publication.json", "relocalisations.csv"]
    assert (folder / "relocalisations.csv").read_bytes() == csv
    assert (folder / "publication.json").read_bytes() == facts
    assert (folder / "relocalisations.csv").stat().st_mtime_ns == mtime
    assert not (project / "data" / "relocalisations.csv").exists()
    assert not (project / "data" / "publication.json").exists()
    # The README's next step: the release is added as a second publication.
    (project / "communique.txt").write_text(RELEASE_2023, encoding="utf-8")
    update = run("update", "communique.txt", "--date", "2023-06-14", "--source", SOURCE)
    assert update.exit_code == 0, update.output
    assert "New publication 2023-06-14 (against the previous one: 2022)" in update.stdout
    assert (folder / "relocalisations.csv").read_bytes() == csv
    validate = run("validate")
    assert validate.exit_code == 0, validate.output
    assert "data/publications: 2 publications (2022, 2023-06-14)" in validate.stdout


def test_init_with_data_names_another_csv(project: Path) -> None:
    other = project / "autre"
    other.mkdir()
    for name in ("relocalisations.csv", "publication.json"):
        shutil.move(project / "data" / name, other / name)
    result = run("publications", "init", "--data", "autre/relocalisations.csv")
    assert result.exit_code == 0, result.output
    assert (other / "publications" / "2022" / "relocalisations.csv").is_file()
    assert sorted(p.name for p in other.iterdir()) == ["publications"]


def test_init_into_the_empty_folder_the_old_readme_made(project: Path) -> None:
    (project / "data" / "publications" / "2022").mkdir(parents=True)
    result = run("publications", "init")
    assert result.exit_code == 0, result.output
    assert (project / "data" / "publications" / "2022" / "publication.json").is_file()


def refused(project: Path, expected: str, *args: str) -> None:
    before = snapshot(project)
    result = run("publications", "init", *args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [expected]
    assert snapshot(project) == before


def test_init_twice_has_nothing_to_convert(project: Path) -> None:
    assert run("publications", "init").exit_code == 0
    refused(
        project,
        "Error: data/relocalisations.csv: file not found, nor data/publication.json: nothing "
        "to convert; the publications are already kept in data/publications/",
    )


def test_init_refuses_an_existing_publications_folder(project: Path) -> None:
    (project / "data" / "publications" / "2023-06").mkdir(parents=True)
    refused(
        project,
        "Error: data/publications: already exists and holds 2023-06; nothing was moved: the "
        "single layout is converted into a new publications folder only (to add these "
        "figures to it, move relocalisations.csv and publication.json into "
        "data/publications/2022/ yourself, then run 'relocmap validate')",
    )


def test_init_refuses_figures_without_their_facts(project: Path) -> None:
    (project / "data" / "publication.json").unlink()
    refused(
        project,
        "Error: data/publication.json: file not found; nothing was moved: the publication's "
        "facts must be beside data/relocalisations.csv (source_date and source at least; "
        "see data/README.md), since the folder is named by its source_date",
    )


def test_init_refuses_facts_without_their_figures(project: Path) -> None:
    (project / "data" / "relocalisations.csv").unlink()
    refused(
        project,
        "Error: data/relocalisations.csv: file not found; nothing was moved: the "
        "publication's figures must be beside data/publication.json",
    )


def test_init_refuses_facts_it_cannot_date(project: Path) -> None:
    (project / "data" / "publication.json").write_text('{"source": "x"}', encoding="utf-8")
    before = snapshot(project)
    result = run("publications", "init")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: data/publication.json")
    assert "source_date" in result.stderr
    assert snapshot(project) == before


def test_init_refuses_a_folder_as_data(project: Path) -> None:
    refused(
        project,
        "Error: data: is a folder; nothing to convert: give the figures CSV of the single "
        "layout (such as data/relocalisations.csv), whose publication.json is beside it",
        "--data",
        "data",
    )


def test_init_moves_nothing_when_the_copy_fails(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_rename = writing.ops.rename

    def failing(source: Path, target: Path) -> None:
        if Path(target).name == "publication.json":
            raise OSError(28, "No space left on device")
        real_rename(source, target)

    monkeypatch.setattr(writing.ops, "rename", failing)
    before = snapshot(project)
    result = run("publications", "init")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: cannot write the outputs (No space left on device)"
    ]
    assert snapshot(project) == before


def test_init_puts_everything_back_when_an_original_cannot_be_removed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_unlink = Path.unlink

    def failing(path: Path, missing_ok: bool = False) -> None:
        if path == Path("data/publication.json"):
            raise PermissionError(13, "Permission denied", str(path))
        real_unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", failing)
    before = snapshot(project)
    result = run("publications", "init")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: data/publication.json: cannot be moved (Permission denied); nothing was changed"
    ]
    assert snapshot(project) == before
    assert not os.path.lexists(project / "data" / "publications")


# --- a move made by hand, half done: the message says what to move -------------------


def test_a_publication_folder_without_its_facts_says_to_move_them(project: Path) -> None:
    folder = project / "data" / "publications" / "2022"
    folder.mkdir(parents=True)
    shutil.move(project / "data" / "relocalisations.csv", folder / "relocalisations.csv")
    for command in ("validate", "build"):
        result = run(command)
        assert result.exit_code == 2, result.output
        assert result.stderr.splitlines() == [
            "Error: data/publications/2022/publication.json: file not found; every publication "
            "needs its facts (source_date and source at least) beside its relocalisations.csv: "
            "move data/publication.json into data/publications/2022/ (see data/README.md)"
        ]


def test_a_publication_folder_without_its_figures_says_to_move_them(project: Path) -> None:
    folder = project / "data" / "publications" / "2022"
    folder.mkdir(parents=True)
    shutil.move(project / "data" / "publication.json", folder / "publication.json")
    result = run("validate", "data/publications")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        "Error: data/publications/2022/relocalisations.csv: file not found; every publication "
        "needs its figures beside its publication.json: move data/relocalisations.csv into "
        "data/publications/2022/ (see data/README.md)"
    ]


def test_init_refuses_figures_that_are_no_csv_text(project: Path) -> None:
    (project / "data" / "relocalisations.csv").write_bytes(b"PK\x03\x04\x14\x00")
    refused(
        project,
        "Error: data/relocalisations.csv, line 1: not a CSV file: this is a ZIP archive (an "
        "Excel .xlsx or OpenDocument .ods workbook?); save it as CSV first",
    )
