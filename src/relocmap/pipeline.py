"""The stages put together: load → validate → join, shared by every command."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd

from .join import JoinedFigures, join
from .load import default_schema, read_boundaries, read_csv_table
from .publication import Publication, read_publication
from .validate import validate_table

if TYPE_CHECKING:
    from .classify import Classes, View
    from .render import MapOptions


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


# What a build writes, in the order it reports them.
OUTPUT_NAMES = (
    "carte.html",
    "carte-iframe.html",
    "relocalisations.geojson",
    "relocalisations.csv",
    "carte.png",
    "carte.svg",
)
# Leaflet's files, written beside carte.html with --assets local.
LOCAL_ASSET_NAMES = ("leaflet.js", "leaflet.css")


def classify_views(joined: JoinedFigures, views: Sequence[View] | None = None) -> list[Classes]:
    """Classify every view once; the page and the static image share the result."""
    from .classify import VIEWS, classify

    return [classify(joined.frame[view.key], view) for view in (views or VIEWS)]


def build_map(
    data: Path,
    geo: Path,
    out_dir: Path,
    facts: Path | None = None,
    options: MapOptions | None = None,
    encoding: str | None = None,
    check: Callable[[Inputs], None] | None = None,
) -> list[Path]:
    """Check the inputs, render every output, then put them into ``out_dir`` as one set.

    Outputs: carte.html (the map), carte-iframe.html (the embed snippet),
    carte.png and carte.svg (static image of the jobs view),
    relocalisations.geojson and relocalisations.csv (data exports), and with
    ``options.assets == "local"`` Leaflet's leaflet.js and leaflet.css.
    Nothing is written unless every input is valid and every output rendered, and
    the set is swapped in whole (:func:`relocmap.export.replace_outputs`): a failed,
    interrupted or killed build leaves the previous set. ``check``, if given, sees
    the checked inputs before anything is rendered, and may refuse them by raising.
    """
    from . import export
    from .publishing import ASSETS_LOCAL, local_asset_files
    from .render import MapOptions, build_page, iframe_snippet
    from .static import render_static

    options = options or MapOptions()
    names = OUTPUT_NAMES + (LOCAL_ASSET_NAMES if options.assets == ASSETS_LOCAL else ())
    inputs_paths = (data, geo, facts)
    # Refusals that need no rendering come first (a symbolic link in out/, --out data).
    export.check_output_folder(out_dir, names, inputs_paths)
    inputs = load_inputs(data, geo, facts, encoding)
    if check is not None:
        check(inputs)
    joined = inputs.joined
    classes = classify_views(joined)
    files: dict[str, bytes | str] = {
        "carte.html": build_page(joined, inputs.publication, classes, options),
        "carte-iframe.html": iframe_snippet(joined, inputs.publication, options.base_url),
        "relocalisations.geojson": export.relocalisations_geojson(joined.frame),
        "relocalisations.csv": export.relocalisations_csv(joined.frame),
    }
    files.update(render_static(joined, classes[0], inputs.publication))
    if options.assets == ASSETS_LOCAL:
        files.update(local_asset_files())  # leaflet.js, leaflet.css beside carte.html
    return export.replace_outputs(out_dir, {name: files[name] for name in names}, inputs_paths)
