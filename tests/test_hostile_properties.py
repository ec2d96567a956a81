"""Property tests (Hypothesis): generated bad figures CSVs and bad boundaries files.

Every 'validate' and 'build' run ends with exit status 0 or 2, never a traceback and
never a hang (each run has a time limit); a file 'validate' accepts is built. The
example counts are bounded and the generation is derandomized, so the suite stays
fast and gives the same cases on every machine.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from click.testing import CliRunner, Result
from helpers import HEADER
from hostile import CORSICA_CSV, corsica_features, write_geojson
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from relocmap.cli import main
from relocmap.report import MAX_PROBLEMS_SHOWN

TIME_LIMIT_S = 60  # a hang guard, far above a run's time (about 0.02 s validate, 0.5 s build)


def bounded(examples: int) -> settings:
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def hang(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"no answer within {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(*args: str) -> Result:
    with time_limit(TIME_LIMIT_S):
        result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (0, 2), (result.exit_code, result.output, result.exception)
    # An escaping exception is stored here; a reported error is sys.exit(2).
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert all(line.startswith(("Error: ", "Warning: ")) for line in lines), lines
    assert sum(line.startswith("Error: ") for line in lines) <= MAX_PROBLEMS_SHOWN + 1
    assert ".py:" not in result.stderr  # no raw warning with a library's path
    if result.exit_code == 2:
        assert result.stdout == "" and any(line.startswith("Error: ") for line in lines)
    return result


def validate_then_build(data: Path, geo: Path, out: Path, build: bool) -> None:
    """validate and build agree: a file validate accepts is built, one it refuses is not."""
    checked = run("validate", str(data), "--geo", str(geo))
    event(f"validate exit {checked.exit_code}")
    if not build:
        return
    built = run("build", "--data", str(data), "--geo", str(geo), "--out", str(out))
    assert built.exit_code == checked.exit_code, (checked.output, built.output)
    assert out.is_dir() == (built.exit_code == 0)


# --- figures CSV -------------------------------------------------------------------------

# Characters that have broken parsers: other scripts' digits, spaces of every kind,
# separators, quotes, controls, marks, math and markup signs, formula starts.
HOSTILE_CHARS = (
    "0123456789٠١٢٣४५６７８９ \u00a0\u202f\t,;\"'\r\n\x00\x01\x1b\x7f\x85\ufeff\u200b"
    "$\\^_{}<>&=+-@éÉ«»’\u0301中😀\ud7ff"
)
HOSTILE_CELLS = st.one_of(
    st.text(alphabet=HOSTILE_CHARS, max_size=12),
    st.sampled_from(
        [
            "",
            "-1",
            "1e6",
            "9" * 40,
            "1 000 000",
            "1,5",
            "2A",
            "2a",
            "976",
            "00",
            "Corse-du-Sud",
            "CORSE DU SUD",
            "environ",
            "près de",
            "=cmd|' /C calc'!A0",
            "$\\frac{1}{2}$",
            "<script>alert(1)</script>",
            "x" * 5000,
        ]
    ),
)
ROWS = [line.split(",") for line in CORSICA_CSV.splitlines()]


@st.composite
def figures_csv(draw: st.DrawFn) -> bytes:
    rows = copy.deepcopy(ROWS)
    for _ in range(draw(st.integers(0, 4))):
        row = draw(st.integers(0, len(rows) - 1))
        action = draw(st.sampled_from(["replace", "drop", "add", "duplicate-row"]))
        cells = rows[row]
        if action == "replace" and cells:
            cells[draw(st.integers(0, len(cells) - 1))] = draw(HOSTILE_CELLS)
        elif action == "drop" and cells:
            del cells[draw(st.integers(0, len(cells) - 1))]
        elif action == "add":
            cells.append(draw(HOSTILE_CELLS))
        else:
            rows.append(list(cells))
    separator = draw(st.sampled_from([",", ";", "\t", "|"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(separator.join(cells) for cells in rows) + newline
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):  # damage: a few bytes inserted, or the end cut off
        for _ in range(draw(st.integers(1, 3))):
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at:]
    if draw(st.integers(0, 9)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data


@bounded(300)
@given(figures_csv())
def test_generated_figures_csv_validate_never_crashes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "figures.csv"
        csv_path.write_bytes(data)
        geo = write_geojson(Path(folder) / "corse.geojson", corsica_features())
        validate_then_build(csv_path, geo, Path(folder) / "out", build=False)


NOTE_TEXT = st.text(alphabet=HOSTILE_CHARS.replace("\x00", ""), max_size=30)


@st.composite
def mostly_valid_figures_csv(draw: st.DrawFn) -> bytes:
    """Well-formed files with hostile text where text is allowed (notes), spelling
    variants of numbers and precisions: most are valid, so that 'build' runs."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=draw(st.sampled_from([",", ";", "\t"])))
    for cells in ROWS:
        cells = list(cells)
        if cells[0] != "code":
            cells[3] = draw(st.sampled_from([cells[3], "1 000", "1\u202f000", "0", "٤٠"]))
            cells[4] = draw(st.sampled_from(["exact", "environ", "Près de", "plus_de", "?"]))
            cells[6] = draw(NOTE_TEXT)
        writer.writerow(cells)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return buffer.getvalue().encode(encoding, errors="replace")


@bounded(25)
@given(mostly_valid_figures_csv())
def test_generated_figures_csv_validate_and_build_agree(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "figures.csv"
        csv_path.write_bytes(data)
        geo = write_geojson(Path(folder) / "corse.geojson", corsica_features())
        validate_then_build(csv_path, geo, Path(folder) / "out", build=True)


# --- boundaries --------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**30), 10**30),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(alphabet=HOSTILE_CHARS, max_size=10),
        st.sampled_from(["Polygon", "MultiPolygon", "Point", "Feature", "2A", "2B", "20"]),
    ),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["type", "coordinates", "code", "x"]), children, max_size=3
        )
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a JSON value, but inside long coordinate lists (too many)."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index in sorted({0, len(value) - 1}):
            if value:
                yield from _paths(value[index], (*prefix, index))


def _set(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return document


def _transform(feature: dict[str, Any], how: str, factor: float) -> None:
    """Move every position of a feature's geometry."""

    def walk(value: Any) -> Any:
        if isinstance(value, list) and len(value) >= 2 and isinstance(value[0], (int, float)):
            x, y = value[0], value[1]
            return {
                "scale": [x * factor, y * factor],
                "swap": [y, x],
                "shift": [x + factor, y],
                "round": [round(x, 1), round(y, 1)],
            }[how]
        if isinstance(value, list):
            return [walk(item) for item in value]
        return value

    geometry = feature.get("geometry")
    if isinstance(geometry, dict):
        geometry["coordinates"] = walk(geometry.get("coordinates"))


@st.composite
def boundaries_file(draw: st.DrawFn) -> bytes:
    document: Any = {"type": "FeatureCollection", "features": corsica_features()}
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["replace", "delete", "transform", "duplicate"]))
        features = document.get("features") if isinstance(document, dict) else None
        if action == "transform" and isinstance(features, list) and features:
            feature = features[draw(st.integers(0, len(features) - 1))]
            if isinstance(feature, dict):
                how = draw(st.sampled_from(["scale", "swap", "shift", "round"]))
                factor = draw(st.sampled_from([0.001, 0.5, 1.0001, 3, 1e5, -1, 200]))
                _transform(feature, how, factor)
        elif action == "duplicate" and isinstance(features, list) and features:
            features.append(copy.deepcopy(features[draw(st.integers(0, len(features) - 1))]))
        else:
            paths = list(_paths(document))
            path = draw(st.sampled_from(paths))
            if action == "delete" and path:
                parent = document
                for key in path[:-1]:
                    parent = parent[key]
                del parent[path[-1]]
            else:
                document = _set(document, path, draw(JSON_VALUES))
    text = json.dumps(document)  # may hold NaN and Infinity, as some writers do
    data = text.encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data


@bounded(200)
@given(boundaries_file())
def test_generated_boundaries_validate_never_crashes(geo_bytes: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "figures.csv"
        csv_path.write_text(CORSICA_CSV, encoding="utf-8")
        geo = Path(folder) / "corse.geojson"
        geo.write_bytes(geo_bytes)
        validate_then_build(csv_path, geo, Path(folder) / "out", build=False)


NAME_TEXT = st.text(alphabet=HOSTILE_CHARS, min_size=1, max_size=20)


@st.composite
def mostly_valid_boundaries(draw: st.DrawFn) -> tuple[bytes, str]:
    """Boundaries moved as one (shifted, scaled: still a coverage) with hostile names and
    property values near their limits; and the figures CSV that names them."""
    features = corsica_features()
    how = draw(st.sampled_from(["shift", "scale", "round"]))
    factor = draw(st.sampled_from([0.0, 1.0, -100.0, 150.0, 1.00001]))
    for feature in features:
        _transform(feature, "shift" if how == "round" else how, factor)
        props = feature["properties"]
        props["nom"] = draw(st.one_of(st.just(props["nom"]), NAME_TEXT))
        props["region_nom"] = draw(st.one_of(st.just(props["region_nom"]), NAME_TEXT))
        props["population"] = draw(st.sampled_from([props["population"], None, 1, 10**9]))
        props["superficie_km2"] = draw(st.sampled_from([props["superficie_km2"], 1e-9, 1e8]))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER.split(","))
    for feature, figures in zip(features, (("3", "40"), ("2", "25")), strict=True):
        props = feature["properties"]
        writer.writerow([props["code"], props["nom"], *figures, "exact", "exact", ""])
    geo = json.dumps({"type": "FeatureCollection", "features": features}).encode("utf-8")
    return geo, buffer.getvalue()


@bounded(30)
@given(mostly_valid_boundaries())
def test_generated_boundaries_validate_and_build_agree(case: tuple[bytes, str]) -> None:
    geo_bytes, figures = case
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "figures.csv"
        csv_path.write_text(figures, encoding="utf-8")
        geo = Path(folder) / "corse.geojson"
        geo.write_bytes(geo_bytes)
        validate_then_build(csv_path, geo, Path(folder) / "out", build=True)
