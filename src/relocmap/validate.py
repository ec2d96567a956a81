"""Checking the figures against their Table Schema and the known departments."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

import pandas as pd

from . import codes
from .errors import InputError, Problem
from .load import RawTable
from .numbers import fold, parse_whole_number
from .precision import SPELLINGS

# What an absent optional column or an empty optional cell means.
OPTIONAL_DEFAULTS = {"projets_precision": "exact", "note": ""}


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
                f"missing column(s) {', '.join(missing)}; the header must hold "
                f"{', '.join(names)} (found: {', '.join(table.header) or 'nothing'})",
                1,
            )
        )
    for position, name in enumerate(table.header, start=1):
        if name not in names:
            problems.append(
                Problem(
                    table.path,
                    f"unknown column {name!r} (column {position}); "
                    f"expected one of {', '.join(names)}",
                    1,
                    name or None,
                )
            )
        elif table.header.index(name) != position - 1:
            problems.append(Problem(table.path, f"column {name!r} appears twice", 1, name))
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
                    f"row has {len(cells)} fields, the header has {len(table.header)} "
                    f"(separator {table.separator!r}; a value with a separator must be quoted)",
                    line,
                )
            )
            continue
        record: dict[str, object] = {"line": line}
        for name, cell in zip(table.header, cells, strict=True):
            record[name], problem = _check_cell(name, cell.strip(), fields[name], department_names)
            if problem:
                problems.append(Problem(table.path, problem, line, name))
        code = record.get("code")
        if isinstance(code, str):
            if code in seen:
                problems.append(
                    Problem(
                        table.path,
                        f"department {code} already given on line {seen[code]}",
                        line,
                        "code",
                    )
                )
            else:
                seen[code] = line
            name = record.get("departement")
            if (
                isinstance(name, str)
                and name
                and code in department_names
                and fold(name) != fold(department_names[code])
            ):
                problems.append(
                    Problem(
                        table.path,
                        f"name {name!r} does not match code {code} "
                        f"({department_names[code]}); check the code or the name",
                        line,
                        "departement",
                    )
                )
        records.append(record)
    if not table.rows:
        problems.append(Problem(table.path, "no data rows after the header", 2))
    if problems:
        raise InputError(problems)
    frame = pd.DataFrame.from_records(records).reindex(columns=[*fields, "line"])
    for name, value in OPTIONAL_DEFAULTS.items():
        frame[name] = frame[name].astype(object).fillna(value)
    return frame.set_index("code", drop=False).sort_index()


def _check_cell(
    name: str, cell: str, field: dict, department_names: Mapping[str, str]
) -> tuple[object, str | None]:
    constraints = field.get("constraints", {})
    if cell == "":
        if constraints.get("required"):
            return None, "empty cell, a value is required"
        return None, None
    if name == "code":
        code = codes.normalize(cell)
        if code is None or code not in department_names:
            return None, (
                f"unknown department code {cell!r}; expected an INSEE code such as 01, 2A or 974"
            )
        return code, None
    if field.get("type") == "integer":
        value = parse_whole_number(cell)
        minimum = constraints.get("minimum", 0)
        foreign = next((c for c in cell if c.isdigit() and not c.isascii()), None)
        if foreign is not None:
            return None, (
                f"expected ASCII digits 0-9, got {cell!r} "
                f"({unicodedata.name(foreign, 'a digit of another script')})"
            )
        if value is None or value < minimum:
            return None, f"expected a whole number ≥ {minimum} (like 1220 or 1 220), got {cell!r}"
        if "maximum" in constraints and value > constraints["maximum"]:
            return None, f"expected at most {constraints['maximum']} (a typo?), got {cell!r}"
        return value, None
    if "enum" in constraints:
        value = SPELLINGS.get(fold(cell))
        if value not in constraints["enum"]:
            return None, (
                f"unknown precision {cell!r}; expected one of {', '.join(constraints['enum'])}"
            )
        return value, None
    return cell, None
