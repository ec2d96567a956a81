"""Issue 19, as a regional council's web editor met it following the README: a release
saved in Windows-1252, a forgotten --source, a source typed without quotes. Each is
read, or refused with one line that says what to type (exit status 2, nothing written).
The release is test_update's, invented (FICTITIOUS figures)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from helpers import snapshot
from test_update import RELEASE_2023, SOURCE

from relocmap.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="relocmap")


def test_a_release_saved_in_windows_1252_is_read(project: Path) -> None:
    (project / "communique.txt").write_bytes(RELEASE_2023.encode("cp1252"))
    result = run("update", "communique.txt", "--date", "2023-06-14", "--source", SOURCE)
    assert result.exit_code == 0, result.output
    csv = (project / "data" / "relocalisations.csv").read_text("utf-8")
    assert "26,Drôme,21,480" in csv  # the accents came through, as UTF-8
    assert "38,Isère,28,700,pres_de" in csv
    extracted = run("extract", "communique.txt")
    assert extracted.exit_code == 0, extracted.output
    assert "42,Loire,31,1040,exact,exact," in extracted.stdout


def test_a_release_neither_utf8_nor_windows_1252_names_the_encoding_to_pass(
    project: Path,
) -> None:
    # Mostly UTF-8 with one Latin-1 byte: damaged UTF-8, each bad byte reported.
    release = RELEASE_2023.encode("utf-8").replace(b"610 emplois", b"610 \xe9mplois")
    (project / "communique.txt").write_bytes(release)
    before = snapshot(project)
    result = run("update", "communique.txt", "--date", "2023-06-14", "--source", SOURCE)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: communique.txt, line 4: byte 0xe9 at character 67 (byte offset 233) is not "
        "UTF-8, although the rest of the file is: the file is damaged there; retype that "
        "character, or, if the file is in another encoding, pass it with --encoding "
        "(--encoding cp1252 for Windows-1252, --encoding latin-1 for ISO-8859-1)"
    ]
    assert snapshot(project) == before


def test_a_missing_source_says_what_to_type(project: Path) -> None:
    (project / "communique.txt").write_text(RELEASE_2023, encoding="utf-8")
    before = snapshot(project)
    result = run("update", "communique.txt", "--date", "2023-06-14")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: Missing option '--source'; give who published the figures, in quotes: "
        '--source "Région Auvergne-Rhône-Alpes, communiqué de presse" '
        "(see 'relocmap update --help')"
    ]
    assert snapshot(project) == before


def test_a_source_without_quotes_says_what_to_type(project: Path) -> None:
    (project / "communique.txt").write_text(RELEASE_2023, encoding="utf-8")
    before = snapshot(project)
    # What the shell passes for: --source Région Auvergne-Rhône-Alpes, communiqué de presse
    words = ["Région", "Auvergne-Rhône-Alpes,", "communiqué", "de", "presse"]
    result = run("update", "communique.txt", "--date", "2023-06-14", "--source", *words)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: Got unexpected extra arguments (Auvergne-Rhône-Alpes, communiqué de presse); "
        "a value of several words goes in quotes: if these words are the source, type "
        '--source "Région Auvergne-Rhône-Alpes, communiqué de presse" '
        "(see 'relocmap update --help')"
    ]
    assert snapshot(project) == before


def test_a_missing_date_says_what_to_type(project: Path) -> None:
    result = run("update", "communique.txt", "--source", SOURCE)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: Missing option '--date'; give the release's date, such as --date 2023-06-14 "
        "(see 'relocmap update --help')"
    ]
