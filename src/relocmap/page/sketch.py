"""The departments drawn once, as an inline SVG the browser paints with the page's
first frame, before Leaflet is loaded (issue 21). The page script then builds Leaflet's
interactive layer from these same path strings (core.js ``sketchGeometry``), so the
outlines are written once in the page.

Coordinates are Leaflet's pixels at zoom ``SKETCH_ZOOM`` (Web Mercator, as Leaflet
projects them), rounded to integers: 1 unit is about 110 m in France, the precision of
the page's 3-decimal outlines. Each ring is an absolute move, then relative lines.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from urllib.parse import quote

import shapely

# Leaflet's zoom level whose pixels are the sketch's units (256 * 2**10 per world width).
SKETCH_ZOOM = 10
WORLD_UNITS = 256 * 2**SKETCH_ZOOM


def project(lon: float, lat: float) -> tuple[float, float]:
    """Leaflet's EPSG:3857 pixel at zoom SKETCH_ZOOM (y grows southwards)."""
    sin = math.sin(math.radians(max(-85.0511287798, min(85.0511287798, lat))))
    x = (lon + 180.0) / 360.0 * WORLD_UNITS
    y = (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * WORLD_UNITS
    return x, y


def _ring_path(coords: Iterable[Sequence[float]]) -> str:
    points = [tuple(round(v) for v in project(x, y)) for x, y in coords]
    kept = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    if kept[-1] == kept[0]:
        kept.pop()  # "z" closes the ring
    if len(kept) < 3:
        return ""
    steps = [f"{b[0] - a[0]} {b[1] - a[1]}" for a, b in zip(kept, kept[1:], strict=False)]
    # "l1 -2 3 -4" written "l1-2 3-4": a minus sign separates numbers in SVG path data.
    return f"M{kept[0][0]} {kept[0][1]}l" + " ".join(steps).replace(" -", "-") + "z"


def path_data(geometry: shapely.Geometry) -> str:
    """Every ring of a (multi)polygon as SVG path data (filled even-odd, as Leaflet does)."""
    polygons = geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]
    rings = (ring for polygon in polygons for ring in [polygon.exterior, *polygon.interiors])
    return "".join(_ring_path(ring.coords) for ring in rings)


def _frame(bounds: Sequence[Sequence[float]]) -> tuple[float, float, float, float]:
    """The region's frame ([[south, west], [north, east]]) in sketch units: left, top,
    right, bottom."""
    (south, west), (north, east) = bounds
    left, top = project(west, north)
    right, bottom = project(east, south)
    return left, top, right, bottom


def view_box(bounds: Sequence[Sequence[float]]) -> str:
    """The frame of the region in sketch units, as an SVG viewBox."""
    left, top, right, bottom = _frame(bounds)
    return f"{left:.1f} {top:.1f} {right - left:.1f} {bottom - top:.1f}"


def _first_fill(config: dict, feature: dict) -> str:
    """A department's colour in the first view of the latest publication (as core.js
    classColor gives it for the page's initial state)."""
    colors = config["views"][0]["colors"]
    index = feature["properties"]["editions"][-1]["classes"][0]
    return (
        colors[index]
        if isinstance(index, int) and 0 <= index < len(colors)
        else config["noDataColor"]
    )


# The characters JavaScript's encodeURIComponent leaves as they are (with letters and digits).
_URI_COMPONENT_SAFE = "-_.!~*'()"


def sketch_address(config: dict) -> str:
    """The page's address for what the drawing shows, the first view of the latest
    publication, as core.js ``addressOf`` writes it. A page opened at another address (a
    shared link) shows the drawing uncoloured until the page script has coloured it for
    what the address names (page.html.j2, sketch.js ``colour``)."""
    address = "#vue=" + quote(config["views"][0]["name"], safe=_URI_COMPONENT_SAFE)
    if len(config["editions"]) > 1:
        address += "&publication=" + quote(config["editions"][-1]["key"], safe=_URI_COMPONENT_SAFE)
    return address


def sketch_svg(config: dict, paths: Sequence[str]) -> str:
    """The inline SVG: one path per department, in the order of ``config``'s features,
    framed on the region (the page script places it as Leaflet will frame the map)."""
    features = config["features"]["features"]
    shapes = "".join(
        f'<path fill="{_first_fill(config, feature)}" d="{d}"/>'
        for feature, d in zip(features, paths, strict=True)
    )
    return (
        f'<svg class="relocmap-sketch" viewBox="{view_box(config["map"]["bounds"])}" '
        f'aria-hidden="true" focusable="false">{shapes}</svg>'
    )


# The reader's layout (page.js, placeBoxes): the region spans this share of the map's
# width, with bands above for the zoom buttons and below for the credit (px).
READER_FILL = 0.94
READER_BANDS_PX = 64


def reader_map_height(bounds: Sequence[Sequence[float]]) -> str:
    """The map's height in the reader's layout, as CSS: what the region drawn across
    READER_FILL of the width needs (the page's width is the map's: ``vw``)."""
    left, top, right, bottom = _frame(bounds)
    share = READER_FILL * (bottom - top) / (right - left) * 100
    return f"calc({share:.2f}vw + {READER_BANDS_PX}px)"
