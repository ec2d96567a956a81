"""Figure tables in a press release: HTML ``<table>``, text pasted from a spreadsheet
(tabs, ``|``, runs of spaces) and Markdown tables.

Columns are told apart by the header only ("Département", "Projets", "Emplois",
in any order, possibly a "Code" column); a table whose header names no projects
and jobs columns is reported, never guessed. Each row is tied to the department
its name (or code) cell names; a "Total" or region row gives regional totals.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from relocmap.base.codes import normalize
from relocmap.base.i18n import N_, _, ngettext
from relocmap.base.numbers import DIGIT_RUN, fold
from relocmap.extract.places import Place, PlaceNames
from relocmap.extract.quantities import Quantity, find_figures, semicolons, squeeze
from relocmap.extract.text import Line, Table, TableRow
from relocmap.extract.vocabulary import (
    CODE_WORDS,
    EMPTY_CELLS,
    JOBS,
    NAME_WORDS,
    NOUN_STEMS,
    PROJECTS,
    TOTAL_ROW,
    noun_kind,
)

# --- text tables: lines that split into cells -------------------------------------------

_RULE = re.compile(r"[\s|:+=\-–—_]*")  # |---|:--:|, +-----+, ====
_SPACES_SPLIT = re.compile(r"[ \u00a0]{2,}|\t")


def _cells(text: str) -> tuple[str, tuple[str, ...]] | None:
    """How a line splits into cells (separator kind, cells), or None if it does not."""
    stripped = text.strip()
    if "|" in stripped:
        inner = stripped
        if inner.startswith("|"):
            inner = inner[1:]
        if inner.endswith("|"):
            inner = inner[:-1]
        cells = tuple(c.strip() for c in inner.split("|"))
        return ("|", cells) if len(cells) >= 2 else None
    if "\t" in stripped:
        return "tabs", tuple(c.strip() for c in stripped.split("\t"))
    cells = tuple(c for c in _SPACES_SPLIT.split(stripped) if c)
    return ("spaces", cells) if len(cells) >= 2 else None


def split_text_tables(lines: Sequence[Line]) -> list[Line | Table]:
    """The lines of a paragraph, with each run of two or more lines that split into
    cells the same way (tabs, ``|`` or runs of spaces) made a table."""
    found: list[Line | Table] = []
    run: list[tuple[Line, tuple[str, ...] | None]] = []
    kind = ""

    def close_run() -> None:
        data = [(line, cells) for line, cells in run if cells is not None]
        if len(data) >= 2:
            rows = tuple(TableRow(line.line, cells) for line, cells in data)
            found.append(Table(rows, kind, (tuple(line for line, _ in run),)))
        else:
            found.extend(line for line, _ in run)
        run.clear()

    for line in lines:
        if run and _RULE.fullmatch(line.text) and "-" in line.text + "=":
            run.append((line, None))  # a Markdown or grid rule inside a table
            continue
        split = _cells(line.text)
        if split is None or (run and split[0] != kind):
            close_run()
        if split is None:
            found.append(line)
            continue
        kind = split[0]
        run.append((line, split[1]))
    close_run()
    return found


# --- headers ------------------------------------------------------------------------------

CODE, NAME = "code", "name"


def _role(cell: str) -> str | None:
    words = fold(cell).split()
    kinds = {noun_kind(w) for w in words}
    for kind in (PROJECTS, JOBS):
        if kind in kinds:
            return kind
    if words and (words[0] in CODE_WORDS or "code" in words):
        return CODE
    if any(w in NAME_WORDS for w in words):
        return NAME
    return None


def header_columns(cells: Sequence[str]) -> dict[str, int] | None:
    """Column of each role (code, name, projects, jobs) named by a header row, or None
    if the row names no projects, no jobs, no department, or one of them twice."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        role = _role(cell)
        if role is None:
            continue
        if role in columns:
            return None
        columns[role] = index
    if PROJECTS in columns and JOBS in columns and (NAME in columns or CODE in columns):
        return columns
    return None


# --- rows -----------------------------------------------------------------------------------

_CODE_AND_NAME = re.compile(
    r"^(?P<code>[0-9]{1,3}|2[AaBb])\s*[-–—:.)]?\s+(?P<name>\D.*)$"
    r"|^(?P<name2>\D.*?)\s*\(\s*(?P<code2>[0-9]{1,3}|2[AaBb])\s*\)$"
)
_COUNT_CELL = re.compile(rf"^[~≈]?\s*{DIGIT_RUN}$")


@dataclass(frozen=True)
class TableFigures:
    """A row of a table read as one place's figures."""

    place: Place | None  # None: a total row naming no region
    projects: Quantity
    jobs: Quantity
    line: int
    words: str


@dataclass
class TableReading:
    """What a table gave: figures per row, and problems as (line, reason, words)."""

    header: bool
    figures: list[TableFigures] = field(default_factory=list)
    problems: list[tuple[int, str, str]] = field(default_factory=list)


# A figures cell left empty, by kind (translated when shown).
_NO_NUMBER = {PROJECTS: N_("no number of projects"), JOBS: N_("no number of jobs")}


def _row_words(row: TableRow) -> str:
    return " | ".join(squeeze(c) for c in row.cells)


def _place_of(name_cell: str, code_cell: str | None, places: PlaceNames) -> Place | str:
    """The place a row names by its name and code cells, or why it names none."""
    name = squeeze(name_cell)
    written: str | None = None
    both = _CODE_AND_NAME.match(name)
    if both:
        name = both["name"] or both["name2"] or ""
        written = both["code"] or both["code2"]
    elif name and normalize(name) is not None:
        name, written = "", name  # a code in the department column
    if code_cell is not None and code_cell.strip():
        if written is not None and normalize(written) != normalize(code_cell):
            return _("codes {code} and {other} disagree").format(
                code=written, other=code_cell.strip()
            )
        written = code_cell.strip()
    by_code = places.by_code(normalize(written)) if written is not None else None
    if written is not None and by_code is None:
        return _("“{code}” is no department code").format(code=written)
    if not name:
        return by_code or _("no department named")
    place = places.lookup(name)
    if place is None:
        if TOTAL_ROW.match(fold(name)):
            return Place(None, "")
        return _("“{name}” is not a French department").format(name=name)
    if by_code is not None and place.code is not None and place.code != by_code.code:
        return _("{name} is department {code}, not {other}").format(
            name=place.name, code=place.code, other=by_code.code
        )
    return place


def _cell_quantity(cell: str, kind: str, line: int) -> Quantity | str | None:
    """The quantity a figures cell gives, None if it is empty, or why it cannot be read."""
    text = squeeze(cell)
    if len(text) <= 5 and fold(text) in EMPTY_CELLS:
        return None
    noun = NOUN_STEMS[kind]
    written = text if noun in text.lower() else f"{text} {noun}s"
    figures = find_figures(written, lambda _: line)
    mine = [f for f in figures if f.kind == kind]
    if len(mine) != 1 or mine[0].start != 0:
        return _("“{words}” is not one number").format(words=text)
    figure = mine[0]
    if figure.flaw:
        return figure.flaw
    quantity = figure.quantity
    if quantity is None:
        return _("“{words}” is not one number").format(words=text)
    return quantity


def read_table(table: Table, places: PlaceNames) -> TableReading:
    """Read a table's rows as figures per department, if its header says which columns
    hold them; a table without such a header gives a problem when its rows look like
    figures per department ("Ain | 30 | 610"), and nothing otherwise (read it as prose)."""
    for position, row in enumerate(table.rows[:3]):
        columns = header_columns(row.cells)
        if columns is not None:
            reading = TableReading(header=True)
            for data in table.rows[position + 1 :]:
                _read_row(data, len(row.cells), columns, places, reading)
            return reading
    reading = TableReading(header=False)
    tallies = [row for row in table.rows if _looks_like_tally(row, places)]
    if tallies:
        reading.problems.append(
            (
                tallies[0].line,
                ngettext(
                    "a table with figures per department ({count} row) but no header naming "
                    "its columns (département, projets, emplois): not read",
                    "a table with figures per department ({count} rows) but no header naming "
                    "its columns (département, projets, emplois): not read",
                    len(tallies),
                ).format(count=len(tallies)),
                _row_words(tallies[0]),
            )
        )
    return reading


def _looks_like_tally(row: TableRow, places: PlaceNames) -> bool:
    """A row with a department name (or code and name) in a cell and a count in another."""
    named = any(
        places.lookup(c) is not None
        or (
            (m := _CODE_AND_NAME.match(squeeze(c))) is not None
            and places.lookup(m["name"] or m["name2"] or "") is not None
        )
        for c in row.cells
    )
    return named and any(_COUNT_CELL.match(squeeze(c)) for c in row.cells)


def _read_row(
    row: TableRow,
    width: int,
    columns: dict[str, int],
    places: PlaceNames,
    reading: TableReading,
) -> None:
    words = _row_words(row)
    if len(row.cells) != width:
        if any(_COUNT_CELL.match(c.strip()) for c in row.cells):
            reading.problems.append(
                (
                    row.line,
                    _("row has {count} cells, the header {width}").format(
                        count=len(row.cells), width=width
                    ),
                    words,
                )
            )
        return
    name_cell = row.cells[columns[NAME]] if NAME in columns else ""
    code_cell = row.cells[columns[CODE]] if CODE in columns else None
    place = _place_of(name_cell, code_cell, places)
    found = {
        kind: _cell_quantity(row.cells[columns[kind]], kind, row.line) for kind in (PROJECTS, JOBS)
    }
    if isinstance(place, str):
        if any(isinstance(q, Quantity) for q in found.values()):
            reading.problems.append((row.line, place, words))
        return
    projects, jobs = found[PROJECTS], found[JOBS]
    if isinstance(projects, Quantity) and isinstance(jobs, Quantity):
        region_or_department = place if place.name else None
        reading.figures.append(TableFigures(region_or_department, projects, jobs, row.line, words))
        return
    reasons = [
        q if isinstance(q, str) else _(_NO_NUMBER[kind])
        for kind, q in found.items()
        if not isinstance(q, Quantity)
    ]
    reason = semicolons(reasons)
    subject = N_("names {name} but {reason}") if place.name else N_("total row: {reason}")
    reading.problems.append((row.line, _(subject).format(name=place.name, reason=reason), words))
