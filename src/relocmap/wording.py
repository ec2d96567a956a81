"""The words both maps show: the interactive page and the static image import them here.

Title, subtitle, source lines, legend entries and notes, and where each
department's name is placed. Neither renderer imports the other: a change of
wording here shows on the page and on the image alike. All text is French.
"""

from __future__ import annotations

import pandas as pd
import shapely
from shapely.ops import polylabel

from .classify import NO_DATA_COLOR, Classes, View
from .join import JoinedFigures
from .numbers import fr_int
from .precision import Precision
from .publication import Publication

NO_DATA_LABEL = "Pas de données"
BOUNDARY_SOURCE = "Contours : IGN ADMIN EXPRESS et INSEE, Licence Ouverte 2.0"
# Label points are rounded to 3 decimals of a degree (~100 m): finer than a pixel
# at the regional zoom, and the same on every platform.
LABEL_DECIMALS = 3


def title_text(joined: JoinedFigures) -> str:
    """``Relocalisations industrielles en Auvergne-Rhône-Alpes`` (or "par département"
    when the figures cover several regions)."""
    names = sorted(joined.frame["region_nom"].unique())
    return (
        f"Relocalisations industrielles en {names[0]}"
        if len(names) == 1
        else "Relocalisations industrielles par département"
    )


def subtitle_text(publication: Publication | None) -> str:
    """The plan (adoption, budget) and the date of the figures; empty without publication."""
    if publication is None:
        return ""
    return (
        f"Plan stratégique de relocalisation adopté en {publication.adoption_plan} "
        f"({publication.budget_plan}) · chiffres publiés en {publication.source_date}"
    )


def figures_source(publication: Publication | None) -> str:
    """Where the figures come from, as the credit line names it."""
    return publication.source if publication else "données fournies (source non précisée)"


def source_lines(publication: Publication | None) -> list[str]:
    """The credit lines: the figures' source, then the boundaries'."""
    return [f"Chiffres : {figures_source(publication)}", BOUNDARY_SOURCE]


def legend_items(classes: Classes, has_missing: bool) -> list[dict[str, str]]:
    """One ``{"color", "label"}`` entry per class, then "Pas de données" when a
    department shown has no value."""
    items = [
        {"color": color, "label": label}
        for color, label in zip(classes.colors, classes.labels(), strict=True)
    ]
    if has_missing:
        items.append({"color": NO_DATA_COLOR, "label": NO_DATA_LABEL})
    return items


def population_note(joined: JoinedFigures, view: View) -> str:
    """For a per-inhabitant view, which population the rate divides by; else empty."""
    if not view.per_inhabitant:
        return ""
    vintages = sorted(joined.frame["population_millesime"].dropna().astype(int).unique())
    return f" ; population municipale INSEE {', '.join(map(str, vintages))}"


def legend_note(joined: JoinedFigures, classes: Classes) -> str:
    """The line under a legend: how the classes were made, and for a rate, which population."""
    return classes.note() + population_note(joined, classes.view)


def overseas_note(names: list[str]) -> str:
    """Names the overseas departments a map leaves out."""
    return "Non représentés sur cette carte (outre-mer) : " + ", ".join(names) + "."


def label_point(geometry: shapely.Geometry) -> list[float]:
    """``[lat, lon]`` where a department's name goes: the pole of inaccessibility of its
    largest part, so the label sits well inside even a crescent-shaped department."""
    largest = max(shapely.get_parts(geometry), key=lambda part: part.area)
    point = polylabel(largest, tolerance=0.005)
    return [round(point.y, LABEL_DECIMALS), round(point.x, LABEL_DECIMALS)]


def department_label(
    name: str, value: float | None, precision: str | None, separator: str = " · "
) -> str:
    """A department's name with its figure as published: ``Isère · près de 670``
    (``separator="\\n"`` puts the figure on a second line); the name alone without
    a figure."""
    if value is None or pd.isna(value):
        return name
    return f"{name}{separator}{Precision(precision or Precision.EXACT).words}{fr_int(value)}"
