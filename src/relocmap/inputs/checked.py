"""One publication's inputs read and checked together: boundaries, figures (validated),
facts, and their join; what every command starts from."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from relocmap.base import layout
from relocmap.base.errors import InputError
from relocmap.base.i18n import _
from relocmap.inputs.boundaries import read_boundaries
from relocmap.inputs.facts import Publication, read_publication
from relocmap.inputs.figures import default_schema, read_csv_table
from relocmap.inputs.join import JoinedFigures, join
from relocmap.inputs.validate import validate_table


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


def facts_beside(data: Path) -> Path | None:
    """The publication facts file next to the CSV, if there is one.

    Anything under that name counts (a directory, a pipe, a broken link): reading
    it then reports what it is, rather than building silently without facts.
    """
    candidate = data.parent / layout.FACTS_JSON
    return candidate if os.path.lexists(candidate) else None


def resolve_data(data: Path | None) -> Path:
    """The figures to use: ``data`` when given, else data/publications/ (one folder per
    publication) when it exists, else data/relocalisations.csv (one publication)."""

    if data is not None:
        return data
    if os.path.lexists(layout.DEFAULT_PUBLICATIONS):
        if os.path.lexists(layout.DEFAULT_FIGURES):
            raise InputError.single(
                layout.DEFAULT_PUBLICATIONS,
                _(
                    "both {publications}/ and {figures} exist: pass --data with the one to "
                    "use, or move {figures} and {facts} into their publication's folder "
                    "({publications}/<date>/)"
                ).format(
                    publications=layout.DEFAULT_PUBLICATIONS,
                    figures=layout.DEFAULT_FIGURES,
                    facts=layout.FACTS_JSON,
                ),
            )
        return layout.DEFAULT_PUBLICATIONS
    return layout.DEFAULT_FIGURES
