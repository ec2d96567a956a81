"""Reading input files. The only module that opens them; it never reaches the network."""

from __future__ import annotations

import csv
import errno
import io
import json
import math
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

import geopandas as gpd
import shapely
import shapely.geometry

from . import codes
from .errors import InputError, Problem

# Signatures of files people mistake for CSV.
_BINARY_SIGNATURES = {
    b"PK\x03\x04": "a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook?); "
    "save it as CSV first",
    b"\xd0\xcf\x11\xe0": "an old Excel .xls workbook; save it as CSV first",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
}
_GEO_SIGNATURES = {
    b"SQLite format 3\x00": "a GeoPackage (or another SQLite database); export it as GeoJSON",
    b"\x00\x00\x27\x0a": "a shapefile's .shp; export it as GeoJSON",
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


# Input limits (README, "Input limits"): far above what real inputs need, low enough
# that nothing is read, parsed or drawn for minutes.
CSV_MAX_BYTES = 1024 * 1024  # the figures of 101 departments take about 5 KB
TEXT_MAX_BYTES = 16 * 1024 * 1024  # other text inputs, unless the caller says otherwise
JSON_MAX_BYTES = 1024 * 1024
BOUNDARIES_MAX_BYTES = 32 * 1024 * 1024  # geo/departements.geojson: 1.3 MB
BOUNDARIES_MAX_FEATURES = 1000  # France has 101 departments
BOUNDARIES_MAX_POINTS = 1_000_000  # geo/departements.geojson: 67 496

_FILE_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(mode: int) -> str | None:
    """What a file of this mode is, if it is not a regular file."""
    for test, what in _FILE_KINDS:
        if test(mode):
            return what
    return None if stat.S_ISREG(mode) else "not a regular file"


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MiB" if size >= 1024 * 1024 else f"{size} bytes"


def read_input_bytes(
    path: str | Path, *, limit: int, expected: str, missing: str = "file not found"
) -> bytes:
    """The bytes of an input file, which must be a regular file of at most ``limit`` bytes.

    Never blocks: a named pipe, a device, a socket or a directory is refused before
    anything is read (and checked again on the opened file), and so is a symbolic
    link loop; a file larger than ``limit`` is refused without being read whole.
    ``expected`` words the messages ("a CSV file"), ``missing`` the one for an
    absent file.
    """
    path = Path(path)
    try:
        what = _not_regular(os.stat(path).st_mode)
        if what is None:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InputError.single(path, missing) from None
    except OSError as exc:
        raise InputError.single(path, _os_reason(exc)) from None
    if what is not None:
        raise InputError.single(path, f"is {what}, expected {expected}")
    try:
        info = os.fstat(fd)
        what = _not_regular(info.st_mode)  # replaced between the two looks
        if what is not None:
            raise InputError.single(path, f"is {what}, expected {expected}")
        too_big = InputError.single(
            path,
            f"is larger than {_size_text(limit)}, the most relocmap reads as {expected} "
            "(see 'Input limits' in the README)",
        )
        if info.st_size > limit:
            raise too_big
        chunks = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1024 * 1024, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # the file grew while being read
            raise too_big
        return b"".join(chunks)
    except OSError as exc:
        raise InputError.single(path, _os_reason(exc)) from None
    finally:
        os.close(fd)


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "cannot be read: symbolic link loop (too many levels of symbolic links)"
    if exc.errno == errno.ENXIO:
        return "cannot be read: it is a socket or a device, not a regular file"
    return f"cannot be read ({exc.strerror or exc})"


# Decoding without --encoding: a file that decodes as UTF-8 is UTF-8. One that does
# not is Windows-1252 (what Excel saves in France) only if its bytes that are not
# UTF-8 outnumber its valid UTF-8 multi-byte characters: in a real Windows-1252
# file, almost no accented letter happens to form a UTF-8 sequence. Otherwise it is a
# UTF-8 file damaged in a few places, and each bad byte is reported with its offset.
AUTO_ENCODINGS = ("utf-8-sig", "cp1252")


def decode(path: Path, data: bytes, encoding: str | None) -> tuple[str, str]:
    """Decode ``data`` (see AUTO_ENCODINGS for the rule without ``encoding``)."""
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
        except LookupError:
            raise InputError.single(path, f"unknown encoding {encoding!r}") from None
        return _blame(path, data, [encoding])
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    text = body.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    if bad == 0:
        return text, "utf-8-sig"
    multibyte = sum(1 for ch in text if ch > "\x7f") - bad
    if multibyte >= bad:
        raise InputError(_damaged_utf8(path, data, len(data) - len(body), text))
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return _blame(path, data, list(AUTO_ENCODINGS))


def _position(data: bytes, start: int, encoding: str) -> tuple[int, int]:
    """(line, character in the line) of byte offset ``start``."""
    line_start = data.rfind(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode(encoding, errors="replace")) + 1
    return data.count(b"\n", 0, start) + 1, column


def _blame(path: Path, data: bytes, candidates: list[str]) -> NoReturn:
    """Each encoding is blamed where it stops: a cp1252 accent that is not UTF-8 is
    not the byte that stops cp1252 too."""
    failures: dict[int, list[str]] = {}  # byte offset -> encodings that stop there
    for name in candidates:
        try:
            data.decode(name)
        except UnicodeDecodeError as exc:
            failures.setdefault(exc.start, []).append(name)
    problems = []
    for start, names in sorted(failures.items()):
        line, column = _position(data, start, names[0])
        problems.append(
            Problem(
                str(path),
                f"byte 0x{data[start]:02x} at character {column} cannot be decoded as "
                f"{' or '.join(names)} (byte offset {start}); save the file as UTF-8 "
                "or pass --encoding",
                line,
            )
        )
    raise InputError(problems)


def _damaged_utf8(path: Path, data: bytes, offset: int, text: str) -> list[Problem]:
    """One problem per byte that is not UTF-8 in an otherwise UTF-8 ``text``
    (decoded with surrogateescape from ``data[offset:]``)."""
    problems = []
    line, column = 1, 1
    for ch in text:
        if "\udc80" <= ch <= "\udcff":
            problems.append(
                Problem(
                    str(path),
                    f"byte 0x{ord(ch) - 0xDC00:02x} at character {column} (byte offset "
                    f"{offset}) is not UTF-8, although the rest of the file is: the file "
                    "is damaged there; retype that character, or pass --encoding if the "
                    "file is in another encoding",
                    line,
                )
            )
            size = 1
        else:
            size = len(ch.encode("utf-8"))
        offset += size
        if ch == "\n":
            line, column = line + 1, 1
        else:
            column += 1
    return problems


def read_text(
    path: str | Path,
    encoding: str | None,
    *,
    kind: str,
    expected: str,
    signatures: Mapping[bytes, str],
    empty: str,
    limit: int = TEXT_MAX_BYTES,
) -> tuple[str, str]:
    """Read a text file, refusing what is not text: (text, encoding used).

    ``kind`` and ``expected`` word the messages ("not a CSV file", "is a
    directory, expected a CSV file"); ``signatures`` maps the first bytes of
    documents people mistake for it to what they are. Only a regular file of at
    most ``limit`` bytes is read (:func:`read_input_bytes`).
    """
    path = Path(path)
    data = read_input_bytes(path, limit=limit, expected=expected)
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
        raise InputError.single(path, f"not valid CSV: {exc}", line=reader.line_num) from None
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


def read_json(path: str | Path, limit: int = JSON_MAX_BYTES) -> dict[str, Any]:
    """Read a JSON object from a file, reporting bad JSON with its position."""
    path = Path(path)
    data = read_input_bytes(path, limit=limit, expected="a JSON file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.single(path, f"not UTF-8 text ({exc.reason})") from None
    value = _parse_json(path, text)
    if not isinstance(value, dict):
        raise InputError.single(path, "expected a JSON object at the top level")
    return value


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a JSON number")


def _parse_json(path: Path, text: str) -> object:
    """Parse JSON text; bad syntax, NaN/Infinity, endless numbers and nesting deep
    enough to exhaust Python's stack are all one-line errors."""
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise InputError.single(
            path, f"not valid JSON: {exc.msg} (character {exc.colno})", line=exc.lineno
        ) from None
    except RecursionError:
        raise InputError.single(path, "not usable JSON: nested too deeply") from None
    except ValueError as exc:  # NaN, or an integer of thousands of digits
        raise InputError.single(path, f"not usable JSON: {exc}") from None


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
_TEXT_PROPERTIES = ("nom", "region_code", "region_nom")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_REPROJECT = (
    "relocmap needs WGS 84 longitude/latitude in degrees (EPSG:4326): reproject the "
    "file, e.g. 'ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson'"
)
_WGS84_NAMES = ("EPSG:4326", "EPSG::4326", "CRS84", "CRS:84", "WGS 84", "WGS84")


def read_boundaries(path: str | Path) -> gpd.GeoDataFrame:
    """Read and check the department boundaries (GeoJSON in WGS 84), indexed by code.

    The one reader of boundaries, so that ``validate`` and ``build`` apply the same
    checks (:func:`check_boundaries`): what it returns, every later stage can draw.
    """
    path = Path(path)
    where = "" if path.is_absolute() else f" in {Path.cwd()}"
    data = read_input_bytes(
        path,
        limit=BOUNDARIES_MAX_BYTES,
        expected="a GeoJSON file",
        missing=f"file not found{where}; run relocmap from the project "
        "folder, pass --geo, or rebuild it with 'relocmap boundaries'",
    )
    for signature, what in {**_BINARY_SIGNATURES, **_GEO_SIGNATURES}.items():
        if data.startswith(signature):
            raise InputError.single(path, f"not a GeoJSON file: this is {what}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start, "utf-8")
        raise InputError.single(
            path,
            f"not a readable GeoJSON file: byte 0x{data[exc.start]:02x} at character "
            f"{column} (byte offset {exc.start}) is not UTF-8",
            line,
        ) from None
    if not text.lstrip().startswith(("{", "[")):
        raise InputError.single(path, "not a readable GeoJSON file (it is not JSON)")
    properties, geometries = check_boundaries(path, _parse_json(path, text))
    frame = gpd.GeoDataFrame(
        properties, columns=list(BOUNDARY_PROPERTIES), geometry=geometries, crs="EPSG:4326"
    )
    return frame.set_index("code", drop=False).sort_index()


def check_boundaries(
    path: Path, collection: object
) -> tuple[list[dict[str, object]], list[shapely.Geometry]]:
    """The properties and shapes of every feature, or every problem found at once.

    Refused: anything but a FeatureCollection of Polygon/MultiPolygon features;
    empty, malformed or invalid (self-intersecting) shapes; coordinates that are
    not longitude/latitude degrees; missing or mistyped properties; repeated codes;
    more features or points than the input limits.
    """
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        got = collection.get("type") if isinstance(collection, dict) else type(collection)
        raise InputError.single(path, f"expected a GeoJSON FeatureCollection, got {_describe(got)}")
    _check_crs_member(path, collection.get("crs"))
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise InputError.single(path, "the FeatureCollection has no features")
    if len(features) > BOUNDARIES_MAX_FEATURES:
        raise InputError.single(
            path,
            f"{len(features)} features, more than the {BOUNDARIES_MAX_FEATURES} relocmap "
            "reads (see 'Input limits' in the README)",
        )
    problems: list[Problem] = []
    properties: list[dict[str, object]] = []
    geometries: list[shapely.Geometry] = []
    seen: dict[str, int] = {}
    points = 0
    out_of_range: list[tuple[int, tuple[float, float]]] = []
    for number, feature in enumerate(features, start=1):
        label = f"feature {number}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(Problem(str(path), f"{label}: not a GeoJSON Feature"))
            continue
        props = feature.get("properties")
        if not isinstance(props, dict):
            problems.append(Problem(str(path), f"{label}: no properties"))
            continue
        code = props.get("code")
        if isinstance(code, str) and codes.normalize(code) == code:
            label += f" (code {code})"
            if code in seen:
                problems.append(
                    Problem(
                        str(path),
                        f"department code {code!r} appears twice "
                        f"(features {seen[code]} and {number})",
                    )
                )
            seen.setdefault(code, number)
        reasons = _property_problems(props)
        _, reason, count, outside = _rings(feature.get("geometry"))
        points += count
        if reason:
            reasons.append(reason)
        elif outside is not None:
            out_of_range.append((number, outside))
        problems += [Problem(str(path), f"{label}: {r}") for r in reasons]
        if not reasons and outside is None:
            properties.append({name: props[name] for name in BOUNDARY_PROPERTIES})
            geometries.append(_shape(feature["geometry"]))
    if points > BOUNDARIES_MAX_POINTS:
        raise InputError.single(
            path,
            f"{points} points, more than the {BOUNDARIES_MAX_POINTS} relocmap reads; "
            "simplify the shapes (see 'Input limits' in the README)",
        )
    if out_of_range:
        problems.insert(0, _degrees_problem(path, out_of_range, len(features)))
    if problems:
        raise InputError(problems)
    problems = [
        Problem(
            str(path),
            f"feature {i + 1} (code {props['code']}): invalid shape "
            f"({reason}); repair it, e.g. with QGIS 'Fix geometries' or shapely's make_valid",
        )
        for i, (props, reason) in enumerate(
            zip(properties, shapely.is_valid_reason(geometries), strict=True)
        )
        if reason != "Valid Geometry"
    ]
    if problems:
        raise InputError(problems)
    # Neighbours must share their borders vertex for vertex, without overlapping: the
    # static map simplifies and outlines them as one coverage.
    edges = shapely.coverage_invalid_edges(geometries)
    bad = [
        props["code"] for props, edge in zip(properties, edges, strict=True) if not edge.is_empty
    ]
    if bad:
        x, y = shapely.get_coordinates(next(e for e in edges if not e.is_empty))[0]
        raise InputError.single(
            path,
            f"departments {', '.join(map(str, bad[:10]))}{' ...' if len(bad) > 10 else ''} "
            f"overlap, or do not share their borders vertex for vertex (near {x:g}, {y:g}); "
            "neighbouring shapes must meet exactly, as 'relocmap boundaries' builds them "
            "(QGIS: 'Snap geometries to layer')",
        )
    return properties, geometries


def _describe(value: object) -> str:
    if isinstance(value, str):
        return repr(value[:40])
    if isinstance(value, type):
        return f"a JSON {_JSON_TYPES.get(value, value.__name__)}"
    return "an object without a type"


_JSON_TYPES = {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}


def _check_crs_member(path: Path, crs: object) -> None:
    """RFC 7946 has no 'crs' member; older files name their system there."""
    if crs is None:
        return
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if not isinstance(name, str):
        raise InputError.single(path, "has a 'crs' member relocmap cannot read; " + _REPROJECT)
    if not any(known.lower() in name.lower() for known in _WGS84_NAMES):
        raise InputError.single(
            path, f"declares the coordinate reference system {name[:80]!r}; " + _REPROJECT
        )


def _text_problem(name: str, value: object) -> str | None:
    if not isinstance(value, str):
        return f"property {name!r} must be text, got {_short(value)}"
    if not value.strip():
        return f"property {name!r} is empty"
    if len(value) > 200:
        return f"property {name!r} is {len(value)} characters long; at most 200"
    control = _CONTROL.search(value)
    if control:
        return f"property {name!r} holds the control character U+{ord(control.group()):04X}"
    return None


def _number(value: object) -> float | None:
    """A JSON number as a float, or None (booleans are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _property_problems(props: dict[str, Any]) -> list[str]:
    """What is wrong with one feature's properties."""
    missing = [name for name in BOUNDARY_PROPERTIES if name not in props]
    reasons = [f"missing properties: {', '.join(missing)}"] if missing else []
    code = props.get("code", "")
    if not isinstance(code, str):
        reasons.append(
            f'property \'code\' must be text (an INSEE code such as "01", "2A" or '
            f'"974"), got {_short(code)}'
        )
    elif "code" in props and codes.normalize(code) != code:
        suggestion = codes.normalize(code)
        reasons.append(
            f"property 'code' is {_short(code)}, not a department code"
            + (f" (write {suggestion!r})" if suggestion else " such as 01, 2A or 974")
        )
    for name in _TEXT_PROPERTIES:
        if name in props:
            reason = _text_problem(name, props[name])
            if reason:
                reasons.append(reason)
    checks = (
        ("population", 1, 1e9, True, "a whole number of inhabitants (or null)"),
        ("population_millesime", 1000, 9999, True, "a year"),
        ("superficie_km2", 0, 1e8, False, "a positive number of km²"),
    )
    for name, low, high, whole, what in checks:
        if name not in props or (name == "population" and props[name] is None):
            continue  # null population: unknown (Mayotte has no figure in the source)
        number = _number(props[name])
        if (
            number is None
            or not (low <= number <= high)
            or (whole and not number.is_integer())
            or number == 0
        ):
            reasons.append(f"property {name!r} must be {what}, got {_short(props[name])}")
    return reasons


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=True, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


def _rings(geometry: object) -> tuple[list[Any], str | None, int, tuple[float, float] | None]:
    """(polygons, problem, number of points, first position outside degrees)."""
    none: list[Any] = []
    if geometry is None:
        return none, "no geometry (null); expected a Polygon or MultiPolygon", 0, None
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in ("Polygon", "MultiPolygon"):
        got = _describe(kind) if kind is not None else "no GeoJSON geometry"
        return none, f"the geometry is {got}; expected a Polygon or MultiPolygon", 0, None
    assert isinstance(geometry, dict)
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if kind == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons or polygons == [[]]:
        return none, f"empty {kind} (no coordinates)", 0, None
    points = 0
    outside = None
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return none, f"empty or malformed polygon in the {kind}", 0, None
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4:
                return none, "a ring has fewer than 4 positions", 0, None
            for position in ring:
                if (
                    type(position) is not list
                    or not 2 <= len(position) <= 3
                    or any(type(v) is not float and type(v) is not int for v in position)
                ):
                    return (
                        none,
                        f"malformed position {_short(position)}; expected [longitude, "
                        "latitude] numbers",
                        0,
                        None,
                    )
                x, y = position[0], position[1]
                if outside is None and not (-180 <= x <= 180 and -90 <= y <= 90):
                    outside = (float(x), float(y))
            if ring[0][:2] != ring[-1][:2]:
                return (
                    none,
                    "a ring is not closed (its last position must repeat its first)",
                    0,
                    None,
                )
            points += len(ring)
    return polygons, None, points, outside


def _degrees_problem(
    path: Path, outside: list[tuple[int, tuple[float, float]]], total: int
) -> Problem:
    number, (x, y) = outside[0]
    what = (
        "the file looks projected in metres (Lambert-93, EPSG:2154?)"
        if max(abs(x), abs(y)) > 1000
        else "longitude must be within -180..180 and latitude within -90..90 "
        "(are they swapped, or in another system?)"
    )
    return Problem(
        str(path),
        f"coordinates are not degrees in {len(outside)} of {total} features "
        f"(feature {number}: {x:g}, {y:g}): {what}; " + _REPROJECT,
    )


def _shape(geometry: dict[str, Any]) -> shapely.Geometry:
    return shapely.force_2d(shapely.geometry.shape(geometry))
