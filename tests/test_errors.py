"""Error messages name the file, the line and the column."""

from __future__ import annotations

import pytest

from relocmap.errors import InputError, Problem, RelocmapError


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
