"""The headline's trajectory chart (several publications): total jobs at each
publication against the plan's objective, a small inline SVG with its text alternative."""

from __future__ import annotations

import math
from collections.abc import Sequence

from relocmap.base.numbers import fr_decimal, fr_int
from relocmap.inputs.facts import Publication
from relocmap.outputs.wording import french_date, french_when, trajectory_total
from relocmap.page.templating import snippet

# The trajectory chart (px of its viewBox): plot area inside these margins.
TRAJECTORY_SIZE = (280, 118)
TRAJECTORY_MARGINS = {"left": 46, "right": 10, "top": 10, "bottom": 22}


def _said(points: Sequence[tuple[str, Publication, int, bool]]) -> str:
    """The chart's text alternative: the total at each publication, then (when the plan
    gives one) the objective and the share of it reached at the latest publication."""
    latest = points[-1][1]
    goal, years, adopted = latest.objectif_emplois, latest.objectif_duree_ans, latest.adoption_plan
    said = "Emplois annoncés : " + ", ".join(
        f"{trajectory_total(p, total, published)} {french_when(p.source_date)}"
        for _, p, total, published in points
    )
    if goal and years and adopted is not None:
        share = fr_decimal(100 * points[-1][2] / goal)
        said += (
            f" ; objectif : {fr_int(goal)} emplois en {years} ans après l’adoption du plan "
            f"({french_date(adopted)}). Dernière publication : {share}\u00a0% de l’objectif."
        )
    return said


def trajectory_html(points: Sequence[tuple[str, Publication, int, bool]]) -> str:
    """The headline's trajectory: total jobs at each publication (``(key, facts, total,
    published?)``, a sum of departments when the release gave no total) against the
    plan's objective line, as a small inline SVG, with its text alternative written out
    under it (which also gives the share of the objective at the latest publication).
    Empty with fewer than two publications."""
    if len(points) < 2:
        return ""
    latest = points[-1][1]
    goal, years, adopted = latest.objectif_emplois, latest.objectif_duree_ans, latest.adoption_plan
    has_goal = bool(goal and years and adopted is not None)
    xs = [p.source_date.year_fraction for _, p, _, _ in points]
    if has_goal:
        assert goal is not None and years is not None and adopted is not None
        start, end, top = adopted.year_fraction, adopted.year_fraction + years, float(goal)
    else:
        start, end, top = xs[0] - 0.25, xs[-1] + 0.25, max(t for _, _, t, _ in points) * 1.2
    width, height = TRAJECTORY_SIZE
    m = TRAJECTORY_MARGINS
    plot_w, plot_h = width - m["left"] - m["right"], height - m["top"] - m["bottom"]

    def x_of(value: float) -> float:
        return round(m["left"] + (value - start) / (end - start) * plot_w, 1)

    def y_of(value: float) -> float:
        return round(m["top"] + plot_h - value / top * plot_h, 1)

    dots = [
        {"key": key, "x": x_of(x), "y": y_of(total)}
        for (key, _, total, _), x in zip(points, xs, strict=True)
    ]
    years_shown = range(math.ceil(start), math.floor(end) + 1)
    ticks = [{"x": x_of(year), "label": str(year)} for year in years_shown if year % 2 == 0]
    return snippet(
        "trajectory.html.j2",
        width=width,
        height=height,
        dots=dots,
        line=" ".join(f"{d['x']},{d['y']}" for d in dots),
        objective={"x1": x_of(start), "y1": y_of(0), "x2": x_of(end), "y2": y_of(top)}
        if has_goal
        else None,
        goal_label=fr_int(top) if has_goal else "",
        ticks=ticks,
        left=m["left"],
        right=width - m["right"],
        bottom=y_of(0),
        top_y=y_of(top),
        said=_said(points),
    )
