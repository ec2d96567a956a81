"""The static map: ``carte.png`` (print, social media) and ``carte.svg``, drawn with matplotlib.

Same classes, colours, labels, legend, title and sources as the interactive page:
the caller classifies once (:func:`relocmap.build.classify_views`) and passes one
view's :class:`~relocmap.outputs.classify.Classes` here. Pure: returns bytes, writes
nothing (the caller writes atomically). Output is byte-identical for the same
inputs. What the map shares with the charts is in :mod:`relocmap.outputs.drawing`.
"""

from __future__ import annotations

import io
import re
import textwrap
import warnings
from typing import Any

import geopandas as gpd
import matplotlib
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch

from relocmap.base.i18n import _
from relocmap.base.layout import MAP_PNG, MAP_SVG
from relocmap.inputs.facts import Publication
from relocmap.inputs.join import JoinedFigures
from relocmap.outputs.classify import Classes
from relocmap.outputs.drawing import (
    FONT_RC,
    MARGIN_X,
    MUTED_COLOR,
    PNG_DPI,
    TEXT_COLOR,
    MapShapes,
    class_legend,
    draw_departments,
    draw_sources,
    draw_title,
    literal,
    map_shapes,
    shape_path,
    shown_departments,
)
from relocmap.outputs.wording import (
    department_label,
    label_point,
    legend_note,
    overseas_note,
    subtitle_text,
    title_text,
)

# 8 × 5 in (16:10, reads well in a social-media feed and on a printed page);
# 220 dpi gives a 1760 × 1100 px PNG. Font sizes are in points, so the SVG and
# a print at 8 in wide show the same sizes.
FIGSIZE_IN = (8.0, 5.0)
FIGURE_SCALE = 0.92  # a label's figure line, relative to its name
OUTLINE_COLOR = "#8c8c8c"
HALO = "#ffffff"

# Layout, in figure fractions: title block on top, map on the left, legend in its
# own column on the right (never over a department), notes and sources at the bottom.
MAP_BOX = (MARGIN_X, 0.08, 0.68, 0.755)  # left, bottom, width, height
LEGEND_X = 0.74  # rightmost legend position


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


def _draw_map(fig: Figure, frame: gpd.GeoDataFrame, classes: Classes) -> Axes:
    """The departments in their class colours, the region's outline, then the labels."""
    shapes = map_shapes(frame)
    ax = fig.add_axes(MAP_BOX)
    ax.set_axis_off()
    ax.set_aspect("equal", adjustable="box", anchor="W")
    draw_departments(ax, shapes, shapes.paths(), classes, linewidth=0.6)
    outline = shapely.coverage_union_all(shapes.geometries)
    ax.add_patch(PathPatch(shape_path(outline), fill=False, edgecolor=OUTLINE_COLOR, linewidth=0.5))
    _draw_labels(ax, frame, classes, shapes)
    return ax


def _draw_labels(ax: Axes, frame: gpd.GeoDataFrame, classes: Classes, shapes: MapShapes) -> None:
    """Each department's name in bold just above its label point, its figure in regular
    type just below (the name alone, centred, when there is no figure)."""
    points = [label_point(geometry) for geometry in frame.geometry]
    at = gpd.GeoSeries(
        gpd.points_from_xy([p[1] for p in points], [p[0] for p in points]), crs=frame.crs
    ).to_crs(shapes.crs)
    size = _label_size(len(frame))
    for label, point in zip(department_labels(frame, classes), at, strict=True):
        name, _, figure = label.partition("\n")
        if not figure:
            _halo_text(ax, (point.x, point.y), name, size, "bold", "center")
            continue
        _halo_text(ax, (point.x, point.y), name, size, "bold", "bottom")
        _halo_text(ax, (point.x, point.y), figure, size * FIGURE_SCALE, "normal", "top")


def _draw_legend(
    fig: Figure, ax: Axes, joined: JoinedFigures, frame: gpd.GeoDataFrame, classes: Classes
) -> None:
    """The classes' legend right of the map, and the note under it when there are bins."""
    has_missing = any(code not in classes.class_of for code in frame.index)
    # The legend sits right of the map as drawn (the map keeps its shape, so its
    # box may be narrower than MAP_BOX): close to it, never over it.
    ax.apply_aspect()
    legend_x = min(ax.get_position().x1 + 0.035, LEGEND_X)
    legend = class_legend(
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
    if not classes.bins:
        return
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


def _draw_subtitle(fig: Figure, publication: Publication | None) -> None:
    """The subtitle under the title (the plan's facts), when there is one."""
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


def _draw_foot(fig: Figure, publication: Publication | None, left_out: list[str]) -> None:
    """The sources, and above them the note naming the departments left off the map."""
    bottom = 0.03
    draw_sources(fig, publication, bottom)
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


def build_figure(
    joined: JoinedFigures, classes: Classes, publication: Publication | None
) -> Figure:
    """The matplotlib figure of one view (Agg canvas attached, no pyplot state)."""
    frame, left_out = shown_departments(joined)
    fig = Figure(figsize=FIGSIZE_IN, dpi=PNG_DPI, facecolor="#ffffff")
    FigureCanvasAgg(fig)
    ax = _draw_map(fig, frame, classes)
    draw_title(fig, title_text(joined, publication), 15)
    _draw_subtitle(fig, publication)
    _draw_legend(fig, ax, joined, frame, classes)
    _draw_foot(fig, publication, left_out)
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
    return {MAP_PNG: png.getvalue(), MAP_SVG: svg.getvalue()}


def _report_missing_glyphs(caught: list[warnings.WarningMessage]) -> None:
    """matplotlib's warnings about characters its font lacks, as one warning of ours."""
    missing = sorted(
        {int(m.group(1)) for w in caught if (m := re.match(r"Glyph (\d+) ", str(w.message)))}
    )
    others = [w for w in caught if not re.match(r"Glyph \d+ ", str(w.message))]
    if missing:
        shown = ", ".join(f"U+{code:04X}" for code in missing[:10])
        warnings.warn(
            _(
                "carte.png, carte.svg: the font (DejaVu Sans) has no glyph for {characters}; "
                "these characters are drawn as empty boxes"
            ).format(characters=shown),
            stacklevel=3,
        )
    for warning in others:
        message = _("{files}: {message}").format(
            files="carte.png, carte.svg", message=warning.message
        )
        warnings.warn(message, stacklevel=3)
