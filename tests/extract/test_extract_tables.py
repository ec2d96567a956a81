"""relocmap.extract.tables: text tables split out of prose, headers, rows read as figures.

Every figure below is fictitious.
"""

from __future__ import annotations

import pytest

from relocmap.base.precision import Precision
from relocmap.extract.places import Place, PlaceNames
from relocmap.extract.tables import CODE, NAME, header_columns, read_table, split_text_tables
from relocmap.extract.text import Line, Table, TableRow
from relocmap.extract.vocabulary import JOBS, PROJECTS


@pytest.fixture(scope="module")
def places() -> PlaceNames:
    return PlaceNames({"01": "Ain", "03": "Allier"}, ["Auvergne-Rhône-Alpes"])


def lines(*texts: str) -> list[Line]:
    return [Line.single(text, number) for number, text in enumerate(texts, start=1)]


def table(*rows: tuple[str, ...]) -> Table:
    return Table(tuple(TableRow(n, cells) for n, cells in enumerate(rows, start=1)), "|")


def test_tab_separated_lines_become_a_table_between_prose() -> None:
    found = split_text_tables(lines("Le bilan :", "Ain\t30\t610", "Allier\t12\t150", "Fin."))
    assert [type(item) for item in found] == [Line, Table, Line]
    middle = found[1]
    assert isinstance(middle, Table) and middle.kind == "tabs"
    assert [(r.line, r.cells) for r in middle.rows] == [
        (2, ("Ain", "30", "610")),
        (3, ("Allier", "12", "150")),
    ]


def test_markdown_rule_stays_inside_the_table() -> None:
    found = split_text_tables(
        lines("| Département | Projets | Emplois |", "|---|---|---|", "| Ain | 30 | 610 |")
    )
    (only,) = found
    assert isinstance(only, Table) and only.kind == "|"
    assert [r.cells for r in only.rows] == [
        ("Département", "Projets", "Emplois"),
        ("Ain", "30", "610"),
    ]
    assert len(only.prose[0]) == 3  # the rule is kept in the prose, not as a row


def test_one_line_that_splits_is_no_table() -> None:
    found = split_text_tables(lines("Ain    30    610", "Une phrase."))
    assert all(isinstance(item, Line) for item in found)


def test_header_columns_in_any_order() -> None:
    assert header_columns(["Emplois créés", "Code", "Département", "Nombre de projets"]) == {
        JOBS: 0,
        CODE: 1,
        NAME: 2,
        PROJECTS: 3,
    }


@pytest.mark.parametrize(
    "cells",
    [
        ["Département", "Projets"],
        ["Projets", "Emplois"],
        ["Département", "Projets", "Projets 2024", "Emplois"],
    ],
)
def test_a_header_without_each_role_once_is_none(cells: list[str]) -> None:
    assert header_columns(cells) is None


def test_rows_under_a_header_give_figures_per_place(places: PlaceNames) -> None:
    reading = read_table(
        table(
            ("Département", "Projets", "Emplois"),
            ("01 - Ain", "30", "env. 610"),
            ("Total", "42", "760"),
        ),
        places,
    )
    assert reading.header and reading.problems == []
    ain, total = reading.figures
    assert ain.place == Place("01", "Ain")
    assert (ain.projects.value, ain.jobs.value, ain.jobs.precision) == (30, 610, Precision.ENVIRON)
    assert ain.line == 2 and ain.words == "01 - Ain | 30 | env. 610"
    assert total.place is None  # a total row naming no region
    assert (total.projects.value, total.jobs.value) == (42, 760)


def test_row_problems_are_reported_with_their_line(places: PlaceNames) -> None:
    reading = read_table(
        table(
            ("Code", "Département", "Projets", "Emplois"),
            ("03", "Ain", "30", "610"),
            ("01", "Bretagne", "5", "40"),
            ("01", "Ain", "moins de 30", "610"),
        ),
        places,
    )
    assert reading.figures == []
    reasons = [(line, reason) for line, reason, _ in reading.problems]
    assert reasons[0] == (2, "Ain is department 01, not 03")
    assert reasons[1] == (3, "“Bretagne” is not a French department")
    assert reasons[2][0] == 4 and "is a bound or a range" in reasons[2][1]


def test_a_tally_table_without_header_is_a_problem(places: PlaceNames) -> None:
    reading = read_table(table(("Ain", "30", "610"), ("Allier", "12", "150")), places)
    assert not reading.header and reading.figures == []
    ((line, reason, words),) = reading.problems
    assert line == 1 and "(2 rows) but no header" in reason and words == "Ain | 30 | 610"


def test_a_layout_table_gives_nothing(places: PlaceNames) -> None:
    reading = read_table(table(("Contact", "presse"), ("Tél.", "04 00 00 00 00")), places)
    assert (reading.header, reading.figures, reading.problems) == (False, [], [])
