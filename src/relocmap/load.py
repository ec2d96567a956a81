"""Reading input files. The only module that opens them; it never reaches the network."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import geopandas as gpd

from .errors import InputError, Problem

# Signatures of files people mistake for CSV.
_BINARY_SIGNATURES = {
    b"PK\x03\x04": "a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook?); "
    "save it as CSV first",
    b"\xd0\xcf\x11\xe0": "an old Excel .xls workbook; save it as CSV first",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
}
SEPARATORS = (",", ";", "\t")


@dataclass(frozen=True)
class RawTable:
    """A CSV file decoded and split into cells, with the line each row starts on."""

    path: str
    encoding: str
    separator: str
    header: list[str]
    rows: list[tuple[int, list[str]]]


def decode(path: Path, data: bytes, encoding: str | None) -> tuple[str, str]:
    if encoding is not None:
        candidates = [encoding]
    else:
        # What French users save: UTF-8 (with or without BOM) or Excel's Windows-1252.
        candidates = ["utf-8-sig", "cp1252"]
    failures: dict[int, list[str]] = {}  # byte offset -> encodings that stop there
    for name in candidates:
        try:
            return data.decode(name), name
        except UnicodeDecodeError as exc:
            failures.setdefault(exc.start, []).append(name)
        except LookupError:
            raise InputError.single(path, f"unknown encoding {name!r}") from None
    # Each encoding is blamed where it stops: a cp1252 accent that is not UTF-8 is not
    # the byte that stops cp1252 too.
    problems = []
    for start, names in sorted(failures.items()):
        line_start = data.rfind(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode(names[0], errors="replace")) + 1
        problems.append(
            Problem(
                str(path),
                f"byte 0x{data[start]:02x} at character {column} cannot be decoded as "
                f"{' or '.join(names)}; save the file as UTF-8 or pass --encoding",
                data.count(b"\n", 0, start) + 1,
            )
        )
    raise InputError(problems)


def read_text(
    path: str | Path,
    encoding: str | None,
    *,
    kind: str,
    expected: str,
    signatures: Mapping[bytes, str],
    empty: str,
) -> tuple[str, str]:
    """Read a text file, refusing what is not text: (text, encoding used).

    ``kind`` and ``expected`` word the messages ("not a CSV file", "is a
    directory, expected a CSV file"); ``signatures`` maps the first bytes of
    documents people mistake for it to what they are.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError.single(path, "file not found") from None
    except IsADirectoryError:
        raise InputError.single(path, f"is a directory, expected {expected}") from None
    except OSError as exc:
        raise InputError.single(path, f"cannot be read ({exc.strerror})") from None
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise InputError.single(path, empty)
    for signature, what in signatures.items():
        if data.startswith(signature):
            raise InputError.single(path, f"not a {kind}: this is {what}", line=1)
    if encoding is None and data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"  # Excel's "Unicode text" export starts with this mark
    wide = encoding is not None and encoding.lower().replace("_", "-").startswith(
        ("utf-16", "utf-32")
    )
    if b"\x00" in data and not wide:
        offset = data.index(b"\x00")
        raise InputError.single(
            path,
            f"not a {kind}: it holds binary data (NUL byte)",
            line=data.count(b"\n", 0, offset) + 1,
        )
    return decode(path, data, encoding)


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
        kind="CSV file",
        expected="a CSV file",
        signatures=_BINARY_SIGNATURES,
        empty="file is empty, expected a header line and one row per department",
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
        raise InputError.single(path, f"not valid CSV: {exc}", line=reader.line_num) from None
    header, rows = _drop_empty_trailing_columns(header or [], rows)
    return RawTable(str(path), used, separator, header, rows)


def _drop_empty_trailing_columns(header: list[str], rows: list[tuple[int, list[str]]]):
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


def read_json(path: str | Path) -> dict:
    """Read a JSON object from a file, reporting bad JSON with its position."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError.single(path, "file not found") from None
    except UnicodeDecodeError as exc:
        raise InputError.single(path, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise InputError.single(path, f"cannot be read ({exc.strerror})") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError.single(
            path, f"not valid JSON: {exc.msg} (character {exc.colno})", line=exc.lineno
        ) from None
    if not isinstance(value, dict):
        raise InputError.single(path, "expected a JSON object at the top level")
    return value


@cache
def _schema_text() -> str:
    return resources.files("relocmap").joinpath("schema.json").read_text("utf-8")


def default_schema() -> dict:
    """The Table Schema of the figures, shipped with the package (same as data/schema.json)."""
    return json.loads(_schema_text())


def csv_columns() -> tuple[str, ...]:
    """The figures CSV's columns in the schema's order: the header every writer uses."""
    return tuple(field["name"] for field in default_schema()["fields"])


def figure_columns() -> tuple[str, ...]:
    """The columns that carry a department's figures (all but its code and name)."""
    return tuple(c for c in csv_columns() if c not in ("code", "departement"))


BOUNDARY_PROPERTIES = (
    "code",
    "nom",
    "region_code",
    "region_nom",
    "population",
    "population_millesime",
    "superficie_km2",
)


def read_boundaries(path: str | Path) -> gpd.GeoDataFrame:
    """Read the department boundaries (GeoJSON in WGS 84), indexed by code."""
    path = Path(path)
    if not path.is_file():
        where = "" if path.is_absolute() else f" in {Path.cwd()}"
        raise InputError.single(
            path,
            f"file not found{where}; run relocmap from the project "
            "folder, pass --geo, or rebuild it with 'relocmap boundaries'",
        )
    try:
        frame = gpd.read_file(path, engine="pyogrio")
    except Exception as exc:  # pyogrio raises several types for unreadable files
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError.single(path, f"not a readable GeoJSON file ({first})") from None
    missing = [name for name in BOUNDARY_PROPERTIES if name not in frame.columns]
    if missing:
        raise InputError.single(path, f"missing feature properties: {', '.join(missing)}")
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        raise InputError.single(path, f"expected WGS 84 lon/lat (EPSG:4326), got {frame.crs}")
    frame["code"] = frame["code"].astype(str)
    if not frame["code"].is_unique:
        dupes = sorted(frame.loc[frame["code"].duplicated(), "code"].unique())
        raise InputError(
            [Problem(str(path), f"department code {c!r} appears twice") for c in dupes]
        )
    return frame.set_index("code", drop=False).sort_index()
