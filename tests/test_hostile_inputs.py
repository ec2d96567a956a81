"""Hostile and unlucky inputs, one regression test per class: each ends with a clear
one-line message and exit status 2 (or is accepted), never a traceback or a hang."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import shapely
import shapely.geometry
from click.testing import CliRunner, Result
from helpers import GOOD_ROW, HEADER
from hostile import CORSICA_CSV, corsica_features, corsica_inputs, write_geojson

from relocmap.cli import main
from relocmap.inputs import boundaries, figures
from relocmap.report import MAX_PROBLEMS_SHOWN

# --- running the commands ----------------------------------------------------------


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def assert_refused(result: Result, *words: str) -> str:
    """Exit 2 from a reported error: one 'Error: ' line holding ``words``; returns it."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


@pytest.fixture
def corsica(tmp_path: Path) -> tuple[Path, Path]:
    return corsica_inputs(tmp_path / "inputs")


def validate(data: Path, geo: Path) -> Result:
    return invoke("validate", str(data), "--geo", str(geo))


# --- figures CSV: digits, encodings, floods, size ------------------------------------


@pytest.mark.parametrize(
    ("value", "digit"),
    [
        ("٤٠", "ARABIC-INDIC DIGIT FOUR"),
        ("४०", "DEVANAGARI DIGIT FOUR"),
        ("４０", "FULLWIDTH DIGIT FOUR"),
        ("4٠", "ARABIC-INDIC DIGIT ZERO"),  # mixed scripts
        ("1 ٢٢٠", "ARABIC-INDIC DIGIT TWO"),
    ],
)
def test_digits_of_other_scripts_are_refused(corsica, value, digit):
    data, geo = corsica
    data.write_text(CORSICA_CSV.replace(",40,", f",{value},"), encoding="utf-8")
    message = assert_refused(validate(data, geo), "line 2, column 'emplois'", "ASCII digits 0-9")
    assert digit in message


def test_mostly_utf8_file_with_one_bad_byte_gives_its_byte_offset(corsica):
    data, geo = corsica
    text = CORSICA_CSV.replace("exact,\n2B", "exact,« près de » à côté\n2B")
    broken = text.encode("utf-8").replace(b"Haute", b"H\xe2ute")  # one stray byte
    offset = broken.index(b"\xe2ute")
    data.write_bytes(broken)
    message = assert_refused(validate(data, geo))
    assert message == (
        f"Error: {data}, line 3: byte 0xe2 at character 5 (byte offset {offset}) is not "
        "UTF-8, although the rest of the file is: the file is damaged there; retype that "
        "character, or, if the file is in another encoding, pass it with --encoding "
        "(--encoding cp1252 for Windows-1252, --encoding latin-1 for ISO-8859-1)"
    )


def test_one_accent_and_one_bad_byte_count_as_utf8(corsica):
    """The rule's edge: as many valid UTF-8 characters as bad bytes is UTF-8, damaged."""
    data, geo = corsica
    text = CORSICA_CSV.replace("exact,\n2B", "exact,é\n2B")
    data.write_bytes(text.encode("utf-8").replace(b"Haute", b"H\xe2ute"))
    assert_refused(validate(data, geo), "line 3: byte 0xe2", "is not UTF-8")


def test_real_windows_1252_file_is_still_read(corsica):
    data, geo = corsica
    data.write_bytes(
        CORSICA_CSV.replace("exact,\n2B", "exact,« près de » à côté\n2B").encode("cp1252")
    )
    result = validate(data, geo)
    assert result.exit_code == 0, result.output
    assert "encoding cp1252" in result.stdout


def test_a_flood_of_problems_is_summarised(corsica):
    data, geo = corsica
    data.write_text(HEADER + "\n" + "x\n" * 5000, encoding="utf-8")
    result = validate(data, geo)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == MAX_PROBLEMS_SHOWN + 1
    assert all(line.startswith(f"Error: {data}, line ") for line in lines[:-1])
    assert lines[-1] == (
        f"Error: ... and {5000 - MAX_PROBLEMS_SHOWN} more problems (5000 in all; "
        f"the first {MAX_PROBLEMS_SHOWN} are shown)"
    )


def test_csv_larger_than_the_limit_is_refused_without_reading_it(corsica):
    data, geo = corsica
    with data.open("ab") as handle:
        handle.truncate(figures.CSV_MAX_BYTES + 1)  # sparse: nothing to read
    assert_refused(
        validate(data, geo), "is larger than 1 MiB, the most relocmap reads as a CSV file"
    )


# --- paths that are not regular files -------------------------------------------------


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    """The real program: a hang fails the test (timeout) instead of blocking the suite."""
    return subprocess.run(
        [sys.executable, "-m", "relocmap", *args], capture_output=True, text=True, timeout=120
    )


def test_fifo_as_csv_or_boundaries_never_hangs(corsica, tmp_path):
    data, geo = corsica
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    for args in (
        ["validate", str(fifo), "--geo", str(geo)],
        ["validate", str(data), "--geo", str(fifo)],
        ["build", "--data", str(fifo), "--geo", str(geo), "--out", str(tmp_path / "out")],
    ):
        done = run_process(*args)
        assert done.returncode == 2, done.stderr
        assert done.stderr == f"Error: {fifo}: is a named pipe (FIFO), expected " + (
            "a GeoJSON file\n" if args[-1] == str(fifo) else "a CSV file\n"
        )
    assert not (tmp_path / "out").exists()


def test_device_directory_socket_and_link_loop(corsica, tmp_path):
    data, geo = corsica
    loop = tmp_path / "loop.csv"
    loop.symlink_to(tmp_path / "loop2.csv")
    (tmp_path / "loop2.csv").symlink_to(loop)
    sock_path = tmp_path / "s.csv"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        cases = {
            "/dev/zero": "is a character device, expected a CSV file",
            str(sock_path): "is a socket, expected a CSV file",
            str(loop): "cannot be read: symbolic link loop",
        }
        for path, words in cases.items():
            assert_refused(validate(Path(path), geo), f"Error: {path}: {words}")
    finally:
        server.close()


# --- boundaries -------------------------------------------------------------------------


def mutated(change: Any) -> list[dict[str, Any]]:
    features = copy.deepcopy(corsica_features())
    change(features)
    return features


def set_geometry(geometry: Any, index: int = 0) -> Any:
    def change(features: list[dict[str, Any]]) -> None:
        features[index]["geometry"] = geometry

    return change


def set_property(name: str, value: Any, index: int = 0) -> Any:
    def change(features: list[dict[str, Any]]) -> None:
        features[index]["properties"][name] = value

    return change


def scale(factor: float) -> Any:
    def change(features: list[dict[str, Any]]) -> None:
        for feature in features:
            geometry = shapely.geometry.shape(feature["geometry"])
            moved = shapely.transform(geometry, lambda xy: xy * factor)
            feature["geometry"] = shapely.geometry.mapping(moved)

    return change


BOWTIE = {"type": "Polygon", "coordinates": [[[9, 42], [9.2, 42.2], [9.2, 42], [9, 42.2], [9, 42]]]}
BOUNDARY_CASES = {
    "point": (set_geometry({"type": "Point", "coordinates": [9, 42]}), "the geometry is 'Point'"),
    "null geometry": (set_geometry(None), "no geometry (null)"),
    "empty polygon": (set_geometry({"type": "Polygon", "coordinates": []}), "empty Polygon"),
    "self-intersection": (set_geometry(BOWTIE), "invalid shape (Self-intersection"),
    "open ring": (
        set_geometry(
            {"type": "Polygon", "coordinates": [[[9, 42], [9.1, 42], [9.1, 42.1], [9, 42.2]]]}
        ),
        "a ring is not closed",
    ),
    "text coordinates": (
        set_geometry({"type": "Polygon", "coordinates": [[["9", 42]] * 4]}),
        "malformed position",
    ),
    "metres": (scale(100_000), "the file looks projected in metres"),
    "swapped range": (scale(10), "longitude must be within -180..180"),
    "overlap": (
        lambda f: f[1].__setitem__("geometry", f[0]["geometry"]),
        "departments 2A, 2B overlap",
    ),
    "code as number": (set_property("code", 20), "property 'code' must be text"),
    "code not a department": (set_property("code", "2C"), "not a department code"),
    "code unpadded": (set_property("code", "1"), "(write '01')"),
    "duplicate code": (set_property("code", "2A", 1), "department code '2A' appears twice"),
    "name as number": (set_property("nom", 12), "property 'nom' must be text"),
    "empty region": (set_property("region_nom", " "), "property 'region_nom' is empty"),
    "control character": (set_property("nom", "Corse\x1b[31m"), "control character U+001B"),
    "population text": (set_property("population", "157 249"), "property 'population' must be"),
    "population zero": (set_property("population", 0), "property 'population' must be"),
    "population boolean": (set_property("population", True), "property 'population' must be"),
    "population fraction": (set_property("population", 1.5), "property 'population' must be"),
    "area negative": (set_property("superficie_km2", -3), "property 'superficie_km2' must be"),
    "year": (set_property("population_millesime", 17), "property 'population_millesime'"),
    "missing property": (
        lambda f: f[0]["properties"].pop("region_code"),
        "missing properties: region_code",
    ),
    "not a feature": (lambda f: f.__setitem__(0, [1, 2]), "feature 1: not a GeoJSON Feature"),
}


@pytest.mark.parametrize("case", sorted(BOUNDARY_CASES))
def test_bad_boundaries_are_refused_by_validate_and_build_alike(case, corsica, tmp_path):
    data, _ = corsica
    change, words = BOUNDARY_CASES[case]
    geo = write_geojson(tmp_path / "bad.geojson", mutated(change))
    assert_refused(validate(data, geo), words)
    out = tmp_path / "out"
    assert_refused(
        invoke("build", "--data", str(data), "--geo", str(geo), "--out", str(out)), words
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"type": "FeatureCollection", "features": [NaN]}', "NaN is not a JSON number"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"a": ' + "9" * 5000 + "}", "Exceeds the limit"),
        (
            json.dumps({"type": "FeatureCollection", "features": corsica_features()}).replace(
                ", [8.", ", [1e999, ", 1
            ),
            "coordinates are not degrees in 1 of 2 features (feature 1: inf, ",
        ),
        ('{"type": "Feature"}', "expected a GeoJSON FeatureCollection, got 'Feature'"),
        ('{"type": "FeatureCollection", "features": []}', "has no features"),
        ("<html>", "not a readable GeoJSON file"),
        ('{"type": "FeatureCollection", "crs": 4, "features": []}', "a 'crs' member"),
    ],
)
def test_bad_json_in_boundaries(corsica, tmp_path, text, words):
    data, _ = corsica
    geo = tmp_path / "bad.geojson"
    geo.write_text(text, encoding="utf-8")
    assert_refused(validate(data, geo), words)


def test_too_many_features_or_points_are_refused(corsica, tmp_path, monkeypatch):
    data, geo = corsica
    monkeypatch.setattr(boundaries, "BOUNDARIES_MAX_FEATURES", 1)
    assert_refused(validate(data, geo), "2 features, more than the 1 relocmap reads")
    monkeypatch.setattr(boundaries, "BOUNDARIES_MAX_FEATURES", 1000)
    monkeypatch.setattr(boundaries, "BOUNDARIES_MAX_POINTS", 100)
    assert_refused(validate(data, geo), "points, more than the 100 relocmap reads")


def test_boundaries_larger_than_the_limit(corsica, tmp_path):
    data, _ = corsica
    geo = tmp_path / "huge.geojson"
    with geo.open("ab") as handle:
        handle.truncate(boundaries.BOUNDARIES_MAX_BYTES + 1)
    assert_refused(validate(data, geo), "is larger than 32 MiB")


# --- text in the images and the exports --------------------------------------------------

HOSTILE_NAME = "$\\frac{1}{2}$ <script>&amp; Corse"


def test_data_text_is_drawn_literally_and_exported_safely(corsica, tmp_path):
    data, geo_path = corsica
    features = corsica_features()
    features[0]["properties"]["nom"] = HOSTILE_NAME
    features[1]["properties"]["nom"] = '=HYPERLINK("http://x")'
    geo = write_geojson(tmp_path / "g.geojson", features)
    data.write_text(
        CORSICA_CSV.replace("Corse-du-Sud", HOSTILE_NAME)
        .replace("Haute-Corse", '"=HYPERLINK(""http://x"")"')
        .replace("exact,\n2B", "exact,@SUM(A1)\n2B"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = invoke("build", "--data", str(data), "--geo", str(geo), "--out", str(out))
    assert result.exit_code == 0, result.output
    import xml.etree.ElementTree as ET

    svg = ET.fromstring((out / "carte.svg").read_bytes())
    texts = ["".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert HOSTILE_NAME in texts  # the $…$ as typed, not a fraction
    rows = {
        r["code"]: r for r in csv.DictReader(io.StringIO((out / "relocalisations.csv").read_text()))
    }
    assert rows["2B"]["departement"] == '\'=HYPERLINK("http://x")'
    assert rows["2A"]["note"] == "'@SUM(A1)"
    assert rows["2A"]["departement"] == HOSTILE_NAME
    html = (out / "carte.html").read_text(encoding="utf-8")
    assert "<script>&amp; Corse" not in html  # escaped in the page


def test_no_library_warning_reaches_the_user_raw(corsica, tmp_path):
    """A character the font lacks: matplotlib's warning becomes one line of ours."""
    data, _ = corsica
    features = corsica_features()
    features[0]["properties"]["nom"] = "Corse 中"
    geo = write_geojson(tmp_path / "g.geojson", features)
    data.write_text(CORSICA_CSV.replace("Corse-du-Sud", "Corse 中"), encoding="utf-8")
    result = invoke("build", "--data", str(data), "--geo", str(geo), "--out", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning: ")]
    assert warnings == [
        "Warning: carte.png, carte.svg: the font (DejaVu Sans) has no glyph for U+4E2D; "
        "these characters are drawn as empty boxes"
    ]
    assert ".py" not in result.stderr and "site-packages" not in result.stderr


def test_good_row_helpers_still_validate(tmp_path, geo_path):
    """The full boundaries file passes every check (and the committed header too)."""
    csv_path = tmp_path / "f.csv"
    csv_path.write_text(f"{HEADER}\n{GOOD_ROW}\n", encoding="utf-8")
    assert validate(csv_path, geo_path).exit_code == 0
    assert json.loads(geo_path.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
