"""Reading the department boundaries (geo/departements.geojson) and checking everything
later stages rely on: WGS 84 degrees, properties, valid shapes forming one coverage."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
import shapely.geometry

from relocmap.base import codes
from relocmap.base.errors import InputError, Problem
from relocmap.base.i18n import N_, _
from relocmap.files.reading import BINARY_SIGNATURES, parse_json, read_input_bytes, text_position

_GEO_SIGNATURES = {
    b"SQLite format 3\x00": N_("a GeoPackage (or another SQLite database); export it as GeoJSON"),
    b"\x00\x00\x27\x0a": N_("a shapefile's .shp; export it as GeoJSON"),
}


BOUNDARIES_MAX_BYTES = 32 * 1024 * 1024  # geo/departements.geojson: 1.3 MB


BOUNDARIES_MAX_FEATURES = 1000  # France has 101 departments


BOUNDARIES_MAX_POINTS = 1_000_000  # geo/departements.geojson: 67 496


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


_REPROJECT = N_(
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
    if path.is_absolute():
        missing = _(
            "file not found; run relocmap from the project folder, pass --geo, or rebuild "
            "it with 'relocmap boundaries'"
        )
    else:
        missing = _(
            "file not found in {folder}; run relocmap from the project folder, pass --geo, "
            "or rebuild it with 'relocmap boundaries'"
        ).format(folder=Path.cwd())
    data = read_input_bytes(
        path, limit=BOUNDARIES_MAX_BYTES, expected=N_("a GeoJSON file"), missing=missing
    )
    for signature, what in {**BINARY_SIGNATURES, **_GEO_SIGNATURES}.items():
        if data.startswith(signature):
            raise InputError.single(
                path, _("not a GeoJSON file: this is {what}").format(what=_(what))
            )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = text_position(data, exc.start, "utf-8")
        raise InputError.single(
            path,
            _(
                "not a readable GeoJSON file: byte {byte} at character {column} (byte offset "
                "{offset}) is not UTF-8"
            ).format(byte=f"0x{data[exc.start]:02x}", column=column, offset=exc.start),
            line,
        ) from None
    if not text.lstrip().startswith(("{", "[")):
        raise InputError.single(path, _("not a readable GeoJSON file (it is not JSON)"))
    properties, geometries = check_boundaries(path, parse_json(path, text))
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
    features = _features_of(path, collection)
    properties, geometries = _read_features(path, features)
    _check_shapes(path, properties, geometries)
    return properties, geometries


def _features_of(path: Path, collection: object) -> list[Any]:
    """The features of a GeoJSON FeatureCollection in degrees, within the input limits."""
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        got = collection.get("type") if isinstance(collection, dict) else type(collection)
        raise InputError.single(
            path,
            _("expected a GeoJSON FeatureCollection, got {value}").format(value=_describe(got)),
        )
    _check_crs_member(path, collection.get("crs"))
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise InputError.single(path, _("the FeatureCollection has no features"))
    if len(features) > BOUNDARIES_MAX_FEATURES:
        raise InputError.single(
            path,
            _(
                "{count} features, more than the {maximum} relocmap reads (see 'Input limits' "
                "in the README)"
            ).format(count=len(features), maximum=BOUNDARIES_MAX_FEATURES),
        )
    return features


def _read_features(
    path: Path, features: list[Any]
) -> tuple[list[dict[str, object]], list[shapely.Geometry]]:
    """Each feature's properties and shape, or every problem with them at once."""
    problems: list[Problem] = []
    properties: list[dict[str, object]] = []
    geometries: list[shapely.Geometry] = []
    seen: dict[str, int] = {}
    points = 0
    out_of_range: list[tuple[int, tuple[float, float]]] = []
    for number, feature in enumerate(features, start=1):
        label = _("feature {number}").format(number=number)
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(
                Problem(str(path), _("{feature}: not a GeoJSON Feature").format(feature=label))
            )
            continue
        props = feature.get("properties")
        if not isinstance(props, dict):
            problems.append(Problem(str(path), _("{feature}: no properties").format(feature=label)))
            continue
        label, twice = _feature_label(number, props.get("code"), seen)
        problems += [Problem(str(path), twice)] if twice else []
        reasons = _property_problems(props)
        _polygons, reason, count, outside = _rings(feature.get("geometry"))
        points += count
        if reason:
            reasons.append(reason)
        elif outside is not None:
            out_of_range.append((number, outside))
        problems += [
            Problem(str(path), _("{feature}: {reason}").format(feature=label, reason=r))
            for r in reasons
        ]
        if not reasons and outside is None:
            properties.append({name: props[name] for name in BOUNDARY_PROPERTIES})
            geometries.append(_shape(feature["geometry"]))
    if points > BOUNDARIES_MAX_POINTS:
        raise InputError.single(
            path,
            _(
                "{count} points, more than the {maximum} relocmap reads; simplify the shapes "
                "(see 'Input limits' in the README)"
            ).format(count=points, maximum=BOUNDARIES_MAX_POINTS),
        )
    if out_of_range:
        problems.insert(0, _degrees_problem(path, out_of_range, len(features)))
    if problems:
        raise InputError(problems)
    return properties, geometries


def _feature_label(number: int, code: object, seen: dict[str, int]) -> tuple[str, str | None]:
    """How a feature is named in messages ("feature 3 (code 07)"), and the problem of a
    code already seen (``seen``: code → first feature, updated here)."""
    if not isinstance(code, str) or codes.normalize(code) != code:
        return _("feature {number}").format(number=number), None
    twice = None
    if code in seen:
        twice = _("department code {code} appears twice (features {first} and {second})").format(
            code=repr(code), first=seen[code], second=number
        )
    seen.setdefault(code, number)
    return _("feature {number} (code {code})").format(number=number, code=code), twice


def _check_shapes(
    path: Path, properties: list[dict[str, object]], geometries: list[shapely.Geometry]
) -> None:
    """Refuse invalid shapes, and neighbours that do not form one coverage."""
    problems = [
        Problem(
            str(path),
            _(
                "feature {number} (code {code}): invalid shape ({reason}); repair it, e.g. "
                "with QGIS 'Fix geometries' or shapely's make_valid"
            ).format(number=i + 1, code=props["code"], reason=reason),
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
            _(
                "departments {codes} overlap, or do not share their borders vertex for vertex "
                "(near {x}, {y}); neighbouring shapes must meet exactly, as 'relocmap "
                "boundaries' builds them (QGIS: 'Snap geometries to layer')"
            ).format(
                codes=", ".join(map(str, bad[:10])) + (" ..." if len(bad) > 10 else ""),
                x=f"{x:g}",
                y=f"{y:g}",
            ),
        )


def _describe(value: object) -> str:
    if isinstance(value, str):
        return repr(value[:40])
    if isinstance(value, type):
        return _(_JSON_TYPES.get(value, value.__name__))
    return _("an object without a type")


_JSON_TYPES = {
    list: N_("a JSON array"),
    str: N_("a JSON string"),
    int: N_("a JSON number"),
    float: N_("a JSON number"),
    bool: N_("a JSON boolean"),
}


def _check_crs_member(path: Path, crs: object) -> None:
    """RFC 7946 has no 'crs' member; older files name their system there."""
    if crs is None:
        return
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if not isinstance(name, str):
        raise InputError.single(
            path,
            _("has a 'crs' member relocmap cannot read; {fix}").format(fix=_(_REPROJECT)),
        )
    if not any(known.lower() in name.lower() for known in _WGS84_NAMES):
        raise InputError.single(
            path,
            _("declares the coordinate reference system {name}; {fix}").format(
                name=repr(name[:80]), fix=_(_REPROJECT)
            ),
        )


def _text_problem(name: str, value: object) -> str | None:
    if not isinstance(value, str):
        return _("property {name} must be text, got {value}").format(
            name=repr(name), value=_short(value)
        )
    if not value.strip():
        return _("property {name} is empty").format(name=repr(name))
    if len(value) > 200:
        return _("property {name} is {length} characters long; at most 200").format(
            name=repr(name), length=len(value)
        )
    control = _CONTROL.search(value)
    if control:
        return _("property {name} holds the control character {character}").format(
            name=repr(name), character=f"U+{ord(control.group()):04X}"
        )
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
    reasons = [_("missing properties: {names}").format(names=", ".join(missing))] if missing else []
    code = props.get("code", "")
    if not isinstance(code, str):
        reasons.append(
            _(
                'property \'code\' must be text (an INSEE code such as "01", "2A" or "974"), '
                "got {value}"
            ).format(value=_short(code))
        )
    elif "code" in props and codes.normalize(code) != code:
        suggestion = codes.normalize(code)
        if suggestion:
            wrong = _("property 'code' is {value}, not a department code (write {code})")
        else:
            wrong = _("property 'code' is {value}, not a department code such as 01, 2A or 974")
        reasons.append(wrong.format(value=_short(code), code=repr(suggestion)))
    for name in _TEXT_PROPERTIES:
        if name in props:
            reason = _text_problem(name, props[name])
            if reason:
                reasons.append(reason)
    checks = (
        ("population", 1, 1e9, True, N_("a whole number of inhabitants (or null)")),
        ("population_millesime", 1000, 9999, True, N_("a year")),
        ("superficie_km2", 0, 1e8, False, N_("a positive number of km²")),
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
            reasons.append(
                _("property {name} must be {what}, got {value}").format(
                    name=repr(name), what=_(what), value=_short(props[name])
                )
            )
    return reasons


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=True, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


def _rings(geometry: object) -> tuple[list[Any], str | None, int, tuple[float, float] | None]:
    """(polygons, problem, number of points, first position outside degrees)."""
    none: list[Any] = []
    if geometry is None:
        return none, _("no geometry (null); expected a Polygon or MultiPolygon"), 0, None
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in ("Polygon", "MultiPolygon"):
        got = _describe(kind) if kind is not None else _("no GeoJSON geometry")
        reason = _("the geometry is {value}; expected a Polygon or MultiPolygon")
        return none, reason.format(value=got), 0, None
    assert isinstance(geometry, dict)
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if kind == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons or polygons == [[]]:
        return none, _("empty {kind} (no coordinates)").format(kind=kind), 0, None
    points = 0
    outside = None
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return none, _("empty or malformed polygon in the {kind}").format(kind=kind), 0, None
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4:
                return none, _("a ring has fewer than 4 positions"), 0, None
            for position in ring:
                if (
                    type(position) is not list
                    or not 2 <= len(position) <= 3
                    or any(type(v) is not float and type(v) is not int for v in position)
                ):
                    return (
                        none,
                        _(
                            "malformed position {value}; expected [longitude, latitude] numbers"
                        ).format(value=_short(position)),
                        0,
                        None,
                    )
                x, y = position[0], position[1]
                if outside is None and not (-180 <= x <= 180 and -90 <= y <= 90):
                    outside = (float(x), float(y))
            if ring[0][:2] != ring[-1][:2]:
                return (
                    none,
                    _("a ring is not closed (its last position must repeat its first)"),
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
        _("the file looks projected in metres (Lambert-93, EPSG:2154?)")
        if max(abs(x), abs(y)) > 1000
        else _(
            "longitude must be within -180..180 and latitude within -90..90 "
            "(are they swapped, or in another system?)"
        )
    )
    return Problem(
        str(path),
        _(
            "coordinates are not degrees in {count} of {total} features (feature {number}: "
            "{x}, {y}): {what}; {fix}"
        ).format(
            count=len(outside),
            total=total,
            number=number,
            x=f"{x:g}",
            y=f"{y:g}",
            what=what,
            fix=_(_REPROJECT),
        ),
    )


def _shape(geometry: dict[str, Any]) -> shapely.Geometry:
    return shapely.force_2d(shapely.geometry.shape(geometry))
