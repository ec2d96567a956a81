"""The figures CSV: split into cells whatever the separator and encoding French users
save with, refusing what is not CSV; and its Table Schema (package data)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from relocmap.base.errors import InputError
from relocmap.base.i18n import N_, _
from relocmap.base.layout import FIGURES_SCHEMA
from relocmap.files.reading import BINARY_SIGNATURES, read_text

SEPARATORS = (",", ";", "\t")


@dataclass(frozen=True)
class RawTable:
    """A CSV file decoded and split into cells, with the line each row starts on."""

    path: str
    encoding: str
    separator: str
    header: list[str]
    rows: list[tuple[int, list[str]]]


# Input limits (README, "Input limits"): far above what real inputs need, low enough
# that nothing is read, parsed or drawn for minutes.
CSV_MAX_BYTES = 1024 * 1024  # the figures of 101 departments take about 5 KB


def _separator(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def read_csv_table(path: str | Path, encoding: str | None = None) -> RawTable:
    """Decode a CSV file and split it into rows, refusing what is not CSV text.

    Blank lines (and lines of separators only, which spreadsheets leave) are skipped.
    """
    text, used = read_text(
        path,
        encoding,
        kind=N_("a CSV file"),
        expected=N_("a CSV file"),
        signatures=BINARY_SIGNATURES,
        empty=N_("file is empty, expected a header line and one row per department"),
        limit=CSV_MAX_BYTES,
    )
    first_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    separator = _separator(first_line)
    reader = csv.reader(
        io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=separator, strict=True
    )
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    try:
        line = 1
        for cells in reader:
            if header is None:
                header = [cell.strip() for cell in cells]
            elif any(cell.strip() for cell in cells):
                rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError.single(
            path, _("not valid CSV: {reason}").format(reason=exc), line=reader.line_num
        ) from None
    header, rows = _drop_empty_trailing_columns(header or [], rows)
    return RawTable(str(path), used, separator, header, rows)


def _drop_empty_trailing_columns(
    header: list[str], rows: list[tuple[int, list[str]]]
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Spreadsheets save unused columns as trailing separators ("...,note,,"): drop
    columns at the end that have neither a name nor a value. A value under an
    unnamed column is kept, for the validator to report."""
    width = len(header)
    while (
        width
        and header[width - 1] == ""
        and all(len(cells) < width or not cells[width - 1].strip() for _, cells in rows)
    ):
        width -= 1
    if width == len(header):
        return header, rows
    trimmed = [
        (line, cells[:width] if len(cells) >= len(header) else cells) for line, cells in rows
    ]
    return header[:width], trimmed


@cache
def _schema_text() -> str:
    return resources.files("relocmap.inputs").joinpath(FIGURES_SCHEMA).read_text("utf-8")


def default_schema() -> dict:
    """The Table Schema of the figures, shipped with the package (same as data/schema.json)."""
    return json.loads(_schema_text())


def csv_columns() -> tuple[str, ...]:
    """The figures CSV's columns in the schema's order: the header every writer uses."""
    return tuple(field["name"] for field in default_schema()["fields"])


def figure_columns() -> tuple[str, ...]:
    """The columns that carry a department's figures (all but its code and name)."""
    return tuple(c for c in csv_columns() if c not in ("code", "departement"))
