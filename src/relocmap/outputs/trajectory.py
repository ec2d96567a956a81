"""``trajectoire.png``: the jobs announced at each publication against the plan's
objective line (drawn with matplotlib, helpers from :mod:`relocmap.outputs.drawing`).
Pure: returns bytes; byte-identical for the same inputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import Bbox

from relocmap.base.numbers import fr_decimal, fr_int
from relocmap.inputs.facts import Publication
from relocmap.outputs.drawing import (
    FONT_RC,
    MARGIN_X,
    MUTED_COLOR,
    PNG_DPI,
    TEXT_COLOR,
    draw_title,
    literal,
    save_png,
)
from relocmap.outputs.wording import (
    figures_source,
    french_date,
    mark_fictitious,
    trajectory_total,
)

TRAJECTORY_FIGSIZE_IN = (8.0, 4.5)
TRAJECTORY_BOX = (0.1, 0.17, 0.86, 0.65)  # the chart: left, bottom, width, height
OBJECTIVE_COLOR = "#d95f02"  # ColorBrewer Dark2, apart from the YlGnBu blues
TOTALS_COLOR = "#225ea8"

Point = tuple[Publication, int, bool]  # (facts, total, published?)

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


def trajectory_title(points: Sequence[Point]) -> str:
    """``Emplois annoncés et objectif du plan``, headed "FICTIF — " when any of the
    publications drawn has invented figures."""
    fictitious = any(publication.donnees_fictives for publication, _, _ in points)
    return mark_fictitious("Emplois annoncés et objectif du plan", fictitious)


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


def _draw_totals(ax: Axes, points: Sequence[Point]) -> tuple[Line2D, list[Annotation]]:
    """The totals' line and each total's label, above its point for now."""
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
    return totals_line, labels


def _draw_objective(ax: Axes, latest: Publication, top_total: int) -> Line2D | None:
    """The objective's line, from nothing at the plan's adoption to the objective at its
    end, when the latest facts give all three; the axes' limits either way."""
    objective = latest.objectif_emplois
    if not (objective and latest.adoption_plan is not None and latest.objectif_duree_ans):
        ax.set_ylim(0, top_total * 1.2)
        return None
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
    ax.set_xlim(start - 0.1, end + 0.1)
    ax.set_ylim(0, objective * 1.05)
    return objective_line


def _style_axes(ax: Axes) -> None:
    """Whole years under the x axis, French thousands on the y axis, a light grid."""
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{int(v)}" if v == int(v) else ""))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fr_int(v)))
    ax.tick_params(labelsize=7.5, colors=MUTED_COLOR)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color="#e0e0e0", linewidth=0.5)
    ax.legend(loc="upper left", fontsize=7.5, frameon=False, labelcolor=TEXT_COLOR)


def build_trajectory_figure(points: Sequence[Point]) -> Figure:
    """Total jobs per publication (``(facts, total, published?)``: a sum of departments
    when the release gave no total) against the plan's objective line, when the latest
    facts give the adoption date, the objective and its duration. Each total's label sits
    where it crosses neither line nor another label (:func:`_place_value_labels`)."""
    latest = points[-1][0]
    fig = Figure(figsize=TRAJECTORY_FIGSIZE_IN, dpi=PNG_DPI, facecolor="#ffffff")
    FigureCanvasAgg(fig)
    ax = fig.add_axes(TRAJECTORY_BOX)
    totals_line, labels = _draw_totals(ax, points)
    last_total = points[-1][1]
    objective_line = _draw_objective(ax, latest, max(total for _, total, _ in points))
    avoid = [totals_line] if objective_line is None else [objective_line, totals_line]
    _style_axes(ax)
    draw_title(fig, trajectory_title(points), 14)
    objective = latest.objectif_emplois
    share = ""
    if objective:
        share = f" : {fr_decimal(100 * last_total / objective, 1)} % de l’objectif"
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


def render_trajectory(points: Sequence[Point]) -> bytes:
    """``trajectoire.png``: :func:`build_trajectory_figure`; byte-identical for the same
    inputs."""
    with matplotlib.rc_context(FONT_RC):
        return save_png(build_trajectory_figure(points), trajectory_title(points))
