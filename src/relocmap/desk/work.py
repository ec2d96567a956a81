"""What the desk does with a release, through the library only: keep the release, read and
check it with the editor's corrections as 'relocmap update' does, build a preview in a
folder of its own, and publish (write the figures and facts, rebuild out/).

The editor's corrections are the figures CSV's rows and the facts' totals as the form
gives them, as text: they go through :func:`relocmap.update.prepare_update`'s ``edit``,
so the checks are 'validate''s, written once.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from relocmap.base import layout
from relocmap.base.errors import InputError, Problem
from relocmap.base.numbers import parse_count
from relocmap.build import build_map
from relocmap.desk.messages import MISMATCH_NOT_ACCEPTED, REFUSED_LINES_PENDING, RELEASE_GONE
from relocmap.extract.found import Extraction
from relocmap.extract.output import TOTALS_KEYS
from relocmap.extract.text import read_release
from relocmap.files.writing import write_all_atomic, write_bytes_atomic
from relocmap.history.folder import release_folders
from relocmap.inputs.boundaries import read_boundaries
from relocmap.inputs.checked import facts_beside, resolve_data
from relocmap.inputs.facts import read_facts
from relocmap.inputs.figures import csv_columns
from relocmap.page import MapOptions
from relocmap.update import Update, files_to_write, read_release_figures, read_update

# A release kept by the desk is named by the first characters of its SHA-256: the same
# text is the same release, and the name taken from a form is checked against this.
RELEASE_ID = re.compile(r"[0-9a-f]{32}")
# Suffixes of a dropped release, and the name it is kept under.
RELEASE_NAMES = {
    ".txt": layout.DESK_RELEASE_TEXT,
    ".html": layout.DESK_RELEASE_HTML,
    ".htm": layout.DESK_RELEASE_HTML,
}
# The facts' totals the editor may correct, with the figure CSV's columns.
INTEGER_TOTALS = ("total_projets_publie", "total_emplois_publie")


@dataclass(frozen=True)
class Place:
    """Where the desk works: the project's data, boundaries and map, and its own folder
    (releases kept, previews built) that nothing else reads."""

    geo: Path
    out_dir: Path
    work: Path
    data: Path | None = None  # None: as the commands (data/publications/ when it exists)

    @property
    def figures(self) -> Path:
        """The figures the desk updates: a figures CSV or a publications folder."""
        return resolve_data(self.data)


@dataclass(frozen=True)
class Draft:
    """What the editor submitted: the release kept, its date and source, and the
    corrections (None: as read from the release)."""

    release_id: str
    date: str
    source: str
    rows: tuple[tuple[str, ...], ...] | None = None
    totals: Mapping[str, str] | None = None
    accept_total_mismatch: bool = False
    refused_lines_seen: bool = False


@dataclass(frozen=True)
class Checked:
    """A draft read and checked: the update and the files it would write."""

    update: Update
    csv_path: Path
    facts_path: Path
    decreases: list[Problem]
    release_name: str
    new_publication: bool
    files: dict[Path, bytes | str] = field(default_factory=dict)


def keep_release(work: Path, data: bytes, suffix: str) -> str:
    """Keep a release's bytes under the work folder; its id (a digest, never random)."""
    name = RELEASE_NAMES[suffix]
    release_id = hashlib.sha256(data).hexdigest()[:32]
    folder = work / "communiques" / release_id
    folder.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(folder / name, data)
    return release_id


def release_path(work: Path, release_id: str) -> Path:
    """The release kept under ``release_id``; InputError if there is none (the id comes
    from a form: it must be a digest, and the path is made here, never taken from it)."""
    if RELEASE_ID.fullmatch(release_id):
        folder = work / "communiques" / release_id
        for name in (layout.DESK_RELEASE_TEXT, layout.DESK_RELEASE_HTML):
            if (folder / name).is_file():
                return folder / name
    raise InputError.single("communiqué", RELEASE_GONE)


def release_extraction(place: Place, release: Path) -> Extraction:
    """What the extract stage reads in the release (as 'update' reads it, lines it could
    not read kept as problems): the trace shown even while a correction is refused."""
    found, _ = read_release_figures(release, read_boundaries(place.geo), True, None)
    return found


def release_lines(path: Path) -> list[str]:
    """The release's lines as the extract stage numbers them (HTML: the page's lines)."""
    return read_release(path).splitlines()


def rows_csv(rows: Sequence[Sequence[str]]) -> str:
    """The editor's rows in the figures CSV's columns, as typed (blank rows left out):
    the checks of 'validate' then read them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(csv_columns())
    for row in rows:
        if any(cell.strip() for cell in row):
            writer.writerow([cell.strip() for cell in row])
    return buffer.getvalue()


def csv_rows(csv_text: str) -> list[tuple[str, ...]]:
    """The rows of a figures CSV's text, in its columns (the table the editor corrects)."""
    reader = csv.reader(io.StringIO(csv_text))
    next(reader, None)
    return [tuple(row) for row in reader]


def corrected_totals(facts: dict[str, Any], totals: Mapping[str, str]) -> dict[str, Any]:
    """``facts`` with the editor's totals: an empty field removes its key, a count is
    read as a count ("5 306"), anything else is kept as typed for the checks to name."""
    facts = dict(facts)
    for key in TOTALS_KEYS:
        value = totals.get(key, "").strip()
        if not value:
            facts.pop(key, None)
        elif key in INTEGER_TOTALS:
            count = parse_count(value)
            facts[key] = value if count is None else count
        else:
            facts[key] = value
    return facts


def _edit(draft: Draft) -> Any:
    """The ``edit`` that puts the editor's corrections in place of what was read."""

    def edit(csv_text: str, facts: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        if draft.rows is not None:
            csv_text = rows_csv(draft.rows)
        if draft.totals is not None:
            facts = corrected_totals(facts, draft.totals)
        return csv_text, facts

    return edit


def check_draft(place: Place, draft: Draft) -> Checked:
    """The draft read and checked as 'relocmap update' reads and checks a release
    (:func:`relocmap.update.read_update`); InputError with every problem otherwise.

    The release is read with ``partial``: lines it could not read are shown to the
    editor, who fills them by hand and says so before a preview.
    """
    release = release_path(place.work, draft.release_id)
    data = place.figures
    found, csv_path, facts_path, _, decreases = read_update(
        release,
        data,
        place.geo,
        place.out_dir,
        date=draft.date,
        source=draft.source,
        partial=True,
        accept_total_mismatch=draft.accept_total_mismatch,
        edit=_edit(draft),
    )
    return Checked(
        found,
        csv_path,
        facts_path,
        decreases,
        release.name,
        data.is_dir(),
        files_to_write(found, csv_path, facts_path),
    )


def ready_problems(checked: Checked, draft: Draft, release: Path) -> list[Problem]:
    """What stops a preview or a publication though the files are valid: totals that
    contradict the departments (unless accepted, as --accept-total-mismatch does), lines
    of the release that could not be read and that the editor has not said were seen to."""
    problems = [
        Problem(str(checked.facts_path), concern.message) for concern in checked.update.concerns
    ]
    if problems:
        problems.append(Problem(str(checked.facts_path), MISMATCH_NOT_ACCEPTED))
    if checked.update.extraction.problems and not draft.refused_lines_seen:
        problems.append(Problem(str(release), REFUSED_LINES_PENDING))
    return problems


def preview(place: Place, checked: Checked) -> Path:
    """Build the map as it will be published into a folder of the work folder, from a
    copy of the data with the new files in it: the same build as after publishing, done
    again each time (the data may have changed since). The caller builds one preview at
    a time.

    The folder is named by the digest of the files to write (a draft's preview keeps its
    address); it is returned (under ``work/apercus``)."""
    digest = hashlib.sha256()
    for path, content in checked.files.items():
        digest.update(str(path).encode() + b"\0")
        digest.update(content.encode() if isinstance(content, str) else content)
    folder = place.work / "apercus" / digest.hexdigest()[:32]
    data_copy = _data_copy(place, checked, folder / "donnees")
    facts = None if data_copy.is_dir() else facts_beside(data_copy)
    build_map(data_copy, place.geo, folder / "carte", facts, MapOptions())
    return folder


def _data_copy(place: Place, checked: Checked, into: Path) -> Path:
    """A copy of the figures (file or publications folder) with the draft's files in it."""
    data = place.figures
    if into.exists():
        shutil.rmtree(into)
    into.mkdir(parents=True)
    root = data.parent
    copied = into / data.name
    if data.is_dir():
        shutil.copytree(data, copied)
    files = {into / path.relative_to(root): content for path, content in checked.files.items()}
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return copied


def publish(place: Place, checked: Checked) -> list[Path]:
    """Write the figures and facts together, then rebuild the map, as 'relocmap update'
    does: the files written, figures and facts first."""
    write_all_atomic(checked.files)
    data = place.figures
    facts = None if data.is_dir() else checked.facts_path
    outputs = build_map(data, place.geo, place.out_dir, facts, MapOptions())
    return [checked.csv_path, checked.facts_path, *outputs]


@dataclass(frozen=True)
class Published:
    """One publication already made, as the desk lists it."""

    key: str
    data: Path
    facts: dict[str, Any]


def publications(place: Place) -> list[Published]:
    """Every publication there is, oldest first (one, in the single layout)."""
    data = place.figures
    if data.is_dir():
        folders = release_folders(data) if any(data.iterdir()) else []
        return [
            Published(f.name, f / layout.FIGURES_CSV, read_facts(f / layout.FACTS_JSON))
            for f in folders
        ]
    facts_path = facts_beside(data)
    if not os.path.lexists(data) or facts_path is None:
        return []
    facts = read_facts(facts_path)
    return [Published(str(facts.get("source_date", "")), data, facts)]
