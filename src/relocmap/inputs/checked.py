"""The stages put together: load → validate → join, shared by every command."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd

from relocmap.inputs.boundaries import read_boundaries
from relocmap.inputs.facts import Publication, read_publication
from relocmap.inputs.figures import default_schema, read_csv_table
from relocmap.inputs.join import JoinedFigures, join
from relocmap.inputs.validate import validate_table

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class Inputs:
    """Everything a map is made from, checked."""

    joined: JoinedFigures
    boundaries: gpd.GeoDataFrame
    publication: Publication | None
    encoding: str
    separator: str
    rows: int


def load_inputs(
    data: Path, geo: Path, facts: Path | None = None, encoding: str | None = None
) -> Inputs:
    """Read and check the figures, the boundaries and (if given) the publication facts."""
    boundaries = read_boundaries(geo)
    table = read_csv_table(data, encoding=encoding)
    names = boundaries["nom"].to_dict()
    figures = validate_table(table, names, default_schema())
    publication = read_publication(facts) if facts is not None else None
    return Inputs(
        join(figures, boundaries),
        boundaries,
        publication,
        table.encoding,
        table.separator,
        len(figures),
    )
