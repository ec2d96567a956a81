"""The departments as the page script reads them: a GeoJSON feature collection with
lighter outlines, and per publication each department's classes, texts and circle."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import shapely

from relocmap.base.numbers import fr_int
from relocmap.outputs.classify import CHANGE_VIEW, Classes
from relocmap.outputs.wording import label_point
from relocmap.page.edition import Edition
from relocmap.page.sketch import path_data
from relocmap.page.table import table_sort_keys
from relocmap.page.texts import change_tip, change_words, figure_texts, view_value

# Simplification for the page only (degrees, coverage-preserving): the boundaries
# file keeps 250 m detail; the page keeps ~550-780 m (0.007°: about a pixel at the
# regional zoom; IoU with the boundaries file ≥ 0.988 in Auvergne-Rhône-Alpes, was
# 0.989 at 0.0065°, which no longer fitted the 100 000-byte budget once the page
# gained its accessible, content-first and publishing parts) and rounds to 3
# decimals (~100 m), which halves its weight.
PAGE_SIMPLIFY_DEG = 0.007
PAGE_DECIMALS = 3


def page_geometry(frame: pd.DataFrame) -> pd.Series:
    """Lighter outlines for the page, still a coverage (shared borders shared)."""
    simplified = shapely.coverage_simplify(frame.geometry.to_numpy(), PAGE_SIMPLIFY_DEG)
    rounded = [shapely.transform(g, lambda xy: np.round(xy, PAGE_DECIMALS)) for g in simplified]
    return pd.Series(rounded, index=frame.index)


# The proportional circles (jobs): the largest value's radius, in pixels.
CIRCLE_MAX_RADIUS_PX = 30
# Room above the circles' legend for the top half of its largest label (px).
LABEL_ROOM = 7


def circle_radius(value: float, largest: float) -> float:
    """Radius in pixels of a circle whose area is proportional to ``value``."""
    return round(CIRCLE_MAX_RADIUS_PX * math.sqrt(value / largest), 1) if largest > 0 else 0.0


def circle_legend(largest: float) -> dict | None:
    """Two or three nested reference circles with round values below the largest."""
    if not largest or pd.isna(largest):
        return None
    magnitude = 10 ** math.floor(math.log10(largest))
    top = max(m * magnitude for m in (1, 2, 5) if m * magnitude <= largest)
    references = [v for v in (top, top / 2, top / 10) if v >= 1]
    radius = circle_radius(top, largest)
    # The largest label is centred on the top of its circle: without room above, the
    # tops of its 12 px digits are cut ("1 000").
    cx, bottom = radius + 2, 2 * radius + 4 + LABEL_ROOM
    refs = []
    for value in references:
        r = circle_radius(value, largest)
        refs.append(
            {
                "r": r,
                "cy": round(bottom - r, 1),
                "top": round(bottom - 2 * r, 1),
                "label": fr_int(value),
            }
        )
    return {
        "references": refs,
        "cx": cx,
        "line_end": round(2 * radius + 10, 1),
        "width": round(2 * radius + 60),
        "height": round(bottom + 2),
        "description": "Cercles de référence : " + ", ".join(f"{r['label']} emplois" for r in refs),
    }


def _edition_entry(
    edition: Edition,
    code: str,
    classes: Sequence[Classes],
    largest: float,
    region_count: int,
    tied: bool,
) -> dict[str, object]:
    """One department in one edition: class and tooltip figure per view, and with
    figures, their texts (popup and table), sort keys, circle radius, change, note."""
    row = edition.joined.frame.loc[code]
    tips = [
        change_tip(edition, code) if c.view is CHANGE_VIEW else view_value(row, c.view)
        for c in classes
    ]
    entry: dict[str, object] = {
        "classes": [c.class_of.get(code) for c in classes],
        "tips": tips,
    }
    texts = figure_texts(row, region_count, tied)
    if texts:
        entry["texts"] = texts
        entry["sort"] = table_sort_keys(row)
        entry["radius"] = circle_radius(row["emplois"], largest)
    change = change_words(edition.changes.get(code)) if edition.changes is not None else None
    if change is not None:
        entry["change"] = change
    if isinstance(row["note"], str) and row["note"]:
        entry["note"] = row["note"]
    return entry


def department_paths(editions: Sequence[Edition]) -> list[str]:
    """Each department's page outline as SVG path data, in the order of
    :func:`feature_collection` (see :mod:`relocmap.page.sketch`)."""
    geometry = page_geometry(editions[-1].joined.frame)
    return [path_data(shape) for shape in geometry]


def feature_collection(
    editions: Sequence[Edition], classes: Mapping[str, Sequence[Classes]]
) -> dict[str, object]:
    """The departments for the page: geometry once, then per edition (in the order of
    ``editions``) each department's classes, texts and figures (:func:`_edition_entry`).

    Texts are plain: the script writes them as text, never as markup.
    """
    frame = editions[-1].joined.frame
    largest = max(e.joined.frame["emplois"].max() for e in editions)
    counts, ties = [], []
    for edition in editions:
        shown = edition.joined.frame
        counts.append(shown["emplois"].notna().groupby(shown["region_code"]).sum())
        # How many departments of a region share each jobs rank (ties: "10e ex aequo").
        sharing = shown.groupby(["region_code", "rang_emplois"])["rang_emplois"].transform("size")
        ties.append(sharing.fillna(1).astype(int).gt(1))
    features = []
    for code, row in frame.iterrows():
        entries = [
            _edition_entry(
                edition,
                str(code),
                classes[edition.key],
                largest,
                int(count[row["region_code"]]),
                bool(tied[code]),
            )
            for edition, count, tied in zip(editions, counts, ties, strict=True)
        ]
        features.append(
            {
                "type": "Feature",
                "id": code,
                # Written once, as the page's inline drawing (department_paths); the
                # page script fills this in from it.
                "geometry": None,
                "properties": {
                    "nom": row["nom"],
                    "area": round(float(row["superficie_km2"])),
                    "labelAt": label_point(row.geometry),
                    "editions": entries,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
