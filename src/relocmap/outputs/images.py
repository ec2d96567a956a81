"""The static map: ``carte.png`` (print, social media) and ``carte.svg``, drawn with matplotlib.

Same classes, colours, labels, legend, title and sources as the interactive page:
the caller classifies once (:func:`relocmap.pipeline.classify_views`) and passes
one view's :class:`~relocmap.classify.Classes` here. Pure: returns bytes, writes
nothing (the caller writes atomically). Output is byte-identical for the same
inputs.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
import warnings
from collections.abc import Sequence
from typing import Any, Literal

import geopandas as gpd
import matplotlib
import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path
from matplotlib.text import Annotation, Text
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import Bbox
from matplotlib.typing import RcKeyType
from shapely.geometry.polygon import orient

from relocmap.base import codes
from relocmap.base.numbers import fr_decimal, fr_int
from relocmap.inputs.facts import Publication
from relocmap.inputs.join import JoinedFigures
from relocmap.outputs.classify import Classes
from relocmap.outputs.wording import (
    department_label,
    figures_source,
    french_date,
    label_point,
    legend_items,
    legend_note,
    mark_fictitious,
    overseas_note,
    source_lines,
    subtitle_text,
    title_text,
    trajectory_total,
)

# 8 × 5 in (16:10, reads well in a social-media feed and on a printed page);
# 220 dpi gives a 1760 × 1100 px PNG. Font sizes are in points, so the SVG and
# a print at 8 in wide show the same sizes.
FIGSIZE_IN = (8.0, 5.0)
PNG_DPI = 220
SIMPLIFY_PARTS = 2000  # simplification tolerance: the map's larger extent / this
FIGURE_SCALE = 0.92  # a label's figure line, relative to its name
FONT_RC: dict[RcKeyType, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # shipped with matplotlib: same glyphs everywhere
    "svg.fonttype": "none",  # real <text> in the SVG: searchable, editable
    "svg.hashsalt": "relocmap",  # stable element ids
}
TEXT_COLOR = "#1a1a1a"
MUTED_COLOR = "#444444"
BORDER_COLOR = "#ffffff"
OUTLINE_COLOR = "#8c8c8c"
SWATCH_EDGE = "#777777"
HALO = "#ffffff"

# Layout, in figure fractions: title block on top, map on the left, legend in its
# own column on the right (never over a department), notes and sources at the bottom.
MARGIN_X = 0.035  # left edge of title, map and sources
MAP_BOX = (MARGIN_X, 0.08, 0.68, 0.755)  # left, bottom, width, height
LEGEND_X = 0.74  # rightmost legend position
TITLE_MIN_PT = 9.0  # a title too long for the width is made smaller, down to this


# Characters XML 1.0 cannot hold (the SVG keeps text as text) and other controls:
# drawn as U+FFFD, so that any input gives a well-formed SVG.
_NOT_DRAWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def literal(text: str) -> str:
    """Text from the data as it is drawn: literally (with ``parse_math=False``, a
    ``$`` is a dollar sign, not mathematics), control characters made visible."""
    return _NOT_DRAWABLE.sub("\ufffd", text)


def _class_legend(
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


def _draw_title(fig: Figure, text: str, fontsize: float, top: float = 0.955) -> Text:
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


def _draw_sources(fig: Figure, publication: Publication | None, bottom: float = 0.03) -> None:
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


def shown_departments(joined: JoinedFigures) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Departments drawn (those :func:`relocmap.codes.framed` keeps), and the names of
    the others, which the image names in a note."""
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


def _label_size(count: int) -> float:
    """Department names: 7.5 pt for a region, smaller when many departments share the map."""
    return 7.5 if count <= 20 else max(3.2, 7.5 * (20 / count) ** 0.5)


def _halo_text(
    ax: Axes, xy: tuple[float, float], text: str, size: float, weight: str, va: str
) -> None:
    """Text centred on ``xy`` (``va="bottom"``/``"top"``: just above or below it) over
    a white halo. The halo is its own artist (drawn as outlines); the text on top
    stays plain text, so the SVG keeps it as real, searchable text."""
    nudge = {"bottom": 0.3, "top": -0.3}.get(va, 0.0) * size  # points
    style: dict[str, Any] = dict(
        fontsize=size,
        fontweight=weight,
        ha="center",
        va=va,
        xytext=(0, nudge),
        textcoords="offset points",
        parse_math=False,
    )
    text = literal(text)
    halo = [patheffects.Stroke(linewidth=size * 0.4, foreground=HALO, joinstyle="round")]
    ax.annotate(text, xy, color=HALO, path_effects=halo, **style)
    ax.annotate(text, xy, color=TEXT_COLOR, **style)


def department_labels(frame: gpd.GeoDataFrame, classes: Classes) -> list[str]:
    """Each department's name and, on a second line, the view's figure as published
    ("Isère" over "près de 670"), for a published count; the name alone for a derived
    rate or no data."""
    key = classes.view.key
    precisions = frame.get(f"{key}_precision")
    if precisions is None:
        return [str(name) for name in frame["nom"]]
    return [
        department_label(str(name), value, precision, separator="\n")
        for name, value, precision in zip(frame["nom"], frame[key], precisions, strict=True)
    ]


def build_figure(
    joined: JoinedFigures, classes: Classes, publication: Publication | None
) -> Figure:
    """The matplotlib figure of one view (Agg canvas attached, no pyplot state)."""
    frame, left_out = shown_departments(joined)
    crs = local_crs(frame)
    projected = frame.to_crs(crs)
    # Detail finer than ~half a PNG pixel only weighs on the SVG: drop it, keeping
    # shared borders shared (coverage simplification).
    minx, miny, maxx, maxy = projected.total_bounds
    tolerance = max(maxx - minx, maxy - miny) / SIMPLIFY_PARTS
    projected = projected.set_geometry(
        shapely.coverage_simplify(projected.geometry.to_numpy(), tolerance), crs=crs
    )
    fig = Figure(figsize=FIGSIZE_IN, dpi=PNG_DPI, facecolor="#ffffff")
    FigureCanvasAgg(fig)

    # --- the map -------------------------------------------------------------
    ax = fig.add_axes(MAP_BOX)
    ax.set_axis_off()
    ax.set_aspect("equal", adjustable="box", anchor="W")
    for code, geometry in projected.geometry.items():
        ax.add_patch(
            PathPatch(
                shape_path(geometry),
                facecolor=classes.color(code),
                edgecolor=BORDER_COLOR,
                linewidth=0.6,
            )
        )
    outline = shapely.coverage_union_all(projected.geometry.to_numpy())
    ax.add_patch(PathPatch(shape_path(outline), fill=False, edgecolor=OUTLINE_COLOR, linewidth=0.5))
    pad = 0.01 * max(maxx - minx, maxy - miny)
    ax.set_xlim(minx - pad, maxx + pad)
    ax.set_ylim(miny - pad, maxy + pad)

    points = [label_point(geometry) for geometry in frame.geometry]
    at = gpd.GeoSeries(
        gpd.points_from_xy([p[1] for p in points], [p[0] for p in points]), crs=frame.crs
    ).to_crs(crs)
    size = _label_size(len(frame))
    for label, point in zip(department_labels(frame, classes), at, strict=True):
        name, _, figure = label.partition("\n")
        if not figure:
            _halo_text(ax, (point.x, point.y), name, size, "bold", "center")
            continue
        # The name in bold just above the point, the figure in regular type just below.
        _halo_text(ax, (point.x, point.y), name, size, "bold", "bottom")
        _halo_text(ax, (point.x, point.y), figure, size * FIGURE_SCALE, "normal", "top")

    # --- title, legend, notes, sources ----------------------------------------
    _draw_title(fig, title_text(joined, publication), 15)
    subtitle = subtitle_text(publication)
    if subtitle:
        fig.text(
            MARGIN_X,
            0.885,
            literal(subtitle),
            parse_math=False,
            fontsize=8.5,
            color=MUTED_COLOR,
            va="top",
            wrap=True,
        )

    has_missing = any(code not in classes.class_of for code in frame.index)
    # The legend sits right of the map as drawn (the map keeps its shape, so its
    # box may be narrower than MAP_BOX): close to it, never over it.
    ax.apply_aspect()
    legend_x = min(ax.get_position().x1 + 0.035, LEGEND_X)
    legend = _class_legend(
        fig,
        classes,
        has_missing,
        (legend_x, MAP_BOX[1] + MAP_BOX[3] * 0.5),
        8.5,
        handlelength=1.6,
        handleheight=1.1,
        handletextpad=0.6,
        labelspacing=0.45,
    )
    if classes.bins:
        # Just under the legend's last entry: its height is known once text is laid out.
        fig.draw_without_rendering()
        box = legend.get_window_extent().transformed(fig.transFigure.inverted())
        fig.text(
            legend_x,
            box.y0 - 0.025,
            # The line under the legend, as on the page, wrapped for the legend column.
            literal(textwrap.fill(legend_note(joined, classes), 28)),
            parse_math=False,
            fontsize=6.5,
            color=MUTED_COLOR,
            va="top",
            linespacing=1.3,
        )

    bottom = 0.03
    _draw_sources(fig, publication, bottom)
    if left_out:
        fig.text(
            MARGIN_X,
            bottom + 0.03,
            literal(overseas_note(left_out)),
            parse_math=False,
            fontsize=6.5,
            color=MUTED_COLOR,
            va="bottom",
            style="italic",
        )
    return fig


def render_static(
    joined: JoinedFigures, classes: Classes, publication: Publication | None
) -> dict[str, bytes]:
    """``{"carte.png": …, "carte.svg": …}`` for the view of ``classes``; byte-identical
    for the same inputs (no dates, no version strings, fixed SVG ids)."""
    title = literal(title_text(joined, publication))
    with matplotlib.rc_context(FONT_RC), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = build_figure(joined, classes, publication)
        png, svg = io.BytesIO(), io.BytesIO()
        fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None, "Title": title})
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None, "Title": title})
    _report_missing_glyphs(caught)
    return {"carte.png": png.getvalue(), "carte.svg": svg.getvalue()}


def _report_missing_glyphs(caught: list[warnings.WarningMessage]) -> None:
    """matplotlib's warnings about characters its font lacks, as one warning of ours."""
    missing = sorted(
        {int(m.group(1)) for w in caught if (m := re.match(r"Glyph (\d+) ", str(w.message)))}
    )
    others = [w for w in caught if not re.match(r"Glyph \d+ ", str(w.message))]
    if missing:
        shown = ", ".join(f"U+{code:04X}" for code in missing[:10])
        warnings.warn(
            f"carte.png, carte.svg: the font (DejaVu Sans) has no glyph for {shown}; "
            "these characters are drawn as empty boxes",
            stacklevel=3,
        )
    for warning in others:
        warnings.warn(f"carte.png, carte.svg: {warning.message}", stacklevel=3)


# --- several publications: small multiples and the trajectory ---------------------------

# evolution.png: 8 in wide (1760 px); its height follows from the panels (inches below).
EVOLUTION_WIDTH_IN = 8.0
EVOLUTION_PANELS_WIDTH = 0.74  # the panels' columns, as a fraction of the width
EVOLUTION_PANELS_TOP_IN = 0.56  # from the top edge: title and subtitle above
EVOLUTION_DATE_IN = 0.28  # a panel's date, above its map
EVOLUTION_ROW_GAP_IN = 0.1
EVOLUTION_FOOT_IN = 0.32  # under the last row: the credit line and margins
EVOLUTION_SOURCES_IN = 0.11  # the credit line's baseline above the bottom edge
# A nominal size at the image's width, to measure text (as tests do); the figure drawn
# takes its height from its panels (:func:`build_evolution_figure`).
EVOLUTION_FIGSIZE_IN = (EVOLUTION_WIDTH_IN, 3.8)
TRAJECTORY_FIGSIZE_IN = (8.0, 4.5)
TRAJECTORY_BOX = (0.1, 0.17, 0.86, 0.65)  # the chart: left, bottom, width, height
OBJECTIVE_COLOR = "#d95f02"  # ColorBrewer Dark2, apart from the YlGnBu blues
TOTALS_COLOR = "#225ea8"


def evolution_title(joined: JoinedFigures, publication: Publication | None) -> str:
    """``Relocalisations industrielles en … : évolution`` (headed "FICTIF — " as the
    map's title is, from ``publication``: the facts the map shows)."""
    return f"{title_text(joined, publication)} : évolution"


def trajectory_title(points: Sequence[tuple[Publication, int, bool]]) -> str:
    """``Emplois annoncés et objectif du plan``, headed "FICTIF — " when any of the
    publications drawn has invented figures."""
    fictitious = any(publication.donnees_fictives for publication, _, _ in points)
    return mark_fictitious("Emplois annoncés et objectif du plan", fictitious)


def _save_png(fig: Figure, title: str) -> bytes:
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None, "Title": title})
    return png.getvalue()


def evolution_grid(count: int) -> tuple[int, int]:
    """``(rows, columns)`` of ``count`` small maps: one row up to three, then rows of
    at most three, as even as possible (4 → 2 × 2, 5 → 3 + 2, 6 → 2 × 3), so that each
    map stays wide enough to read."""
    rows = 1 if count <= 3 else math.ceil(count / 3)
    return rows, math.ceil(count / rows)


def build_evolution_figure(
    panels: Sequence[tuple[str, JoinedFigures, Classes]], publication: Publication | None
) -> Figure:
    """One small map per publication (``(date words, joined, classes)`` in date order),
    all coloured with the same classes, one legend for all.

    The figure's width is fixed; its height follows from the maps' shape: each panel is
    as wide as its column and as tall as the region at that width, the rows are stacked
    under the title block, and the credit line comes just under them (taller only when
    the legend needs more room than the maps)."""
    first = panels[0][1]
    frame, _ = shown_departments(first)
    crs = local_crs(frame)
    projected = frame.to_crs(crs)
    minx, miny, maxx, maxy = projected.total_bounds
    tolerance = max(maxx - minx, maxy - miny) / SIMPLIFY_PARTS
    shapes = {
        code: shape_path(geometry)
        for code, geometry in zip(
            projected.index,
            shapely.coverage_simplify(projected.geometry.to_numpy(), tolerance),
            strict=True,
        )
    }
    pad = 0.01 * max(maxx - minx, maxy - miny)
    rows, columns = evolution_grid(len(panels))
    width_in = EVOLUTION_WIDTH_IN
    cell_in = EVOLUTION_PANELS_WIDTH * width_in / columns
    map_w_in = cell_in * 0.96
    map_h_in = map_w_in * (maxy - miny + 2 * pad) / (maxx - minx + 2 * pad)

    fig = Figure(figsize=(width_in, width_in), dpi=PNG_DPI, facecolor="#ffffff")
    FigureCanvasAgg(fig)
    latest_classes = panels[-1][2]
    has_missing = any(
        code not in classes.class_of for _, _, classes in panels for code in frame.index
    )
    legend_x = MARGIN_X + EVOLUTION_PANELS_WIDTH + 0.02
    legend = _class_legend(fig, latest_classes, has_missing, (legend_x, 0.5), 7.5)
    # The legend's size is in points: measured now, it sets the least height of the band.
    fig.draw_without_rendering()
    legend_h_in = legend.get_window_extent().height / fig.dpi
    band_in = rows * (EVOLUTION_DATE_IN + map_h_in) + (rows - 1) * EVOLUTION_ROW_GAP_IN
    band_in = max(band_in, legend_h_in + 2 * EVOLUTION_ROW_GAP_IN)
    height_in = EVOLUTION_PANELS_TOP_IN + band_in + EVOLUTION_FOOT_IN
    fig.set_size_inches(width_in, height_in)

    def from_top(inches: float) -> float:
        """A distance from the figure's top edge, in inches, as a figure fraction."""
        return 1 - inches / height_in

    for index, (when, _joined, classes) in enumerate(panels):
        row, column = divmod(index, columns)
        map_top_in = (
            EVOLUTION_PANELS_TOP_IN
            + row * (EVOLUTION_DATE_IN + map_h_in + EVOLUTION_ROW_GAP_IN)
            + EVOLUTION_DATE_IN
        )
        ax = fig.add_axes(
            (
                MARGIN_X + column * cell_in / width_in,
                from_top(map_top_in + map_h_in),
                map_w_in / width_in,
                map_h_in / height_in,
            )
        )
        ax.set_axis_off()
        ax.set_aspect("equal", adjustable="box", anchor="N")
        for code, path in shapes.items():
            ax.add_patch(
                PathPatch(
                    path,
                    facecolor=classes.color(str(code)),
                    edgecolor=BORDER_COLOR,
                    linewidth=0.4,
                )
            )
        ax.set_xlim(minx - pad, maxx + pad)
        ax.set_ylim(miny - pad, maxy + pad)
        ax.set_title(when, fontsize=8.5, color=TEXT_COLOR, fontweight="bold")
    legend.set_bbox_to_anchor((legend_x, from_top(EVOLUTION_PANELS_TOP_IN + band_in / 2)))
    _draw_title(fig, evolution_title(first, publication), 14, top=from_top(0.17))
    fig.text(
        MARGIN_X,
        from_top(0.44),
        f"{latest_classes.view.legend_title} à chaque publication, mêmes classes pour toutes",
        fontsize=8.5,
        color=MUTED_COLOR,
        va="top",
    )
    _draw_sources(fig, publication, bottom=EVOLUTION_SOURCES_IN / height_in)
    return fig


def render_evolution(
    panels: Sequence[tuple[str, JoinedFigures, Classes]], publication: Publication | None
) -> bytes:
    """``evolution.png``: the small multiples of :func:`build_evolution_figure`;
    byte-identical for the same inputs."""
    title = evolution_title(panels[0][1], publication)
    with matplotlib.rc_context(FONT_RC):
        return _save_png(build_evolution_figure(panels, publication), title)


# A value label's places around its point, in order of preference: (dx, dy) in points,
# horizontal and vertical alignment. Above first, then below, then the diagonals and sides.
HAlign = Literal["left", "center", "right"]
VAlign = Literal["bottom", "center", "top"]
LABEL_PLACES: tuple[tuple[float, float, HAlign, VAlign], ...] = (
    (0, 6, "center", "bottom"),
    (0, -7, "center", "top"),
    (5, -5, "left", "top"),
    (-5, 5, "right", "bottom"),
    (5, 5, "left", "bottom"),
    (-5, -5, "right", "top"),
    (7, 0, "left", "center"),
    (-7, 0, "right", "center"),
)
LABEL_CLEARANCE_PT = 3.0  # least gap between a label and a line or another label


def _chart_credit(fig: Figure, publication: Publication | None) -> None:
    """A chart's credit line: the figures' source only (no map, so no boundaries)."""
    fig.text(
        MARGIN_X,
        0.03,
        literal(f"Chiffres : {figures_source(publication)}"),
        parse_math=False,
        fontsize=6.5,
        color=MUTED_COLOR,
        va="bottom",
    )


def _put_label(label: Annotation, dx: float, dy: float, ha: HAlign, va: VAlign) -> None:
    """A label ``(dx, dy)`` points from its point, aligned by ``ha`` and ``va``."""
    label.xyann = (dx, dy)
    label.set_horizontalalignment(ha)
    label.set_verticalalignment(va)


def _place_value_labels(ax: Axes, labels: Sequence[Annotation], avoid: Sequence[Line2D]) -> None:
    """Move each value label to the first of :data:`LABEL_PLACES` where it crosses none
    of the ``avoid`` lines, no label already placed, and stays inside the axes; where no
    place is free, the one crossing the fewest (lines counted before labels)."""
    fig = ax.get_figure()
    assert isinstance(fig, Figure)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    paths = [line.get_transform().transform_path(line.get_path()) for line in avoid]
    inside = ax.get_window_extent(renderer)
    clearance = LABEL_CLEARANCE_PT * fig.dpi / 72
    placed: list[Bbox] = []
    for label in labels:
        best: tuple[tuple[int, int, int, int], Bbox] | None = None
        for rank, (dx, dy, ha, va) in enumerate(LABEL_PLACES):
            _put_label(label, dx, dy, ha, va)
            box = label.get_window_extent(renderer).padded(clearance)
            crossed = sum(path.intersects_bbox(box, filled=False) for path in paths)
            overlaps = sum(box.overlaps(other) for other in placed)
            outside = int(
                not inside.contains(box.x0, box.y0) or not inside.contains(box.x1, box.y1)
            )
            score = (crossed + outside, overlaps, 0, rank)
            if best is None or score < best[0]:
                best = (score, box)
            if score[:2] == (0, 0):
                break
        assert best is not None
        _put_label(label, *LABEL_PLACES[best[0][3]])
        placed.append(best[1])


def build_trajectory_figure(points: Sequence[tuple[Publication, int, bool]]) -> Figure:
    """Total jobs per publication (``(facts, total, published?)``: a sum of departments
    when the release gave no total) against the plan's objective line, when the latest
    facts give the adoption date, the objective and its duration. Each total's label sits
    where it crosses neither line nor another label (:func:`_place_value_labels`)."""
    latest = points[-1][0]
    fig = Figure(figsize=TRAJECTORY_FIGSIZE_IN, dpi=PNG_DPI, facecolor="#ffffff")
    FigureCanvasAgg(fig)
    ax = fig.add_axes(TRAJECTORY_BOX)
    xs = [p.source_date.year_fraction for p, _, _ in points]
    ys = [total for _, total, _ in points]
    (totals_line,) = ax.plot(
        xs, ys, color=TOTALS_COLOR, linewidth=1.6, marker="o", label="Emplois annoncés"
    )
    labels = []
    for (publication, total, published), x in zip(points, xs, strict=True):
        # The chart's axis says "emplois": the labels need not.
        words = trajectory_total(publication, total, published).replace(" emplois", "")
        labels.append(
            ax.annotate(
                literal(words),
                (x, total),
                parse_math=False,
                xytext=(0, 6),
                textcoords="offset points",
                ha="center",
                fontsize=6.5,
                color=TEXT_COLOR,
            )
        )
    avoid = [totals_line]
    objective = latest.objectif_emplois
    if objective and latest.adoption_plan is not None and latest.objectif_duree_ans:
        start = latest.adoption_plan.year_fraction
        end = start + latest.objectif_duree_ans
        (objective_line,) = ax.plot(
            [start, end],
            [0, objective],
            color=OBJECTIVE_COLOR,
            linewidth=1.2,
            linestyle="--",
            label=f"Objectif : {fr_int(objective)} emplois en {latest.objectif_duree_ans} ans",
        )
        avoid.insert(0, objective_line)
        ax.set_xlim(start - 0.1, end + 0.1)
        ax.set_ylim(0, objective * 1.05)
    else:
        ax.set_ylim(0, max(ys) * 1.2)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{int(v)}" if v == int(v) else ""))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fr_int(v)))
    ax.tick_params(labelsize=7.5, colors=MUTED_COLOR)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color="#e0e0e0", linewidth=0.5)
    ax.legend(loc="upper left", fontsize=7.5, frameon=False, labelcolor=TEXT_COLOR)
    _draw_title(fig, trajectory_title(points), 14)
    share = ""
    if objective:
        share = f" : {fr_decimal(100 * ys[-1] / objective, 1)} % de l’objectif"
    fig.text(
        MARGIN_X,
        0.885,
        f"Total régional à chaque publication ; dernière, {french_date(latest.source_date)}{share}",
        fontsize=8.5,
        color=MUTED_COLOR,
        va="top",
    )
    _chart_credit(fig, latest)
    fig.draw_without_rendering()  # lines and labels laid out: their boxes are known
    _place_value_labels(ax, labels, avoid)
    return fig


def render_trajectory(points: Sequence[tuple[Publication, int, bool]]) -> bytes:
    """``trajectoire.png``: :func:`build_trajectory_figure`; byte-identical for the same
    inputs."""
    with matplotlib.rc_context(FONT_RC):
        return _save_png(build_trajectory_figure(points), trajectory_title(points))
