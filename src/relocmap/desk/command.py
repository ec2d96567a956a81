"""``relocmap desk``: start the editor's desk on this computer and open it in the browser."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import click
from werkzeug.serving import make_server

from relocmap.base import layout
from relocmap.base.errors import RelocmapError
from relocmap.base.i18n import _
from relocmap.desk.app import Serving, create_app
from relocmap.desk.work import Place


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--token",
    envvar="RELOCMAP_DESK_TOKEN",
    default=None,
    help="Token the editors type to enter; required for any address but 127.0.0.1 "
    "(or set RELOCMAP_DESK_TOKEN).",
)
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=None,
    help="Figures CSV or publications folder (default: as 'update').",
)
@click.option(
    "--geo",
    type=click.Path(path_type=Path, dir_okay=False),
    default=layout.DEFAULT_BOUNDARIES,
    show_default=True,
    help="Department boundaries (GeoJSON).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=layout.DEFAULT_OUT,
    show_default=True,
    help="Directory of the map to rebuild.",
)
@click.option("--no-browser", is_flag=True, help="Do not open the desk in the browser.")
def desk(
    host: str,
    port: int,
    token: str | None,
    data: Path | None,
    geo: Path,
    out_dir: Path,
    no_browser: bool,
) -> None:
    """Open the editor's desk: read a press release, correct its figures, preview the map
    and publish it, in French, in the browser (Ctrl-C stops it).

    It listens on 127.0.0.1 (this computer only). Another address needs --token: the
    editors type it once to enter.

    Example:

        .venv/bin/relocmap desk
    """
    place = Place(geo, out_dir, layout.DESK_WORK, data)
    try:
        app = create_app(place, Serving(host, port, token))
    except RelocmapError as exc:
        raise click.UsageError(str(exc)) from None
    server = make_server(host, port, app, threaded=True)
    address = f"http://{'[' + host + ']' if ':' in host else host}:{server.server_port}/"
    click.echo(_("Desk open: {address} (Ctrl-C stops it)").format(address=address))
    if not no_browser:
        webbrowser.open(address)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo(_("Desk closed."))
