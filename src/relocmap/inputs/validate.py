"""Checking the figures against their Table Schema and the known departments."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

import pandas as pd

from relocmap.base import codes
from relocmap.base.errors import InputError, Problem
from relocmap.base.i18n import N_, _
from relocmap.base.numbers import MAX_DIGITS, fold, parse_whole_number
from relocmap.base.precision import SPELLINGS, Precision
from relocmap.inputs.figures import RawTable

# What an absent optional column or an empty optional cell means.
OPTIONAL_DEFAULTS = {"projets_precision": Precision.EXACT, "note": ""}


def _fields(schema: dict) -> list[dict]:
    return list(schema["fields"])


def check_header(table: RawTable, schema: dict) -> list[Problem]:
    """Missing required columns, unknown and repeated columns."""
    names = [f["name"] for f in _fields(schema)]
    required = [f["name"] for f in _fields(schema) if f.get("constraints", {}).get("required")]
    problems = []
    missing = [n for n in required if n not in table.header]
    if missing:
        problems.append(
            Problem(
                table.path,
                _(
                    "missing column(s) {missing}; the header must hold {names} (found: {found})"
                ).format(
                    missing=", ".join(missing),
                    names=", ".join(names),
                    found=", ".join(table.header) or _("nothing"),
                ),
                1,
            )
        )
    for position, name in enumerate(table.header, start=1):
        if name not in names:
            problems.append(
                Problem(
                    table.path,
                    _("unknown column {name} (column {position}); expected one of {names}").format(
                        name=repr(name), position=position, names=", ".join(names)
                    ),
                    1,
                    name or None,
                )
            )
        elif table.header.index(name) != position - 1:
            problems.append(
                Problem(
                    table.path, _("column {name} appears twice").format(name=repr(name)), 1, name
                )
            )
    return problems


def validate_table(
    table: RawTable, department_names: Mapping[str, str], schema: dict
) -> pd.DataFrame:
    """Return the figures as a typed frame indexed by code, or raise every problem at once.

    ``department_names`` maps every known department code to its name (from the
    boundaries file): a code outside it is refused, and so is a name that does not
    match its code (a typo in either is the likeliest cause).
    """
    problems = check_header(table, schema)
    if problems:
        raise InputError(problems)
    fields = {f["name"]: f for f in _fields(schema)}
    records = []
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        if len(cells) != len(table.header):
            problems.append(
                Problem(
                    table.path,
                    _(
                        "row has {count} fields, the header has {expected} (separator "
                        "{separator}; a value with a separator must be quoted)"
                    ).format(
                        count=len(cells),
                        expected=len(table.header),
                        separator=repr(table.separator),
                    ),
                    line,
                )
            )
            continue
        record: dict[str, object] = {"line": line}
        for name, cell in zip(table.header, cells, strict=True):
            record[name], problem = _check_cell(name, cell.strip(), fields[name], department_names)
            if problem:
                problems.append(Problem(table.path, problem, line, name))
        problems += _code_problems(table.path, record, line, seen, department_names)
        records.append(record)
    if not table.rows:
        problems.append(Problem(table.path, _("no data rows after the header"), 2))
    if problems:
        raise InputError(problems)
    frame = pd.DataFrame.from_records(records).reindex(columns=[*fields, "line"])
    for name, value in OPTIONAL_DEFAULTS.items():
        frame[name] = frame[name].astype(object).fillna(value)
    return frame.set_index("code", drop=False).sort_index()


def _code_problems(
    path: str,
    record: Mapping[str, object],
    line: int,
    seen: dict[str, int],
    department_names: Mapping[str, str],
) -> list[Problem]:
    """A department given twice (``seen``: code → first line, updated here), or a name
    that does not match its code."""
    code = record.get("code")
    if not isinstance(code, str):
        return []
    problems = []
    if code in seen:
        problems.append(
            Problem(
                path,
                _("department {code} already given on line {line}").format(
                    code=code, line=seen[code]
                ),
                line,
                "code",
            )
        )
    else:
        seen[code] = line
    given = record.get("departement")
    if (
        isinstance(given, str)
        and given
        and code in department_names
        and fold(given) != fold(department_names[code])
    ):
        problems.append(
            Problem(
                path,
                _(
                    "name {given} does not match code {code} ({name}); check the code or the name"
                ).format(given=repr(given), code=code, name=department_names[code]),
                line,
                "departement",
            )
        )
    return problems


def _check_cell(
    name: str, cell: str, field: dict, department_names: Mapping[str, str]
) -> tuple[object, str | None]:
    constraints = field.get("constraints", {})
    if cell == "":
        if constraints.get("required"):
            hint = _EMPTY_HINTS.get(name)
            return None, _("empty cell, a value is required") + (_(hint) if hint else "")
        return None, None
    if name == "code":
        code = codes.normalize(cell)
        if code is None or code not in department_names:
            return None, (
                _(
                    "unknown department code {cell}; expected an INSEE code such as 01, 2A or 974"
                ).format(cell=repr(cell))
            )
        return code, None
    if field.get("type") == "integer":
        value = parse_whole_number(cell)
        minimum = constraints.get("minimum", 0)
        foreign = next((c for c in cell if c.isdigit() and not c.isascii()), None)
        if foreign is not None:
            # Unicode's character names are English in every language: they are the standard's.
            script = unicodedata.name(foreign, "") or _("a digit of another script")
            return None, _("expected ASCII digits 0-9, got {cell} ({name})").format(
                cell=repr(cell), name=script
            )
        if (digits := sum(c.isdigit() for c in cell)) > MAX_DIGITS:
            shown = repr(cell) if len(cell) <= 40 else _("a number of {digits} digits")
            shown = shown.format(digits=digits)
            if "maximum" in constraints:
                return None, _too_large(constraints["maximum"], shown)
            return None, _(
                "expected a whole number of at most {maximum} digits, got {value}"
            ).format(maximum=MAX_DIGITS, value=shown)
        if value is None or value < minimum:
            return None, _whole_number_problem(name, cell, minimum)
        if "maximum" in constraints and value > constraints["maximum"]:
            return None, _too_large(constraints["maximum"], repr(cell))
        return value, None
    if "enum" in constraints:
        precision = SPELLINGS.get(fold(cell))
        if precision not in constraints["enum"]:
            figure = _qualified_figure(cell)
            if figure is not None and name.endswith("_precision"):
                number, word = figure
                column = name.removesuffix("_precision")
                return None, _(
                    "{cell} in {name}: write {word} here and {number} in {column}"
                ).format(cell=repr(cell), name=name, word=word, number=number, column=column)
            return None, _("unknown precision {cell}; expected one of {allowed}").format(
                cell=repr(cell), allowed=", ".join(constraints["enum"])
            )
        return precision, None
    return cell, None


def _too_large(maximum: int, shown: str) -> str:
    return _("expected at most {maximum} (a typo?), got {value}").format(
        maximum=maximum, value=shown
    )


# What to write in an empty required cell.
_NO_ROW = N_(
    "; a department without published figures gets no row (the map shows it as 'Pas de données')"
)
_EMPTY_HINTS = {
    "code": N_("; write the department's INSEE code, such as 01, 2A or 974"),
    "departement": N_("; write the department's name"),
    "projets": _NO_ROW,
    "emplois": _NO_ROW,
}
_NUMBER = r"[0-9][0-9 ]*"
# "près de 900", "plus de 1 200 emplois": a precision word, a number, maybe its unit.
_QUALIFIED = re.compile(
    rf"^(?P<words>{'|'.join(sorted(SPELLINGS, key=len, reverse=True))}) (?P<number>{_NUMBER})"
    r"(?: (?:emplois?|projets?|postes?))?$"
)
_WITH_UNIT = re.compile(rf"^(?P<number>{_NUMBER}) (?:emplois?|projets?|postes?)$")


def _qualified_figure(cell: str) -> tuple[int, str] | None:
    """``près de 900`` gives (900, "pres_de"); None when the cell is not worded so."""
    match = _QUALIFIED.match(fold(cell))
    if match is None:
        return None
    number = parse_whole_number(match["number"])
    return None if number is None else (number, SPELLINGS[match["words"]].value)


def _whole_number_problem(name: str, cell: str, minimum: int) -> str:
    """Why a figure cell is not a whole number, and what to write instead."""
    figure = _qualified_figure(cell)
    if figure is not None:
        number, precision = figure
        if precision == "exact":
            message = _("{cell} in {name}: write {number} in {name}")
        else:
            message = _("{cell} in {name}: write {number} in {name} and {precision} in {column}")
        return message.format(
            cell=repr(cell),
            name=name,
            number=number,
            precision=precision,
            column=f"{name}_precision",
        )
    unit = _WITH_UNIT.match(fold(cell))
    if unit is not None and parse_whole_number(unit["number"]) is not None:
        return _("{cell} in {name}: write only the number, {number}").format(
            cell=repr(cell), name=name, number=parse_whole_number(unit["number"])
        )
    problem = _("expected a whole number ≥ {minimum} (like 1220 or 1 220), got {cell}").format(
        minimum=minimum, cell=repr(cell)
    )
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", cell):
        return problem + _("; write {number}: thousands are separated by a space").format(
            number=re.sub(r"[.,]", "", cell)
        )
    if re.fullmatch(r"\d+[.,]\d+", cell):
        return problem + _("; a count has no decimals")
    if not re.search(r"\d", cell) and re.search(r"[^\W\d_]", cell):
        return problem + _(
            "; write the number in digits, and environ, pres_de or plus_de in {column} if "
            "the release gives it approximately"
        ).format(column=f"{name}_precision")
    return problem
