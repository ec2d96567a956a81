"""Reading what French users save (files.reading, inputs.figures); refusing what is not CSV."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
import shapely
from helpers import GOOD_ROW, HEADER

from relocmap.base.errors import InputError
from relocmap.files.reading import decode_utf8, read_json
from relocmap.inputs.boundaries import BOUNDARY_PROPERTIES, read_boundaries
from relocmap.inputs.figures import default_schema, read_csv_table


def write(tmp_path, data: bytes, name: str = "f.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def only_problem(excinfo):
    problems = excinfo.value.problems
    assert len(problems) == 1, problems
    return problems[0]


# --- encodings -------------------------------------------------------------------


def test_utf8_without_bom(tmp_path):
    table = read_csv_table(write(tmp_path, f"{HEADER}\n26,Drôme,21,457,exact,exact,\n".encode()))
    assert table.encoding == "utf-8-sig"
    assert table.header == HEADER.split(",")
    assert table.rows == [(2, ["26", "Drôme", "21", "457", "exact", "exact", ""])]


def test_utf8_with_bom_is_not_part_of_first_column(tmp_path):
    data = b"\xef\xbb\xbf" + f"{HEADER}\n26,Drôme,21,457,exact,exact,\n".encode()
    table = read_csv_table(write(tmp_path, data))
    assert table.header[0] == "code"
    assert table.rows[0][1][1] == "Drôme"


def test_windows_1252_from_excel(tmp_path):
    data = f"{HEADER}\r\n26,Drôme,21,457,exact,exact,« près de »\r\n".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the case this test is about
    table = read_csv_table(write(tmp_path, data))
    assert table.encoding == "cp1252"
    assert table.rows == [(2, ["26", "Drôme", "21", "457", "exact", "exact", "« près de »"])]


def test_windows_1252_no_break_space_is_kept(tmp_path):
    data = "code;emplois\r\n69;1\u00a0220\r\n".encode("cp1252")
    assert b"\xa0" in data
    table = read_csv_table(write(tmp_path, data))
    assert table.rows == [(2, ["69", "1\u00a0220"])]


def test_explicit_encoding_is_used(tmp_path):
    data = f"{HEADER}\n26,Drôme,21,457,exact,exact,\n".encode("latin-1")
    table = read_csv_table(write(tmp_path, data), encoding="latin-1")
    assert table.encoding == "latin-1"
    assert table.rows[0][1][1] == "Drôme"


def test_explicit_utf8_refuses_a_cp1252_byte_with_its_line(tmp_path):
    data = f"{HEADER}\n{GOOD_ROW}\n26,Drôme,21,457,exact,exact,\n".encode("cp1252")
    path = write(tmp_path, data)
    with pytest.raises(InputError) as excinfo:
        read_csv_table(path, encoding="utf-8")
    problem = only_problem(excinfo)
    assert problem.path == str(path)
    assert problem.line == 3
    assert "0xf4" in problem.reason  # ô in Windows-1252
    assert "character 6" in problem.reason  # 26,Dr|ô
    assert "utf-8" in problem.reason and "--encoding" in problem.reason


def test_bytes_undecodable_in_utf8_and_cp1252(tmp_path):
    data = f"{HEADER}\n{GOOD_ROW}\n".encode() + b"03,Al\x81\x8dier,5,100,environ,exact,\n"
    path = write(tmp_path, data)
    with pytest.raises(InputError) as excinfo:
        read_csv_table(path)
    problem = only_problem(excinfo)
    assert problem.line == 3
    assert "0x81" in problem.reason
    assert "character 6" in problem.reason
    assert "utf-8-sig or cp1252" in problem.reason


def test_undecodable_position_counts_characters_not_bytes(tmp_path):
    # "Drôme" and "«" take 2 bytes each in UTF-8; the bad byte is the 32nd character.
    line = "26,Drôme,21,457,exact,exact,« p".encode() + b"\x81" + " »".encode()
    path = write(tmp_path, f"{HEADER}\n".encode() + line + b"\n")
    with pytest.raises(InputError) as excinfo:
        read_csv_table(path)
    problem = only_problem(excinfo)
    assert problem.line == 2
    assert "character 32" in problem.reason


def test_cp1252_file_with_an_undefined_byte_points_at_that_byte(tmp_path):
    # Windows-1252 accents on line 2 decode fine as cp1252; only line 4 holds a byte
    # (0x81) that no candidate encoding can decode: the message must lead there.
    data = (
        f"{HEADER}\n26,Drôme,21,457,exact,exact,\n{GOOD_ROW}\n".encode("cp1252")
        + b"03,Allier,5,100,environ,exact,note \x81\n"
    )
    path = write(tmp_path, data)
    with pytest.raises(InputError) as excinfo:
        read_csv_table(path)
    first, second = excinfo.value.problems
    assert (first.line, second.line) == (2, 4)
    assert "0xf4" in first.reason and "utf-8-sig" in first.reason
    # ô is fine in Windows-1252: only UTF-8 is blamed (the advice may name cp1252 to pass).
    assert "cannot be decoded as utf-8-sig (byte offset" in first.reason
    assert "0x81" in second.reason and "character 36" in second.reason
    assert "cannot be decoded as cp1252" in second.reason


def test_unknown_encoding_name(tmp_path):
    path = write(tmp_path, f"{HEADER}\n{GOOD_ROW}\n".encode())
    with pytest.raises(InputError) as excinfo:
        read_csv_table(path, encoding="no-such-codec")
    assert "unknown encoding 'no-such-codec'" in only_problem(excinfo).reason


# --- separators and lines --------------------------------------------------------


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_separator_is_detected(tmp_path, separator):
    header = HEADER.replace(",", separator)
    row = GOOD_ROW.replace(",", separator)
    table = read_csv_table(write(tmp_path, f"{header}\n{row}\n".encode()))
    assert table.separator == separator
    assert table.header == HEADER.split(",")
    assert table.rows == [(2, GOOD_ROW.split(","))]


def test_semicolon_file_keeps_commas_inside_cells(tmp_path):
    data = b"code;emplois;note\n01;564;un, deux\n"
    table = read_csv_table(write(tmp_path, data))
    assert table.separator == ";"
    assert table.rows == [(2, ["01", "564", "un, deux"])]


def test_blank_and_separator_only_lines_are_skipped_but_counted(tmp_path):
    data = (
        f"{HEADER}\r\n\r\n{GOOD_ROW}\r\n,,,,,,\r\n   \r\n03,Allier,5,100,environ,exact,\r\n,,\r\n"
    ).encode()
    table = read_csv_table(write(tmp_path, data))
    assert [line for line, _ in table.rows] == [3, 6]


def test_quoted_multiline_cell_keeps_line_numbers(tmp_path):
    data = (
        f'{HEADER}\n01,Ain,25,564,exact,exact,"two\nlines"\n03,Allier,5,100,environ,exact,\n'
    ).encode()
    table = read_csv_table(write(tmp_path, data))
    assert [line for line, _ in table.rows] == [2, 4]
    assert table.rows[0][1][-1] == "two\nlines"


def test_header_cells_are_stripped(tmp_path):
    table = read_csv_table(write(tmp_path, b" code ; emplois \n01;5\n"))
    assert table.header == ["code", "emplois"]


def test_ragged_rows_are_kept_for_the_validator(tmp_path):
    table = read_csv_table(write(tmp_path, f"{HEADER}\n01,Ain,25\n".encode()))
    assert table.rows == [(2, ["01", "Ain", "25"])]


def test_malformed_quoting_is_reported_with_its_line(tmp_path):
    data = f'{HEADER}\n{GOOD_ROW}\n03,Allier,5,100,environ,exact,"a"b\n'.encode()
    path = write(tmp_path, data)
    with pytest.raises(InputError) as excinfo:
        read_csv_table(path)
    problem = only_problem(excinfo)
    assert problem.line == 3
    assert problem.reason.startswith("not valid CSV")


# --- not CSV at all --------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"\n\n", b"  \r\n\t", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n"])
def test_empty_file(tmp_path, data):
    path = write(tmp_path, data)
    with pytest.raises(InputError) as excinfo:
        read_csv_table(path)
    problem = only_problem(excinfo)
    assert problem.path == str(path)
    assert "file is empty" in problem.reason
    assert "header" in problem.reason


@pytest.mark.parametrize(
    ("signature", "words"),
    [
        (b"PK\x03\x04", "xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xls"),
        (b"%PDF-1.7", "PDF"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
    ],
)
def test_known_binary_formats(tmp_path, signature, words):
    path = write(tmp_path, signature + b"\x14\x00\x06\x00rest of the file")
    with pytest.raises(InputError) as excinfo:
        read_csv_table(path)
    problem = only_problem(excinfo)
    assert problem.line == 1
    assert problem.reason.startswith("not a CSV file")
    assert words in problem.reason


def test_binary_with_nul_reports_its_line(tmp_path):
    data = f"{HEADER}\n{GOOD_ROW}\n".encode() + b"03,Al\x00lier\n"
    path = write(tmp_path, data)
    with pytest.raises(InputError) as excinfo:
        read_csv_table(path)
    problem = only_problem(excinfo)
    assert problem.line == 3
    assert "NUL" in problem.reason and "not a CSV file" in problem.reason


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as excinfo:
        read_csv_table(tmp_path / "nope.csv")
    assert "file not found" in only_problem(excinfo).reason


def test_directory(tmp_path):
    with pytest.raises(InputError) as excinfo:
        read_csv_table(tmp_path)
    assert "is a directory" in only_problem(excinfo).reason


def test_broken_link_says_where_it_points(tmp_path):
    (tmp_path / "link.csv").symlink_to(tmp_path / "gone.csv")
    with pytest.raises(InputError) as excinfo:
        read_csv_table(tmp_path / "link.csv")
    assert (
        only_problem(excinfo).reason
        == f"is a link to {tmp_path / 'gone.csv'}, which does not exist"
    )


# --- JSON, schema ----------------------------------------------------------------


def test_decode_utf8_places_a_bad_byte_after_a_bom(tmp_path):
    data = '\ufeff{"a":\n "é"}'.encode().replace("é".encode(), b"\xe9")
    with pytest.raises(InputError) as excinfo:
        decode_utf8(tmp_path / "x.json", data)
    problem = only_problem(excinfo)
    assert (problem.line, problem.reason) == (
        2,
        "byte 0xe9 at character 3 (byte offset 11) is not UTF-8; save the file as UTF-8",
    )


def test_read_json_object(tmp_path):
    path = write(tmp_path, '\ufeff{"a": 1, "b": "é"}'.encode(), "x.json")
    assert read_json(path) == {"a": 1, "b": "é"}


def test_read_json_bad_syntax_names_line(tmp_path):
    path = write(tmp_path, b'{\n  "a": 1,\n  "b" 2\n}\n', "x.json")
    with pytest.raises(InputError) as excinfo:
        read_json(path)
    problem = only_problem(excinfo)
    assert problem.line == 3
    assert "not valid JSON" in problem.reason


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"[1, 2]", "JSON object"),
        (b'{"a": "\xe9"}', "not UTF-8"),
    ],
)
def test_read_json_refusals(tmp_path, data, words):
    path = write(tmp_path, data, "x.json")
    with pytest.raises(InputError) as excinfo:
        read_json(path)
    assert words in only_problem(excinfo).reason


def test_read_json_missing(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_json(tmp_path / "none.json")


def test_default_schema_is_the_published_one(data_dir):
    assert default_schema() == json.loads((data_dir / "schema.json").read_text("utf-8"))


# --- boundaries ------------------------------------------------------------------


def test_read_boundaries_of_the_repository(geo_path):
    frame = read_boundaries(geo_path)
    assert len(frame) == 101
    assert list(frame.index) == sorted(frame.index)
    assert (frame.index == frame["code"]).all()
    assert frame.crs.to_epsg() == 4326
    assert frame.at["69", "nom"] == "Rhône"
    assert frame.at["2A", "region_code"] == "94"
    assert set(BOUNDARY_PROPERTIES) <= set(frame.columns)


def _geojson(tmp_path, features, name="g.geojson"):
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def _feature(code, at=4.0, **overrides):
    props = {
        "code": code,
        "nom": f"D{code}",
        "region_code": "84",
        "region_nom": "R",
        "population": 1,
        "population_millesime": 2017,
        "superficie_km2": 1.0,
    }
    props.update(overrides)
    return {
        "type": "Feature",
        "id": code,
        "properties": props,
        "geometry": shapely.geometry.mapping(shapely.box(at, 45, at + 0.1, 45.1)),
    }


def test_read_boundaries_keeps_codes_as_text(tmp_path):
    path = _geojson(tmp_path, [_feature("01"), _feature("2A", at=5.0)])
    frame = read_boundaries(path)
    assert list(frame.index) == ["01", "2A"]


def test_read_boundaries_duplicate_codes(tmp_path):
    path = _geojson(tmp_path, [_feature("01"), _feature("01"), _feature("03")])
    with pytest.raises(InputError) as excinfo:
        read_boundaries(path)
    assert "department code '01' appears twice" in only_problem(excinfo).reason


def test_read_boundaries_missing_property(tmp_path):
    feature = _feature("01")
    del feature["properties"]["population"]
    with pytest.raises(InputError) as excinfo:
        read_boundaries(_geojson(tmp_path, [feature]))
    assert only_problem(excinfo).reason == "feature 1 (code 01): missing properties: population"


def test_read_boundaries_declared_crs_other_than_wgs84(tmp_path):
    path = tmp_path / "l93.geojson"
    collection = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}},
        "features": [_feature("01")],
    }
    path.write_text(json.dumps(collection))
    with pytest.raises(InputError) as excinfo:
        read_boundaries(path)
    reason = only_problem(excinfo).reason
    assert "declares the coordinate reference system 'urn:ogc:def:crs:EPSG::2154'" in reason
    assert "EPSG:4326" in reason and "ogr2ogr" in reason


def test_read_boundaries_declared_wgs84_is_accepted(tmp_path):
    path = tmp_path / "wgs84.geojson"
    collection = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": [_feature("01")],
    }
    path.write_text(json.dumps(collection))
    assert list(read_boundaries(path).index) == ["01"]


def test_read_boundaries_geopackage_is_not_geojson(tmp_path):
    frame = gpd.GeoDataFrame(
        [_feature("01")["properties"]], geometry=[shapely.box(4, 45, 4.1, 45.1)], crs=4326
    )
    path = tmp_path / "d.gpkg"
    frame.to_file(path, engine="pyogrio")
    with pytest.raises(InputError) as excinfo:
        read_boundaries(path)
    assert "not a GeoJSON file: this is a GeoPackage" in only_problem(excinfo).reason


def test_read_boundaries_unreadable(tmp_path):
    path = write(tmp_path, b"this is not json", "g.geojson")
    with pytest.raises(InputError) as excinfo:
        read_boundaries(path)
    assert "not a readable GeoJSON file" in only_problem(excinfo).reason


def test_read_boundaries_missing_file(tmp_path):
    with pytest.raises(InputError) as excinfo:
        read_boundaries(tmp_path / "none.geojson")
    assert "relocmap boundaries" in only_problem(excinfo).reason


def test_empty_trailing_columns_from_a_spreadsheet_are_dropped(tmp_path):
    """Excel saves unused columns as trailing separators: "...;note;;"."""
    from relocmap.inputs.figures import read_csv_table

    path = tmp_path / "excel.csv"
    path.write_text(
        "code;departement;projets;emplois;emplois_precision;projets_precision;note;;\n"
        "01;Ain;25;564;exact;exact;;;\n",
        encoding="cp1252",
    )
    table = read_csv_table(path)
    assert table.header[-1] == "note" and len(table.header) == 7
    assert table.rows == [(2, ["01", "Ain", "25", "564", "exact", "exact", ""])]


def test_value_under_an_unnamed_column_is_kept_for_the_validator(tmp_path):
    from relocmap.inputs.figures import read_csv_table

    path = tmp_path / "extra.csv"
    path.write_text(
        "code,departement,projets,emplois,emplois_precision,\n01,Ain,25,564,exact,oops\n",
        encoding="utf-8",
    )
    table = read_csv_table(path)
    assert table.header[-1] == "" and table.rows[0][1][-1] == "oops"


def test_excel_unicode_text_export_is_read(tmp_path):
    """Excel's "Texte Unicode" is UTF-16 with a byte-order mark and tabs."""
    from relocmap.inputs.figures import read_csv_table

    path = tmp_path / "unicode.txt"
    path.write_bytes(
        "code\tdepartement\tprojets\templois\templois_precision\n"
        "69\tRhône\t36\t1 220\texact\n".encode("utf-16")
    )
    table = read_csv_table(path)
    assert table.encoding == "utf-16" and table.separator == "\t"
    assert table.rows == [(2, ["69", "Rhône", "36", "1 220", "exact"])]
