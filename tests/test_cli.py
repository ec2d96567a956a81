"""relocmap.cli: 'relocmap validate' on what users save, and the help of every command.

Every refusal must exit with status 2, name the file, the line (and the column where
there is one) and what was expected, and print no traceback.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from helpers import GOOD_ROW, HEADER

from relocmap.cli import main

SEMI_HEADER = HEADER.replace(",", ";")


def assert_error(run, line: int | None, column: str | None, *words: str) -> str:
    """The run failed cleanly with one message locating the problem; return that message."""
    run.assert_clean_failure()
    assert len(run.errors) == 1, run.errors
    message = run.errors[0]
    where = f"Error: {run.path}"
    if line is not None:
        where += f", line {line}"
    if column is not None:
        where += f", column {column!r}"
    assert message.startswith(where + ": "), message
    for word in words:
        assert word in message, (word, message)
    return message


# --- success ---------------------------------------------------------------------


def test_committed_data_validates(repo_root, monkeypatch):
    monkeypatch.chdir(repo_root)  # the defaults are relative to the repository
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "data/relocalisations.csv: 12 rows valid (encoding utf-8-sig, separator ',')",
        "region(s): Auvergne-Rhône-Alpes; 12 of 12 departments with data",
        "projets: sum of departments 190, published total 190, difference +0",
        "emplois: sum of departments 5320, published total 5306, difference +14",
    ]


def test_publication_beside_the_csv_is_used(run_validate, data_dir, tmp_path):
    shutil.copy(data_dir / "publication.json", tmp_path / "publication.json")
    run = run_validate(f"{HEADER}\n{GOOD_ROW}\n")
    assert run.code == 0, run.output
    assert "emplois: sum of departments 564, published total 5306, difference -4742" in run.output
    assert "no data (not zero) for: Allier (03)" in run.output


@pytest.mark.parametrize(
    ("data", "encoding", "separator"),
    [
        # UTF-8 with BOM, Excel's "CSV UTF-8".
        (
            b"\xef\xbb\xbf"
            + f"{SEMI_HEADER}\r\n1;Ain;25;564;exact;exact;\r\n"
            "69;Rhône;36;1 220;exact;exact;\r\n".encode(),
            "utf-8-sig",
            ";",
        ),
        # Windows-1252 from Excel, no-break space as thousands separator, 1 for 01.
        (
            f"{SEMI_HEADER}\r\n1;Ain;25;564;exact;exact;\r\n69;Rhône;36;1\u00a0220;Près de;exact;"
            "« près de »\r\n;;;;;;\r\n".encode("cp1252"),
            "cp1252",
            ";",
        ),
        # UTF-8 without BOM, narrow no-break space, tab separated.
        (
            f"{HEADER}\n01,Ain,25,564,exact,exact,\n69,Rhône,36,1\u202f220,exact,,\n".replace(
                ",", "\t"
            ).encode(),
            "utf-8-sig",
            "\t",
        ),
    ],
)
def test_what_french_users_save_is_accepted(run_validate, data, encoding, separator):
    run = run_validate(data)
    assert run.code == 0, run.output
    assert run.result.stdout.splitlines()[0] == (
        f"{run.path}: 2 rows valid (encoding {encoding}, separator {separator!r})"
    )
    assert "emplois: sum of departments 1784" in run.output  # 564 + 1220
    assert "projets: sum of departments 61" in run.output


# --- one problem each ------------------------------------------------------------


def test_unknown_department_code(run_validate):
    run = run_validate(f"{HEADER}\n{GOOD_ROW}\n99,Nowhere,1,2,exact,exact,\n")
    assert_error(run, 3, "code", "unknown department code '99'", "expected an INSEE code")


def test_duplicate_department(run_validate):
    run = run_validate(f"{HEADER}\n{GOOD_ROW}\n1,Ain,3,4,exact,exact,\n")
    assert_error(run, 3, "code", "department 01 already given on line 2")


def test_missing_column(run_validate):
    run = run_validate("code,departement,projets,emplois_precision\n01,Ain,25,exact\n")
    assert_error(
        run,
        1,
        None,
        "missing column(s) emplois",
        "the header must hold code, departement, projets, emplois",
    )


@pytest.mark.parametrize("value", ["-5", "5.5", "5,5", "cinq", "12 34"])
def test_figure_not_a_whole_number(run_validate, value):
    run = run_validate(f"{SEMI_HEADER}\n01;Ain;{value};564;exact;exact;\n")
    assert_error(run, 2, "projets", "expected a whole number ≥ 0", f"got {value!r}")


def test_unknown_precision_word(run_validate):
    run = run_validate(f"{HEADER}\n01,Ain,25,564,approximativement,exact,\n")
    assert_error(
        run,
        2,
        "emplois_precision",
        "unknown precision 'approximativement'",
        "expected one of exact, environ, pres_de, plus_de",
    )


def test_ragged_row(run_validate):
    run = run_validate(f"{HEADER}\n{GOOD_ROW}\n03,Allier,5,100,environ,exact,une, centaine\n")
    assert_error(run, 3, None, "row has 8 fields, the header has 7", "must be quoted")


@pytest.mark.parametrize("data", [b"", b"\r\n", b"\xef\xbb\xbf"])
def test_empty_file(run_validate, data):
    run = run_validate(data)
    assert_error(run, None, None, "file is empty", "expected a header line")


def test_header_only(run_validate):
    run = run_validate(f"{HEADER}\n")
    assert_error(run, 2, None, "no data rows after the header")


def test_xlsx_is_not_csv(run_validate):
    run = run_validate(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", name="figures.xlsx")
    assert_error(run, 1, None, "not a CSV file", "xlsx", "save it as CSV")


def test_binary_with_nul_is_not_csv(run_validate):
    run = run_validate(f"{HEADER}\n".encode() + b"\x00\x01\x02\x03\xff\xfe")
    assert_error(run, 2, None, "not a CSV file", "NUL")


def test_forced_utf8_refuses_cp1252_byte(run_validate):
    data = f"{HEADER}\n26,Drôme,21,457,exact,exact,\n".encode("cp1252")
    run = run_validate(data, "--encoding", "utf-8")
    assert_error(
        run, 2, None, "byte 0xf4 at character 6", "cannot be decoded as utf-8", "--encoding"
    )


def test_without_encoding_the_same_file_is_read_as_cp1252(run_validate):
    run = run_validate(f"{HEADER}\n26,Drôme,21,457,exact,exact,\n".encode("cp1252"))
    assert run.code == 0, run.output
    assert "encoding cp1252" in run.output


def test_bytes_undecodable_in_utf8_and_cp1252(run_validate):
    run = run_validate(f"{HEADER}\n{GOOD_ROW}\n".encode() + b"03,Al\x81\x8d,5,100,environ,,\n")
    assert_error(
        run, 3, None, "byte 0x81 at character 6", "cannot be decoded as utf-8-sig or cp1252"
    )


def test_unknown_encoding_name(run_validate):
    run = run_validate(f"{HEADER}\n{GOOD_ROW}\n", "--encoding", "klingon")
    assert_error(run, None, None, "unknown encoding 'klingon'")


def test_malformed_quotes(run_validate):
    run = run_validate(f'{HEADER}\n01,Ain,25,564,exact,exact,"une "centaine""\n')
    assert_error(run, 2, None, "not valid CSV")


def test_missing_csv(run_validate, tmp_path, geo_path):
    result = CliRunner().invoke(
        main, ["validate", str(tmp_path / "none.csv"), "--geo", str(geo_path)]
    )
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert result.stderr == f"Error: {tmp_path / 'none.csv'}: file not found\n"


def test_missing_boundaries(tmp_path):
    csv = tmp_path / "f.csv"
    csv.write_text(f"{HEADER}\n{GOOD_ROW}\n")
    result = CliRunner().invoke(main, ["validate", str(csv), "--geo", str(tmp_path / "g.json")])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert (
        f"{tmp_path / 'g.json'}: file not found; run relocmap from the project folder, "
        "pass --geo, or rebuild it with 'relocmap boundaries'"
    ) in result.stderr


def test_broken_publication_beside_csv(run_validate, tmp_path):
    (tmp_path / "publication.json").write_text('{"source": 1}', encoding="utf-8")
    run = run_validate(f"{HEADER}\n{GOOD_ROW}\n")
    run.assert_clean_failure()
    facts = tmp_path / "publication.json"
    assert run.errors == [
        f"Error: {facts}: missing key 'source_date'; it is required, "
        'e.g. "source_date": "2022-10-14"',
        f"Error: {facts}, line 1: key 'source': expected text in double quotes, got 1",
    ]


# --- every problem at once -------------------------------------------------------


def test_three_different_errors_all_reported(run_validate):
    run = run_validate(
        f"{HEADER}\n"
        "01,Ain,-5,564,exact,exact,\n"  # line 2: negative figure
        "99,Nowhere,1,2,exact,exact,\n"  # line 3: unknown code
        "03,Allier,5,100,vers,exact,\n"  # line 4: unknown precision
        "69,Rhône,36,1220,exact,exact,\n"  # line 5: fine
    )
    run.assert_clean_failure()
    assert run.errors == [
        f"Error: {run.path}, line 2, column 'projets': expected a whole number ≥ 0 "
        "(like 1220 or 1 220), got '-5'",
        f"Error: {run.path}, line 3, column 'code': unknown department code '99'; "
        "expected an INSEE code such as 01, 2A or 974",
        f"Error: {run.path}, line 4, column 'emplois_precision': unknown precision 'vers'; "
        "expected one of exact, environ, pres_de, plus_de",
    ]


# --- help ------------------------------------------------------------------------


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_subcommand_help_has_an_example(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


def test_main_help_lists_validate():
    result = CliRunner().invoke(main, ["-h"])
    assert result.exit_code == 0
    assert "validate" in result.output and "boundaries" in result.output


# --- the real program, as a user runs it -------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"PK\x03\x04\x14\x00", ", line 1: not a CSV file"),
        (
            f"{HEADER}\n{GOOD_ROW}\n".encode() + b"03,Al\x81\x8d,5,100,environ,,\n",
            ", line 3: byte 0x81 at character 6 cannot be decoded",
        ),
        (f"{HEADER}\n01,Ain,x,564,exact,exact,\n".encode(), ", line 2, column 'projets': expected"),
    ],
)
def test_real_process_prints_no_traceback(tmp_path, geo_path, data, expected):
    csv = tmp_path / "f.csv"
    csv.write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-m", "relocmap", "validate", str(csv), "--geo", str(geo_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"Error: {csv}{expected}")
    assert len(done.stderr.splitlines()) == 1


# --- usage mistakes: one line, as every other error --------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["update", "c.txt", "--date", "14/06/2023", "--source", "x"],
            "Error: Invalid value for '--date': \"14/06/2023\" is not an ISO 8601 date: "
            "write 2023-06-14 (see 'relocmap update --help')",
        ),
        (
            ["update", "c.txt", "--date", "2023-14-06", "--source", "x"],
            "Error: Invalid value for '--date': \"2023-14-06\" is not a date: month 14 does "
            "not exist (01 to 12) (see 'relocmap update --help')",
        ),
        (
            ["update", "c.txt", "--date", "2023-06-14"],
            "Error: Missing option '--source'; give who published the figures, in quotes: "
            '--source "Région Auvergne-Rhône-Alpes, communiqué de presse" '
            "(see 'relocmap update --help')",
        ),
        (
            ["update", "c.txt", "--date", "2023-06-14", "--source", ""],
            "Error: Invalid value for '--source': is blank; give a value "
            "(see 'relocmap update --help')",
        ),
        (["update"], "Error: Missing argument 'RELEASE' (see 'relocmap update --help')"),
        (
            ["build", "--tiles", "sat"],
            "Error: Invalid value for '--tiles': 'sat' is not one of 'light', 'osm', 'none' "
            "(see 'relocmap build --help')",
        ),
        (["nosuch"], "Error: No such command 'nosuch' (see 'relocmap --help')"),
        (["--bogus"], "Error: No such option '--bogus' (see 'relocmap --help')"),
    ],
)
def test_a_usage_mistake_is_one_error_line(args, expected):
    result = CliRunner().invoke(main, args, prog_name="relocmap")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [expected]


def test_help_is_still_help():
    for args in (["--help"], ["update", "--help"], ["validate", "-h"]):
        result = CliRunner().invoke(main, args, prog_name="relocmap")
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("Usage: relocmap"), args
    # No command at all: the help, on the usage mistake's status.
    result = CliRunner().invoke(main, [], prog_name="relocmap")
    assert result.exit_code == 2
    assert "Commands:" in result.output and "Error" not in result.output
