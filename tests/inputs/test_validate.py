"""relocmap.inputs.validate: the figures against their Table Schema and the known departments."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import HEADER

from relocmap.base.errors import InputError
from relocmap.base.numbers import fold, parse_whole_number
from relocmap.inputs.figures import RawTable, default_schema, read_csv_table
from relocmap.inputs.validate import check_header, validate_table

NAMES = {
    "01": "Ain",
    "03": "Allier",
    "26": "Drôme",
    "2A": "Corse-du-Sud",
    "63": "Puy-de-Dôme",
    "69": "Rhône",
    "971": "Guadeloupe",
}
SCHEMA = default_schema()
COLUMNS = HEADER.split(",")


def table(*rows: str, header: str = HEADER, separator: str = ",") -> RawTable:
    """A RawTable as the loader gives it, rows starting on line 2."""
    return RawTable(
        "f.csv",
        "utf-8",
        separator,
        header.split(separator),
        [(line, row.split(separator)) for line, row in enumerate(rows, start=2)],
    )


def problems_of(raw: RawTable, names=NAMES):
    with pytest.raises(InputError) as excinfo:
        validate_table(raw, names, SCHEMA)
    return excinfo.value.problems


# --- small parsers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0),
        ("5", 5),
        ("1220", 1220),
        (" 1220 ", 1220),
        ("1 220", 1220),
        ("1\u00a0220", 1220),
        ("1\u202f220", 1220),
        ("12 345 678", 12345678),
        ("1\u00a0234\u202f567", 1234567),
        ("007", 7),
    ],
)
def test_parse_whole_number_accepts(text, value):
    assert parse_whole_number(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "-5",
        "+5",
        "5.5",
        "5,5",
        "1,220",
        "1.220",
        "1 22",
        "1  220",
        "12345 678",
        "1 2345",
        "abc",
        "cinq",
        "1e3",
        "100%",
        "5 emplois",
        "1\t220",
    ],
)
def test_parse_whole_number_refuses(text):
    assert parse_whole_number(text) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Puy-de-Dôme", "puy de dome"),
        ("Rhône", "RHONE"),
        ("Côtes-d’Armor", "Côtes-d'Armor"),
        ("Près de", "pres_de"),
        ("  Drôme ", "drome"),
    ],
)
def test_fold_identifies_spellings(a, b):
    assert fold(a) == fold(b)


def test_fold_keeps_different_names_apart():
    assert fold("Savoie") != fold("Haute-Savoie")
    assert fold("Loire") != fold("Haute-Loire")


# --- header ----------------------------------------------------------------------


def test_check_header_accepts_committed_header():
    assert check_header(table(), SCHEMA) == []


def test_check_header_optional_columns_may_be_absent():
    assert (
        check_header(table(header="code,departement,projets,emplois,emplois_precision"), SCHEMA)
        == []
    )


def test_check_header_missing_column_names_it_and_the_expected_header():
    problems = check_header(table(header="code,departement,projets,emplois_precision"), SCHEMA)
    assert len(problems) == 1
    problem = problems[0]
    assert problem.line == 1
    assert "missing column(s) emplois" in problem.reason
    assert ", ".join(COLUMNS) in problem.reason  # what was expected


def test_check_header_unknown_and_repeated_columns():
    problems = check_header(table(header=HEADER + ",commentaire,note"), SCHEMA)
    assert [(p.line, p.column) for p in problems] == [(1, "commentaire"), (1, "note")]
    assert "unknown column 'commentaire' (column 8)" in problems[0].reason
    assert "appears twice" in problems[1].reason


# --- rows ------------------------------------------------------------------------


def test_valid_table_is_typed_and_indexed_by_code():
    frame = validate_table(
        table(
            "1,Ain,25,564,exact,exact,",
            "69,Rhône,36,1 220,Près de,,note",
            "2a,Corse-du-Sud,0,0,plus de,environ,",
        ),
        NAMES,
        SCHEMA,
    )
    assert list(frame.index) == ["01", "2A", "69"]
    assert frame.loc["69", "emplois"] == 1220
    assert frame.loc["69", "emplois_precision"] == "pres_de"
    assert frame.loc["69", "projets_precision"] == "exact"  # empty cell defaults to exact
    assert frame.loc["2A", "emplois_precision"] == "plus_de"
    assert frame.loc["2A", "projets_precision"] == "environ"
    assert frame.loc["01", "note"] == "" and frame.loc["69", "note"] == "note"
    assert frame.loc["01", "code"] == "01"
    assert frame["line"].tolist() == [2, 4, 3]
    assert list(frame.columns) == [*COLUMNS, "line"]
    assert pd.api.types.is_integer_dtype(frame["projets"])
    assert pd.api.types.is_integer_dtype(frame["emplois"])


def test_optional_columns_absent_get_defaults():
    raw = table("01,Ain,25,564,exact", header="code,departement,projets,emplois,emplois_precision")
    frame = validate_table(raw, NAMES, SCHEMA)
    assert frame.loc["01", "projets_precision"] == "exact"
    assert frame.loc["01", "note"] == ""


def test_name_folded_matches():
    frame = validate_table(table("63,puy de dome,1,2,EXACT,,"), NAMES, SCHEMA)
    assert frame.loc["63", "departement"] == "puy de dome"
    assert frame.loc["63", "emplois_precision"] == "exact"


def test_overseas_code():
    frame = validate_table(table("971,Guadeloupe,1,2,exact,,"), NAMES, SCHEMA)
    assert list(frame.index) == ["971"]


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        ("99,Ain,25,564,exact,exact,", "code", "unknown department code '99'"),
        ("74,Haute-Savoie,25,564,exact,exact,", "code", "unknown department code '74'"),
        ("A1,Ain,25,564,exact,exact,", "code", "expected an INSEE code"),
        (",Ain,25,564,exact,exact,", "code", "empty cell, a value is required"),
        ("01,,25,564,exact,exact,", "departement", "empty cell"),
        ("01,Ain,-5,564,exact,exact,", "projets", "expected a whole number ≥ 0"),
        ("01,Ain,25,564.5,exact,exact,", "emplois", "got '564.5'"),
        ("01,Ain,25,cinq cents,exact,exact,", "emplois", "got 'cinq cents'"),
        ("01,Ain,25,,exact,exact,", "emplois", "empty cell"),
        (
            "01,Ain,25,564,approx,exact,",
            "emplois_precision",
            "unknown precision 'approx'; expected one of exact, environ, pres_de, plus_de",
        ),
        ("01,Ain,25,564,exact,beaucoup,", "projets_precision", "unknown precision 'beaucoup'"),
        ("01,Allier,25,564,exact,exact,", "departement", "does not match code 01 (Ain)"),
    ],
)
def test_one_bad_cell(row, column, words):
    (problem,) = problems_of(table(row))
    assert (problem.path, problem.line, problem.column) == ("f.csv", 2, column)
    assert words in problem.reason


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        (
            "01,Ain,25,près de 900,exact,exact,",
            "emplois",
            "'près de 900' in emplois: write 900 in emplois and pres_de in emplois_precision",
        ),
        (
            "01,Ain,25,Plus de 1 200 emplois,exact,exact,",
            "emplois",
            "'Plus de 1 200 emplois' in emplois: write 1200 in emplois and plus_de in "
            "emplois_precision",
        ),
        (
            "01,Ain,environ 30,564,exact,exact,",
            "projets",
            "'environ 30' in projets: write 30 in projets and environ in projets_precision",
        ),
        (
            "01,Ain,25,564 emplois,exact,exact,",
            "emplois",
            "'564 emplois' in emplois: write only the number, 564",
        ),
        (
            "01,Ain,25,une centaine,exact,exact,",
            "emplois",
            "expected a whole number ≥ 0 (like 1220 or 1 220), got 'une centaine'; write the "
            "number in digits, and environ, pres_de or plus_de in emplois_precision if the "
            "release gives it approximately",
        ),
        (
            "01,Ain,25,1.220,exact,exact,",
            "emplois",
            "expected a whole number ≥ 0 (like 1220 or 1 220), got '1.220'; write 1220: "
            "thousands are separated by a space",
        ),
        (
            "01,Ain,25,564.5,exact,exact,",
            "emplois",
            "expected a whole number ≥ 0 (like 1220 or 1 220), got '564.5'; a count has no "
            "decimals",
        ),
        (
            "01,Ain,25,564,près de 564,exact,",
            "emplois_precision",
            "'près de 564' in emplois_precision: write pres_de here and 564 in emplois",
        ),
        (
            "01,Ain,25,,exact,exact,",
            "emplois",
            "empty cell, a value is required; a department without published figures gets no "
            "row (the map shows it as 'Pas de données')",
        ),
        (
            ",Ain,25,564,exact,exact,",
            "code",
            "empty cell, a value is required; write the department's INSEE code, such as 01, "
            "2A or 974",
        ),
    ],
)
def test_messages_say_what_to_write(row, column, reason):
    """Regression: "près de 900" in emplois gave "expected a whole number" and no more."""
    (problem,) = problems_of(table(row))
    assert (problem.column, problem.reason) == (column, reason)


def test_decimal_with_comma_in_semicolon_file():
    raw = table("01;Ain;25;5,5;exact;;", header=HEADER.replace(",", ";"), separator=";")
    (problem,) = problems_of(raw)
    assert (problem.line, problem.column) == (2, "emplois")
    assert "'5,5'" in problem.reason


def test_duplicate_department_also_as_1_and_01():
    problems = problems_of(
        table("01,Ain,25,564,exact,exact,", "03,Allier,5,100,exact,exact,", "1,Ain,2,3,exact,,")
    )
    (problem,) = problems
    assert (problem.line, problem.column) == (4, "code")
    assert "department 01 already given on line 2" in problem.reason


def test_ragged_rows():
    problems = problems_of(table("01,Ain,25,564,exact,exact,,extra", "03,Allier,5"))
    assert [(p.line, p.column) for p in problems] == [(2, None), (3, None)]
    assert "row has 8 fields, the header has 7" in problems[0].reason
    assert "row has 3 fields" in problems[1].reason


def test_no_rows():
    (problem,) = problems_of(table())
    assert problem.line == 2
    assert "no data rows" in problem.reason


def test_every_problem_at_once():
    problems = problems_of(
        table(
            "01,Ain,-1,564,exact,exact,",  # line 2: negative
            "03,Allier,5,100,environ,exact",  # line 3: ragged
            "99,Nowhere,1,1,exact,,",  # line 4: unknown code
            "69,Rhône,x,1.5,vaguement,,",  # line 5: three bad cells
            "1,Ain,1,1,exact,,",  # line 6: duplicate of line 2
        )
    )
    assert [(p.line, p.column) for p in problems] == [
        (2, "projets"),
        (3, None),
        (4, "code"),
        (5, "projets"),
        (5, "emplois"),
        (5, "emplois_precision"),
        (6, "code"),
    ]


def test_header_problems_stop_before_rows():
    problems = problems_of(table("01,Ain,-1", header="code,departement,projets"))
    assert len(problems) == 1 and problems[0].line == 1
    assert "missing column(s) emplois, emplois_precision" in problems[0].reason


def test_committed_figures_validate(data_dir, geo_path):
    from relocmap.inputs.boundaries import read_boundaries

    names = read_boundaries(geo_path)["nom"].to_dict()
    frame = validate_table(read_csv_table(data_dir / "relocalisations.csv"), names, SCHEMA)
    assert len(frame) == 12
    assert list(frame.index) == [
        "01",
        "03",
        "07",
        "15",
        "26",
        "38",
        "42",
        "43",
        "63",
        "69",
        "73",
        "74",
    ]
    assert int(frame["projets"].sum()) == 190
    assert int(frame["emplois"].sum()) == 5320
    assert frame.loc["73", "emplois_precision"] == "plus_de"


def test_absurdly_large_figure_is_refused():
    """Regression: 99999999999999999999999 jobs passed and overflowed the classification."""
    with pytest.raises(InputError) as caught:
        validate_table(table("01,Ain,25,99999999999999999999999,exact,,"), NAMES, SCHEMA)
    assert (
        "column 'emplois': expected at most 1000000 (a typo?), got '99999999999999999999999'"
        in str(caught.value)
    )
