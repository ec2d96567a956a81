"""What the images share: font, colours, margins, the title, the credit line, the
classes' legend and the departments' shapes, drawn with matplotlib (no pyplot state).

:mod:`relocmap.outputs.images` draws the map (``carte.png``, ``carte.svg``),
:mod:`relocmap.outputs.evolution` the small multiples (``evolution.png``) and
:mod:`relocmap.outputs.trajectory` the jobs chart (``trajectoire.png``) with these,
so that the three look alike and none repeats another.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.typing import RcKeyType
from shapely.geometry.polygon import orient

from relocmap.base import codes
from relocmap.inputs.facts import Publication
from relocmap.inputs.join import JoinedFigures
from relocmap.outputs.classify import Classes
from relocmap.outputs.wording import legend_items, source_lines

PNG_DPI = 220
SIMPLIFY_PARTS = 2000  # simplification tolerance: the map's larger extent / this
FONT_RC: dict[RcKeyType, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # shipped with matplotlib: same glyphs everywhere
    "svg.fonttype": "none",  # real <text> in the SVG: searchable, editable
    "svg.hashsalt": "relocmap",  # stable element ids
}
TEXT_COLOR = "#1a1a1a"
MUTED_COLOR = "#444444"
BORDER_COLOR = "#ffffff"
SWATCH_EDGE = "#777777"
MARGIN_X = 0.035  # left edge of title, map and sources, in figure fractions
TITLE_MIN_PT = 9.0  # a title too long for the width is made smaller, down to this


# Characters XML 1.0 cannot hold (the SVG keeps text as text) and other controls:
# drawn as U+FFFD, so that any input gives a well-formed SVG.
_NOT_DRAWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def literal(text: str) -> str:
    """Text from the data as it is drawn: literally (with ``parse_math=False``, a
    ``$`` is a dollar sign, not mathematics), control characters made visible."""
    return _NOT_DRAWABLE.sub("\ufffd", text)


def class_legend(
    fig: Figure,
    classes: Classes,
    has_missing: bool,
    anchor: tuple[float, float],
    fontsize: float,
    **layout: float,
) -> Legend:
    """The classes' legend left-anchored at ``anchor``: a swatch per class (and "Pas de
    données" when a department has no value), title and labels in the text colour,
    drawn literally."""
    handles = [
        Patch(facecolor=item["color"], edgecolor=SWATCH_EDGE, linewidth=0.5, label=item["label"])
        for item in legend_items(classes, has_missing)
    ]
    legend = fig.legend(
        handles=handles,
        title=classes.view.legend_title,
        loc="center left",
        bbox_to_anchor=anchor,
        frameon=False,
        alignment="left",
        fontsize=fontsize,
        title_fontproperties={"size": fontsize + 1, "weight": "bold"},
        borderaxespad=0,
        borderpad=0,
        labelcolor=TEXT_COLOR,
        **layout,
    )
    legend.get_title().set_color(TEXT_COLOR)
    for text in (legend.get_title(), *legend.get_texts()):
        text.set_parse_math(False)
    return legend


def draw_title(fig: Figure, text: str, fontsize: float, top: float = 0.955) -> Text:
    """An image's title, top left (its top at ``top``, a figure fraction), bold, drawn
    literally; in a smaller size (by half points, not under :data:`TITLE_MIN_PT`) when
    it would run past the right margin at ``fontsize`` (a long region name, "FICTIF — "
    ahead of the title)."""
    title = fig.text(
        MARGIN_X,
        top,
        literal(text),
        parse_math=False,
        fontsize=fontsize,
        fontweight="bold",
        color=TEXT_COLOR,
        va="top",
    )
    available = (1 - 2 * MARGIN_X) * fig.bbox.width
    width = title.get_window_extent().width
    if width > available:
        fitted = math.floor(2 * fontsize * available / width) / 2
        title.set_fontsize(max(TITLE_MIN_PT, fitted))
    return title


def draw_sources(fig: Figure, publication: Publication | None, bottom: float = 0.03) -> None:
    """The credit line at the foot of an image (figures' and boundaries' sources), drawn
    literally: the figures' source is text from the facts file."""
    fig.text(
        MARGIN_X,
        bottom,
        literal(" · ".join(source_lines(publication))),
        parse_math=False,
        fontsize=6.5,
        color=MUTED_COLOR,
        va="bottom",
    )


def save_png(fig: Figure, title: str) -> bytes:
    """The figure as PNG bytes, titled, without the software's name (byte-identical)."""
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None, "Title": title})
    return png.getvalue()


def shown_departments(joined: JoinedFigures) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Departments drawn (those :func:`relocmap.base.codes.framed` keeps), and the names
    of the others, which the image names in a note."""
    frame = joined.frame
    kept = codes.framed(frame.index)
    return frame[kept], [str(name) for name, k in zip(frame["nom"], kept, strict=True) if not k]


def shape_path(geometry: shapely.Geometry) -> Path:
    """A (multi)polygon as one matplotlib path; rings oriented so holes stay holes."""
    rings = []
    for part in shapely.get_parts(geometry):
        part = orient(part, sign=1.0)
        for ring in (part.exterior, *part.interiors):
            rings.append(Path(np.asarray(ring.coords)[:, :2], closed=True))
    return Path.make_compound_path(*rings)


def local_crs(frame: gpd.GeoDataFrame) -> str:
    """Lambert azimuthal equal-area centred on the departments (centre rounded to 0.01°)."""
    minx, miny, maxx, maxy = frame.total_bounds
    lat, lon = round((miny + maxy) / 2, 2), round((minx + maxx) / 2, 2)
    return f"+proj=laea +lat_0={lat:.2f} +lon_0={lon:.2f} +datum=WGS84 +units=m +no_defs"


@dataclass(frozen=True)
class MapShapes:
    """Departments projected for drawing (:func:`map_shapes`)."""

    crs: str
    codes: list[str]
    geometries: np.ndarray  # simplified, in the order of ``codes``
    bounds: tuple[float, float, float, float]  # minx, miny, maxx, maxy, before simplifying
    pad: float  # margin around the bounds, in metres

    def paths(self) -> dict[str, Path]:
        """Each department's shape as a matplotlib path, by code."""
        return {
            code: shape_path(geometry)
            for code, geometry in zip(self.codes, self.geometries, strict=True)
        }


def map_shapes(frame: gpd.GeoDataFrame) -> MapShapes:
    """The departments in their local equal-area projection (:func:`local_crs`).

    Detail finer than ~half a PNG pixel only weighs on the SVG: it is dropped, keeping
    shared borders shared (coverage simplification).
    """
    crs = local_crs(frame)
    projected = frame.to_crs(crs)
    minx, miny, maxx, maxy = projected.total_bounds
    tolerance = max(maxx - minx, maxy - miny) / SIMPLIFY_PARTS
    return MapShapes(
        crs=crs,
        codes=[str(code) for code in projected.index],
        geometries=shapely.coverage_simplify(projected.geometry.to_numpy(), tolerance),
        bounds=(minx, miny, maxx, maxy),
        pad=0.01 * max(maxx - minx, maxy - miny),
    )


def draw_departments(
    ax: Axes, shapes: MapShapes, paths: dict[str, Path], classes: Classes, linewidth: float
) -> None:
    """Each department in its class colour with white borders, the axes framed on them."""
    for code, path in paths.items():
        ax.add_patch(
            PathPatch(
                path, facecolor=classes.color(code), edgecolor=BORDER_COLOR, linewidth=linewidth
            )
        )
    minx, miny, maxx, maxy = shapes.bounds
    ax.set_xlim(minx - shapes.pad, maxx + shapes.pad)
    ax.set_ylim(miny - shapes.pad, maxy + shapes.pad)
