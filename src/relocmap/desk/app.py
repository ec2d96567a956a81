"""The desk's web application (Flask): one page per step, rendered on the server from the
templates in desk/templates, every form a POST with its CSRF token.

Read (``/``, ``POST /lire``) → check and correct (``POST /verifier``) → preview
(``POST /apercu``) → publish (``POST /publier``); the publications already made
(``/publications``); the map as published (``/carte/<name>``) and as previewed
(``/apercu/<key>/<name>``). Every figure is read, checked and written by
:mod:`relocmap.desk.work`, which calls the library.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import (
    Flask,
    Response,
    abort,
    current_app,
    g,
    render_template,
    request,
    send_from_directory,
)
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from relocmap.base import layout
from relocmap.base.errors import InputError, RelocmapError
from relocmap.base.i18n import _, restore_language, use_language
from relocmap.desk import guard, messages
from relocmap.desk.messages import PRECISION_LABELS, french_all, french_reason
from relocmap.desk.work import (
    RELEASE_ID,
    RELEASE_NAMES,
    Checked,
    Draft,
    Place,
    check_draft,
    csv_rows,
    keep_release,
    preview,
    publications,
    publish,
    ready_problems,
    release_extraction,
    release_lines,
    release_path,
)
from relocmap.extract.output import TOTALS_KEYS
from relocmap.inputs.dates import PartialDate
from relocmap.inputs.figures import csv_columns, read_csv_table

# A release is a few pages of text: 2 MiB is far more than any, and far less than the
# 50 MB files the hardened readers refuse (the limit is checked before anything is read).
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 150  # France has 101 departments
DEFAULT_SOURCE = "Région Auvergne-Rhône-Alpes, communiqué de presse"
PREVIEW_KEY = RELEASE_ID
# Sent by desk.js when it checks the form as the editor types (the page works without it).
FRAGMENT_HEADER = "X-Desk-Fragment"


@dataclass(frozen=True)
class Serving:
    """Where the desk listens, and the operator's token (needed off this computer)."""

    host: str = "127.0.0.1"
    port: int = 8765
    token: str | None = None


def create_app(place: Place, serving: Serving | None = None) -> Flask:
    """The desk's application for the project ``place``; refuses (RelocmapError) to serve
    another address than this computer's without a token."""
    serving = serving or Serving()
    if not guard.is_local(serving.host) and not serving.token:
        raise RelocmapError(
            _(
                "the desk listens on {host} only with a token: give --token (or "
                "RELOCMAP_DESK_TOKEN), which the editors type to enter"
            ).format(host=serving.host)
        )
    app = Flask(__name__, template_folder="templates", static_folder="static")
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD_BYTES
    app.config["DESK_PLACE"] = place
    app.config["DESK_SERVING"] = serving
    # Random per start: it only has to be unknown to other sites' pages.
    app.config["DESK_CSRF"] = secrets.token_urlsafe(32)
    # One preview built at a time: two requests for one draft share its folder.
    app.config["DESK_PREVIEW_LOCK"] = threading.Lock()
    app.jinja_env.globals.update(precision_labels=PRECISION_LABELS, french_reason=french_reason)
    app.before_request(_speak_french)
    app.teardown_request(_speak_as_before)
    app.before_request(_guard)
    app.after_request(_headers)
    app.register_error_handler(RequestEntityTooLarge, _too_large)
    app.register_error_handler(HTTPException, _http_error)
    _routes(app)
    return app


def _speak_french() -> None:
    """The desk is French: the library's reasons it shows are validate's French ones."""
    g.relocmap_language = use_language("fr")


def _speak_as_before(_error: BaseException | None = None) -> None:
    token = g.pop("relocmap_language", None)
    if token is not None:
        restore_language(token)


def _config(name: str) -> Any:
    return current_app.config[name]


def _page(template: str, status: int = 200, **context: Any) -> tuple[str, int]:
    """A page of the desk, with what every page needs (the CSRF token)."""
    return render_template(template, csrf=_config("DESK_CSRF"), **context), status


def _refusal(text: str, status: int) -> tuple[str, int]:
    return _page("refus.html", status, message=text)


def _guard() -> Any:
    """Before any request: the Host, the operator's token, the CSRF token of a POST."""
    serving: Serving = _config("DESK_SERVING")
    if not guard.host_allowed(request.host, serving.host, serving.port, bool(serving.token)):
        return _refusal(messages.HOST_REFUSED, 403)
    if serving.token and request.endpoint not in ("login", "static"):
        if not guard.same(
            request.cookies.get(guard.TOKEN_COOKIE), guard.token_digest(serving.token)
        ):
            return _page("connexion.html", 401)
    if request.method == "POST":
        crossed = guard.cross_site(
            request.headers.get("Origin"), request.headers.get("Sec-Fetch-Site"), request.host
        )
        if crossed or not guard.same(request.form.get(guard.CSRF_FIELD), _config("DESK_CSRF")):
            return _refusal(messages.CSRF_REFUSED, 403)
    return None


def _headers(response: Response) -> Response:
    """No page of the desk in another site's frame; the desk's own pages load nothing
    from elsewhere (the map's pages keep their own, as published)."""
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["X-Content-Type-Options"] = "nosniff"
    # (no-referrer would make the browser send "Origin: null" with the desk's own forms)
    response.headers["Referrer-Policy"] = "same-origin"
    if response.mimetype == "text/html" and request.endpoint not in ("map_file", "preview_file"):
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'"
        )
    response.headers["Cache-Control"] = "no-store"
    return response


def _too_large(_: RequestEntityTooLarge) -> tuple[str, int]:
    limit = f"{MAX_UPLOAD_BYTES // (1024 * 1024)} Mio"
    return _refusal(messages.TOO_LARGE.format(limit=limit), 413)


def _http_error(exc: HTTPException) -> Any:
    if exc.code == 404:
        return _refusal(messages.NOT_FOUND, 404)
    return exc


def _place() -> Place:
    place: Place = _config("DESK_PLACE")
    return place


def _routes(app: Flask) -> None:
    app.add_url_rule("/", "home", _home)
    app.add_url_rule("/connexion", "login", _login, methods=["POST"])
    app.add_url_rule("/lire", "read", _read, methods=["POST"])
    app.add_url_rule("/verifier", "check", _check, methods=["POST"])
    app.add_url_rule("/apercu", "preview", _preview, methods=["POST"])
    app.add_url_rule("/publier", "publish", _publish, methods=["POST"])
    app.add_url_rule("/publications", "publications", _publications)
    app.add_url_rule("/publications/<key>", "publication", _publication)
    app.add_url_rule("/carte/<name>", "map_file", _map_file)
    app.add_url_rule("/apercu/<key>/<name>", "preview_file", _preview_file)


def _home() -> tuple[str, int]:
    return _page("lire.html", source=DEFAULT_SOURCE, date="", problems=[])


def _login() -> Any:
    serving: Serving = _config("DESK_SERVING")
    if not serving.token or not guard.same(request.form.get("jeton"), serving.token):
        return _page("connexion.html", 401, wrong=True)
    response = Response(status=303, headers={"Location": "/"})
    response.set_cookie(
        guard.TOKEN_COOKIE,
        guard.token_digest(serving.token),
        httponly=True,
        samesite="Strict",
    )
    return response


def _read() -> tuple[str, int]:
    """A release pasted or dropped: kept, then read and shown with its figures."""
    form = request.form
    date, source = form.get("date", "").strip(), form.get("source", "").strip()
    upload = request.files.get("fichier")
    name = upload.filename if upload is not None and upload.filename else None
    text = form.get("texte", "")
    suffix = Path(name).suffix.lower() if name else ".txt"
    problem = None
    if name and text.strip():
        problem = messages.TWO_RELEASES
    elif not name and not text.strip():
        problem = messages.NO_RELEASE
    elif name and suffix not in RELEASE_NAMES:
        problem = messages.WRONG_TYPE.format(name=name)
    if problem is not None:
        return _page("lire.html", 400, source=source, date=date, problems=[problem])
    if name and upload is not None:
        content = upload.read()
    else:
        content = text.replace("\r\n", "\n").encode("utf-8")
    release_id = keep_release(_place().work, content, suffix)
    return _checked_page(Draft(release_id, date, source), first=True)


def _draft(form: Mapping[str, str]) -> Draft:
    """The draft a correction form holds (rows and totals as typed)."""
    count = int(form.get("lignes", "0") or 0) if form.get("lignes", "").isdigit() else 0
    if count > MAX_ROWS:
        raise InputError.single(
            "tableau", messages.TOO_MANY_ROWS.format(count=count, limit=MAX_ROWS)
        )
    columns = csv_columns()
    rows = tuple(
        tuple(form.get(f"{column}-{index}", "") for column in columns) for index in range(count)
    )
    return Draft(
        form.get("communique", ""),
        form.get("date", "").strip(),
        form.get("source", "").strip(),
        rows if form.get("corrections") == "1" else None,
        {key: form.get(key, "") for key in TOTALS_KEYS} if form.get("corrections") == "1" else None,
        form.get("accepter_ecart") == "1",
        form.get("lignes_vues") == "1",
    )


def _check() -> tuple[str, int]:
    return _checked_page(_draft(_form()))


def _form() -> MultiDict[str, str]:
    return request.form


def _checked_page(draft: Draft, first: bool = False) -> tuple[str, int]:
    """The release beside its figures and the correction form, with every problem (status
    400 while there is one: nothing can be previewed or published)."""
    place = _place()
    release = None
    try:
        release = release_path(place.work, draft.release_id)
        lines = release_lines(release)
    except RelocmapError as exc:
        return _error_page(exc, release)
    try:
        checked = check_draft(place, draft)
    except RelocmapError as exc:
        return _correction_page(draft, release, lines, None, _problems(exc, release, draft), 400)
    blocking = french_all(ready_problems(checked, draft, release), release)
    status = 400 if blocking else 200
    return _correction_page(draft, release, lines, checked, blocking, status, first=first)


def _problems(exc: RelocmapError, release: Path, draft: Draft) -> list[messages.Message]:
    if isinstance(exc, InputError):
        figures = _figures_path(draft)
        return french_all(exc.problems, release, figures)
    return [messages.Message("bureau", str(exc))]


def _figures_path(draft: Draft) -> Path | None:
    """The figures CSV the draft would write (to name its rows), if it can be told."""
    place = _place()
    try:
        data = place.figures
    except RelocmapError:
        return None
    if data.is_dir():
        try:
            return data / PartialDate.parse(draft.date).iso / layout.FIGURES_CSV
        except (RelocmapError, ValueError):
            return None
    return data


def _correction_page(
    draft: Draft,
    release: Path,
    lines: list[str],
    checked: Checked | None,
    problems: list[messages.Message],
    status: int,
    first: bool = False,
) -> tuple[str, int]:
    rows, totals = _shown(draft, checked)
    found = None
    if checked is not None:
        found = checked.update.extraction
    elif not fragment_request():
        try:
            found = release_extraction(_place(), release)
        except RelocmapError:
            found = None  # the release itself is refused: its problems say why
    # The script's check as the editor types: only the verdict, checked by the same code.
    return _page(
        "_verification.html" if fragment_request() else "verifier.html",
        status,
        draft=draft,
        lines=lines,
        checked=checked,
        found=found,
        rows=rows + [("",) * len(csv_columns())] * 2,
        columns=csv_columns(),
        totals=totals,
        totals_keys=TOTALS_KEYS,
        problems=problems,
        first=first,
    )


def fragment_request() -> bool:
    """True when desk.js checks the form as the editor types (only the verdict is sent)."""
    return request.headers.get(FRAGMENT_HEADER) == "1"


def _error_page(exc: RelocmapError, release: Path | None) -> tuple[str, int]:
    problems = french_all(exc.problems, release) if isinstance(exc, InputError) else []
    text = [str(p) for p in problems] or [str(exc)]
    return _page("lire.html", 400, source=DEFAULT_SOURCE, date="", problems=text)


def _ready(draft: Draft) -> Checked | None:
    """The draft checked and ready to preview or publish; None if it is not (the
    correction page then says why)."""
    place = _place()
    try:
        release = release_path(place.work, draft.release_id)
        checked = check_draft(place, draft)
    except RelocmapError:
        return None
    return None if ready_problems(checked, draft, release) else checked


def _preview() -> tuple[str, int]:
    draft = _draft(_form())
    checked = _ready(draft)
    if checked is None:
        return _checked_page(draft)
    try:
        with _config("DESK_PREVIEW_LOCK"):
            folder = preview(_place(), checked)
    except RelocmapError as exc:
        return _checked_page_with(draft, exc)
    rows, totals = _shown(draft, checked)
    return _page(
        "apercu.html",
        draft=draft,
        checked=checked,
        key=folder.name,
        columns=csv_columns(),
        rows=rows,
        totals=totals,
        totals_keys=TOTALS_KEYS,
    )


def _shown(draft: Draft, checked: Checked | None) -> tuple[list[tuple[str, ...]], dict[str, str]]:
    """The table's rows and the totals as the editor sees them: the corrections, or what
    the release gave."""
    if draft.rows is not None:  # the empty rows are added again below the table
        rows = [row for row in draft.rows if any(cell.strip() for cell in row)]
    elif checked is not None:
        rows = csv_rows(checked.update.csv_text)
    else:
        rows = []
    totals = dict(draft.totals or {})
    if draft.totals is None and checked is not None:
        totals = {k: str(checked.update.facts.get(k, "")) for k in TOTALS_KEYS}
    return rows, totals


def _checked_page_with(draft: Draft, exc: RelocmapError) -> tuple[str, int]:
    place = _place()
    release = release_path(place.work, draft.release_id)
    return _correction_page(
        draft, release, release_lines(release), None, _problems(exc, release, draft), 400
    )


def _publish() -> tuple[str, int]:
    """Holding the lock: check again, build the preview (a build that fails writes
    nothing), then write the figures and facts and rebuild out/."""
    draft = _draft(_form())
    place = _place()
    try:
        with guard.publish_lock(place.work):
            checked = _ready(draft)
            if checked is None:
                return _checked_page(draft)
            with _config("DESK_PREVIEW_LOCK"):
                folder = preview(place, checked)
            written = publish(place, checked)
    except guard.DeskBusy:
        return _refusal(messages.BUSY, 409)
    except RelocmapError as exc:
        return _checked_page_with(draft, exc)
    snippet = (place.out_dir / layout.SNIPPET_HTML).read_text("utf-8")
    return _page("publie.html", written=written, snippet=snippet, key=folder.name)


def _publications() -> tuple[str, int]:
    try:
        found = publications(_place())
    except RelocmapError as exc:
        return _refusal(str(exc), 500)
    return _page("publications.html", publications=list(reversed(found)))


def _publication(key: str) -> tuple[str, int]:
    found = {p.key: p for p in publications(_place())}
    if key not in found:
        abort(404)
    publication = found[key]
    try:
        table = read_csv_table(publication.data)  # the bounded reader: never a FIFO's wait
    except RelocmapError as exc:
        return _refusal(str(exc), 500)
    rows = [tuple(cells) for _, cells in table.rows]
    return _page("publication.html", publication=publication, rows=rows, columns=table.header)


def _map_file(name: str) -> Response:
    if name not in layout.ALL_OUTPUT_NAMES:
        abort(404)
    return send_from_directory(_place().out_dir.resolve(), name)


def _preview_file(key: str, name: str) -> Response:
    if name not in layout.ALL_OUTPUT_NAMES or not PREVIEW_KEY.fullmatch(key):
        abort(404)
    folder = (_place().work / "apercus" / key / "carte").resolve()
    return send_from_directory(folder, name)
