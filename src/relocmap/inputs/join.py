"""Joining the figures to the boundaries, and the derived figures every output shares."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from relocmap.base.precision import Precision
from relocmap.inputs.figures import figure_columns


@dataclass(frozen=True)
class JoinedFigures:
    """Departments of the region(s) present in the data, with their figures.

    ``frame`` has one row per department of those regions, sorted by code;
    departments without a row in the data keep NaN figures ("no data", never 0).
    Its ``*_precision`` columns hold :class:`~relocmap.base.precision.Precision` members
    (None for a department without data).
    """

    frame: gpd.GeoDataFrame
    regions: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def with_data(self) -> gpd.GeoDataFrame:
        return self.frame[self.frame["emplois"].notna()]


def join(
    figures: pd.DataFrame,
    boundaries: gpd.GeoDataFrame,
    regions: tuple[str, ...] | None = None,
) -> JoinedFigures:
    """Attach figures to every department of the regions that the figures cover
    (or of ``regions``, when given: several publications share one map's regions).

    Codes were checked against the boundaries during validation, so every row matches.
    """
    if regions is None:
        regions = covered_regions(figures, boundaries)
    shown = boundaries[boundaries["region_code"].isin(regions)].copy()
    shown = shown.join(figures[list(figure_columns())], how="left")
    missing = tuple(code for code in shown.index if code not in figures.index)
    shown = _derive(_typed_precisions(shown))
    return JoinedFigures(
        gpd.GeoDataFrame(shown, geometry="geometry", crs=boundaries.crs), regions, missing
    )


def covered_regions(figures: pd.DataFrame, boundaries: gpd.GeoDataFrame) -> tuple[str, ...]:
    """The codes of the regions that hold a department of ``figures``, sorted."""
    return tuple(sorted(boundaries.loc[figures.index, "region_code"].unique()))


def _typed_precisions(frame: pd.DataFrame) -> pd.DataFrame:
    """Every ``*_precision`` column as Precision members, None where there is no data."""
    frame = frame.copy()
    for column in (c for c in figure_columns() if c.endswith("_precision")):
        frame[column] = pd.Series(
            [None if pd.isna(value) else Precision(value) for value in frame[column]],
            index=frame.index,
            dtype=object,
        )
    return frame


def _derive(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    jobs = frame["emplois"].astype("Float64")
    projects = frame["projets"].astype("Float64")
    frame["emplois"] = jobs
    frame["projets"] = projects
    frame["emplois_par_projet"] = (jobs / projects.where(projects > 0)).round(1)
    region = frame["region_code"]
    # Shares and ranks are within each department's own region.
    frame["part_emplois"] = (100 * jobs / jobs.groupby(region).transform("sum")).round(1)
    frame["part_projets"] = (100 * projects / projects.groupby(region).transform("sum")).round(1)
    frame["emplois_pour_10000_hab"] = (1e4 * jobs / frame["population"].astype("Float64")).round(1)
    # Ties share the best rank (1, 2, 2, 4), as rankings in the press usually do.
    frame["rang_emplois"] = jobs.groupby(region).rank(ascending=False, method="min").astype("Int64")
    frame["rang_projets"] = (
        projects.groupby(region).rank(ascending=False, method="min").astype("Int64")
    )
    return frame
