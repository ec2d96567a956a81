"""Error messages name the file, the line and the column."""

from __future__ import annotations

import pytest

from relocmap.base.errors import InputError, Problem, RelocmapError


def test_problem_names_file_line_and_column():
    assert (
        str(Problem("data.csv", "expected a whole number", 4, "emplois"))
        == "data.csv, line 4, column 'emplois': expected a whole number"
    )
    assert str(Problem("data.csv", "file is empty")) == "data.csv: file is empty"


def test_input_error_lists_every_problem_one_per_line():
    error = InputError([Problem("a.csv", "first", 2), Problem("a.csv", "second", 3, "code")])
    assert isinstance(error, RelocmapError)
    assert str(error).splitlines() == [
        "a.csv, line 2: first",
        "a.csv, line 3, column 'code': second",
    ]


def test_input_error_needs_a_problem():
    with pytest.raises(ValueError):
        InputError([])


def test_text_quoted_from_a_file_never_breaks_a_message_over_lines(tmp_path, paths) -> None:
    """Regression (found by Hypothesis): a vertical tab in the header was echoed raw in
    "(found: …)" and split the error in two lines."""
    from click.testing import CliRunner

    from relocmap.base.errors import Problem, one_line
    from relocmap.cli import main

    assert one_line("c\x0bode\u2028x\ty") == "c\\x0bode\\u2028x\\ty"
    assert one_line("5\u202f300 emplois, « près de »") == "5\u202f300 emplois, « près de »"
    assert str(Problem("a\nb.csv", "found: c\x0bode", 1)) == "a\\nb.csv, line 1: found: c\\x0bode"
    data = tmp_path / "figures.csv"
    data.write_bytes(
        b"c\x0bode,departement,projets,emplois,emplois_precision,projets_precision,note\n"
        b"2A,Corse-du-Sud,3,40,exact,exact,\n"
    )
    result = CliRunner().invoke(main, ["validate", str(data), "--geo", str(paths["geo"])])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines and all(line.startswith("Error: ") for line in lines), lines
    assert "(found: c\\x0bode, departement" in lines[0]
