"""``evolution.png``: one small map per publication, all coloured with the same
classes, one legend for all (drawn with matplotlib, helpers from
:mod:`relocmap.outputs.drawing`). Pure: returns bytes; byte-identical for the same
inputs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.path import Path

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
    map_shapes,
    save_png,
    shown_departments,
)
from relocmap.outputs.wording import title_text

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

Panel = tuple[str, JoinedFigures, Classes]  # (date words, joined, classes)


def evolution_title(joined: JoinedFigures, publication: Publication | None) -> str:
    """``Relocalisations industrielles en … : évolution`` (headed "FICTIF — " as the
    map's title is, from ``publication``: the facts the map shows)."""
    return f"{title_text(joined, publication)} : évolution"


def evolution_grid(count: int) -> tuple[int, int]:
    """``(rows, columns)`` of ``count`` small maps: one row up to three, then rows of
    at most three, as even as possible (4 → 2 × 2, 5 → 3 + 2, 6 → 2 × 3), so that each
    map stays wide enough to read."""
    rows = 1 if count <= 3 else math.ceil(count / 3)
    return rows, math.ceil(count / rows)


@dataclass(frozen=True)
class _Grid:
    """Where the panels go, in inches: columns of ``cell_in``, maps ``map_w_in`` by
    ``map_h_in`` (the region's shape at that width)."""

    rows: int
    columns: int
    cell_in: float
    map_w_in: float
    map_h_in: float

    @classmethod
    def of(cls, count: int, shapes: MapShapes) -> _Grid:
        minx, miny, maxx, maxy = shapes.bounds
        pad = shapes.pad
        rows, columns = evolution_grid(count)
        cell_in = EVOLUTION_PANELS_WIDTH * EVOLUTION_WIDTH_IN / columns
        map_w_in = cell_in * 0.96
        map_h_in = map_w_in * (maxy - miny + 2 * pad) / (maxx - minx + 2 * pad)
        return cls(rows, columns, cell_in, map_w_in, map_h_in)

    def band_in(self, legend_h_in: float) -> float:
        """The panels' height, or the legend's with a margin when it is taller."""
        rows = self.rows
        band_in = rows * (EVOLUTION_DATE_IN + self.map_h_in) + (rows - 1) * EVOLUTION_ROW_GAP_IN
        return max(band_in, legend_h_in + 2 * EVOLUTION_ROW_GAP_IN)


def _draw_panel(
    fig: Figure,
    height_in: float,
    grid: _Grid,
    index: int,
    panel: Panel,
    shapes: MapShapes,
    paths: dict[str, Path],
) -> None:
    """Panel ``index``: its date above its map, in the grid's row and column
    (``height_in``: the figure's height, once known)."""
    when, _joined, classes = panel
    row, column = divmod(index, grid.columns)
    map_top_in = (
        EVOLUTION_PANELS_TOP_IN
        + row * (EVOLUTION_DATE_IN + grid.map_h_in + EVOLUTION_ROW_GAP_IN)
        + EVOLUTION_DATE_IN
    )
    ax = fig.add_axes(
        (
            MARGIN_X + column * grid.cell_in / EVOLUTION_WIDTH_IN,
            1 - (map_top_in + grid.map_h_in) / height_in,
            grid.map_w_in / EVOLUTION_WIDTH_IN,
            grid.map_h_in / height_in,
        )
    )
    ax.set_axis_off()
    ax.set_aspect("equal", adjustable="box", anchor="N")
    draw_departments(ax, shapes, paths, classes, linewidth=0.4)
    ax.set_title(when, fontsize=8.5, color=TEXT_COLOR, fontweight="bold")


def build_evolution_figure(panels: Sequence[Panel], publication: Publication | None) -> Figure:
    """One small map per publication (``(date words, joined, classes)`` in date order),
    all coloured with the same classes, one legend for all.

    The figure's width is fixed; its height follows from the maps' shape: each panel is
    as wide as its column and as tall as the region at that width, the rows are stacked
    under the title block, and the credit line comes just under them (taller only when
    the legend needs more room than the maps)."""
    first = panels[0][1]
    frame, _ = shown_departments(first)
    shapes = map_shapes(frame)
    paths = shapes.paths()
    grid = _Grid.of(len(panels), shapes)
    width_in = EVOLUTION_WIDTH_IN
    fig = Figure(figsize=(width_in, width_in), dpi=PNG_DPI, facecolor="#ffffff")
    FigureCanvasAgg(fig)
    latest_classes = panels[-1][2]
    has_missing = any(
        code not in classes.class_of for _, _, classes in panels for code in frame.index
    )
    legend_x = MARGIN_X + EVOLUTION_PANELS_WIDTH + 0.02
    legend = class_legend(fig, latest_classes, has_missing, (legend_x, 0.5), 7.5)
    # The legend's size is in points: measured now, it sets the least height of the band.
    fig.draw_without_rendering()
    band_in = grid.band_in(legend.get_window_extent().height / fig.dpi)
    height_in = EVOLUTION_PANELS_TOP_IN + band_in + EVOLUTION_FOOT_IN
    fig.set_size_inches(width_in, height_in)

    def from_top(inches: float) -> float:
        """A distance from the figure's top edge, in inches, as a figure fraction."""
        return 1 - inches / height_in

    for index, panel in enumerate(panels):
        _draw_panel(fig, height_in, grid, index, panel, shapes, paths)
    legend.set_bbox_to_anchor((legend_x, from_top(EVOLUTION_PANELS_TOP_IN + band_in / 2)))
    draw_title(fig, evolution_title(first, publication), 14, top=from_top(0.17))
    fig.text(
        MARGIN_X,
        from_top(0.44),
        f"{latest_classes.view.legend_title} à chaque publication, mêmes classes pour toutes",
        fontsize=8.5,
        color=MUTED_COLOR,
        va="top",
    )
    draw_sources(fig, publication, bottom=EVOLUTION_SOURCES_IN / height_in)
    return fig


def render_evolution(panels: Sequence[Panel], publication: Publication | None) -> bytes:
    """``evolution.png``: the small multiples of :func:`build_evolution_figure`;
    byte-identical for the same inputs."""
    title = evolution_title(panels[0][1], publication)
    with matplotlib.rc_context(FONT_RC):
        return save_png(build_evolution_figure(panels, publication), title)
