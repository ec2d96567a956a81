"""The departments' inline drawing (relocmap.page.sketch): integer path data in
Leaflet's pixels at zoom 10, one copy of the page's outlines."""

from __future__ import annotations

import re

import pytest
import shapely
from helpers import page_features, page_sketch_paths

from relocmap.build import build_map
from relocmap.page import MapOptions
from relocmap.page.sketch import WORLD_UNITS, path_data, project, sketch_address, view_box


def rings_of(d: str) -> list[list[tuple[int, int]]]:
    """The rings of path data written by path_data, as absolute points."""
    rings = []
    for ring in re.findall(r"M(-?\d+) (-?\d+)l([^z]*)z", d):
        x, y = int(ring[0]), int(ring[1])
        points = [(x, y)]
        numbers = [int(n) for n in re.findall(r"-?\d+", ring[2])]
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
        rings.append(points)
    return rings


def test_projection_is_leaflets_at_zoom_10():
    assert project(0, 0) == (WORLD_UNITS / 2, WORLD_UNITS / 2)
    assert project(-180, 0)[0] == 0
    x, y = project(4.8357, 45.764)  # Lyon
    assert round(x) == 134_593 and 92_000 < y < 94_000


def test_a_polygon_with_a_hole_is_two_rings_relative_after_the_first_point():
    square = shapely.Polygon(
        [(0, 0), (1, 0), (1, 1), (0, 1)], holes=[[(0.4, 0.4), (0.6, 0.4), (0.6, 0.6)]]
    )
    d = path_data(square)
    assert d.count("M") == 2 and d.count("z") == 2
    # "l1-2": a minus sign is the separator, no space before it
    assert " -" not in d
    outer, hole = rings_of(d)
    assert outer[0] == tuple(round(v) for v in project(0, 0))
    assert outer[1] == tuple(round(v) for v in project(1, 0))
    assert len(outer) == 4 and len(hole) == 3  # "z" closes them


def test_repeated_points_and_slivers_are_dropped():
    tiny = shapely.Polygon([(5, 45), (5.00001, 45), (5.00001, 45.00001)])
    assert path_data(tiny) == ""
    ring = path_data(shapely.Polygon([(5, 45), (5, 45), (6, 45), (6, 46)]))
    assert len(rings_of(ring)[0]) == 3


def test_view_box_is_the_frame_in_the_same_units():
    left, top, width, height = (float(v) for v in view_box([[45, 4], [46, 6]]).split())
    assert (left, top) == pytest.approx(project(4, 46), abs=0.1)
    assert (left + width, top + height) == pytest.approx(project(6, 45), abs=0.2)


@pytest.fixture(scope="module")
def page_html(paths, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("page")
    build_map(paths["data"], paths["geo"], out, paths["facts"], MapOptions())
    return (out / "carte.html").read_text(encoding="utf-8")


def test_the_page_draws_every_department_once_in_the_features_order(page_html):
    features = page_features(page_html)
    paths = page_sketch_paths(page_html)
    assert len(paths) == len(features) == 12
    assert all(feature["geometry"] is None for feature in features)
    # each department's drawing lies around its label point
    for feature, d in zip(features, paths, strict=True):
        points = [p for ring in rings_of(d) for p in ring]
        lat, lon = feature["properties"]["labelAt"]
        x, y = project(lon, lat)
        assert min(p[0] for p in points) < x < max(p[0] for p in points)
        assert min(p[1] for p in points) < y < max(p[1] for p in points)


def test_the_drawings_address_is_written_as_the_page_script_writes_it():
    """core.js addressOf: "#vue=" and the view's name, then "&publication=" and the key
    when the page has several, each as encodeURIComponent escapes it."""
    views = [{"name": "emplois"}, {"name": "projets"}]
    one = {"views": views, "editions": [{"key": "2022"}]}
    assert sketch_address(one) == "#vue=emplois"
    several = {"views": views, "editions": [{"key": "2022-12-01"}, {"key": "2023-06-30"}]}
    assert sketch_address(several) == "#vue=emplois&publication=2023-06-30"
    # encodeURIComponent("é/ (x)&y") is "%C3%A9%2F%20(x)%26y"
    odd = {"views": [{"name": "é/ (x)&y"}], "editions": [{"key": "a"}]}
    assert sketch_address(odd) == "#vue=%C3%A9%2F%20(x)%26y"
