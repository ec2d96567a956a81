"""Several publications in one repository: the folder layout, reading them all, and
the checks across them.

Layout (described in ``data/README.md``)::

    data/publications/
        2022/relocalisations.csv       the figures, as data/relocalisations.csv
        2022/publication.json          the facts, as data/publication.json
        2023-06/relocalisations.csv
        2023-06/publication.json

One folder per publication, named by its date (the ``source_date`` of its
``publication.json``, ISO 8601). Each publication is checked exactly as the
single-publication layout is; across them, the dates must be strictly
increasing, and a department's figures or a published total that go down are
warnings (projects can be abandoned). A publication, once added, is never
rewritten: 'relocmap update' adds a folder.
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from relocmap.base.errors import InputError, Problem, os_error_text
from relocmap.base.i18n import N_, _
from relocmap.base.layout import FACTS_JSON, FIGURES_CSV
from relocmap.base.numbers import plain
from relocmap.history.changes import (
    Change,
    DepartmentFigures,
    changes,
    decreases,
    figures_of,
    signed,
)
from relocmap.inputs.boundaries import read_boundaries
from relocmap.inputs.checked import Inputs
from relocmap.inputs.dates import PartialDate
from relocmap.inputs.facts import Publication, read_publication
from relocmap.inputs.figures import RawTable, default_schema, read_csv_table
from relocmap.inputs.join import covered_regions, join
from relocmap.inputs.validate import validate_table

# Marked for the catalogue; translated where it is shown.
LAYOUT_HINT = N_(
    "the publications folder holds one folder per publication, named by its date "
    "(such as 2023-06), each with relocalisations.csv and publication.json"
)


@dataclass(frozen=True)
class Release:
    """One publication of the folder layout, read and checked."""

    key: str  # the folder's name: the publication's date, ISO 8601
    folder: Path
    inputs: Inputs
    figures: dict[str, DepartmentFigures]

    @property
    def data(self) -> Path:
        return self.folder / FIGURES_CSV

    @property
    def facts(self) -> Path:
        return self.folder / FACTS_JSON

    @property
    def publication(self) -> Publication:
        assert self.inputs.publication is not None  # required in this layout
        return self.inputs.publication


@dataclass(frozen=True)
class History:
    """Every publication of the folder layout, in date order (at least one)."""

    root: Path
    releases: tuple[Release, ...]
    boundaries: gpd.GeoDataFrame

    @property
    def latest(self) -> Release:
        return self.releases[-1]

    @property
    def fictitious(self) -> bool:
        """Whether any publication's figures were invented (``donnees_fictives``)."""
        return any(release.publication.donnees_fictives for release in self.releases)

    def shown_inputs(self) -> Inputs:
        """The map's inputs: the latest publication's, whose facts say ``donnees_fictives``
        when any publication's do (the outputs show every publication: their titles
        then all say FICTIF)."""
        inputs = self.latest.inputs
        if not self.fictitious or self.latest.publication.donnees_fictives:
            return inputs
        marked = dataclasses.replace(self.latest.publication, donnees_fictives=True)
        return dataclasses.replace(inputs, publication=marked)

    def keyed_figures(self) -> list[tuple[str, dict[str, DepartmentFigures]]]:
        """``(key, figures by code)`` per publication, as
        :func:`relocmap.history.changes.changes` takes them."""
        return [(release.key, release.figures) for release in self.releases]

    def changes(self) -> dict[str, dict[str, Change]]:
        """Per publication (after the first), per department: the change since the previous
        (computed once: the page, its classes and the exports all ask)."""
        return self._changes

    @functools.cached_property
    def _changes(self) -> dict[str, dict[str, Change]]:
        return changes(self.keyed_figures())

    def trajectory(self) -> list[tuple[str, Publication, int, bool]]:
        """Per publication: ``(key, facts, total jobs, published?)``: the regional total
        as published, or the departments' sum (``published`` False) when the release
        gave none."""
        points = []
        for release in self.releases:
            total = release.publication.total_emplois
            if total is not None:
                points.append((release.key, release.publication, total.value, True))
            else:
                jobs = int(release.inputs.joined.frame["emplois"].sum())
                points.append((release.key, release.publication, jobs, False))
        return points


def release_folders(root: Path) -> list[Path]:
    """The publication folders of ``root``, sorted by name (= by date); anything else
    in it is reported."""
    try:
        entries = sorted(
            entry
            for entry in root.iterdir()
            # Hidden files and a README (which says what the publications are) are not data.
            if not entry.name.startswith((".", "README"))
        )
    except FileNotFoundError:
        raise InputError.single(root, _("folder not found")) from None
    except NotADirectoryError:
        raise InputError.single(
            root, _("not a folder; {hint}").format(hint=_(LAYOUT_HINT))
        ) from None
    except OSError as exc:
        raise InputError.single(
            root, _("cannot be read ({reason})").format(reason=os_error_text(exc))
        ) from None
    problems = [
        Problem(str(entry), _("not a publication folder; {hint}").format(hint=_(LAYOUT_HINT)))
        for entry in entries
        if not entry.is_dir()
    ]
    folders = [entry for entry in entries if entry.is_dir()]
    if not folders and not problems:
        problems.append(
            Problem(str(root), _("no publication in it; {hint}").format(hint=_(LAYOUT_HINT)))
        )
    if problems:
        raise InputError(problems)
    return folders


def _days(date: PartialDate) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The first and last day a partial date may stand for: 2023-06 is June 1st to 30th."""
    first = (date.year, date.month or 1, date.day or 1)
    last_month = date.month or 12
    last_day = date.day or calendar.monthrange(date.year, last_month)[1]
    return first, (date.year, last_month, last_day)


def dates_overlap(a: PartialDate, b: PartialDate) -> bool:
    """Whether two dates may stand for the same day (2023-06 and 2023-06-14 do): their
    order is then uncertain."""
    (a_first, a_last), (b_first, b_last) = _days(a), _days(b)
    return a_first <= b_last and b_first <= a_last


def strictly_after(date: PartialDate, before: PartialDate) -> bool:
    """Whether every day ``date`` may stand for comes after every day ``before`` may."""
    return _days(date)[0] > _days(before)[1]


def order_problems(dated: Sequence[tuple[Path, PartialDate]]) -> list[Problem]:
    """Publications (facts file, date) in folder order: each must come strictly after
    the one before it, on every day its date may stand for."""
    problems = []
    for (before_path, before), (path, date) in zip(dated, dated[1:], strict=False):
        if strictly_after(date, before):
            continue
        if dates_overlap(date, before):
            reason = _(
                "source_date {date} is not strictly after {before} ({path}): publications' "
                "dates must increase; give both dates to the month or the day so that their "
                "order is certain"
            ).format(date=date.iso, before=before.iso, path=before_path)
        else:
            reason = _(
                "source_date {date} is earlier than {before} ({path}): publications' dates "
                "must increase"
            ).format(date=date.iso, before=before.iso, path=before_path)
        problems.append(Problem(str(path), reason, column="source_date"))
    return problems


def _read_release(
    folder: Path, names: dict[str, str], schema: dict, encoding: str | None
) -> tuple[RawTable | None, pd.DataFrame | None, Publication | None, list[Problem]]:
    """One folder's figures and facts, each checked as the single layout checks them."""
    problems: list[Problem] = []
    table = figures = publication = None
    csv, facts = folder / FIGURES_CSV, folder / FACTS_JSON
    if not os.path.lexists(csv):
        problems.append(Problem(str(csv), _missing(folder, FIGURES_CSV)))
    else:
        try:
            table = read_csv_table(csv, encoding=encoding)
            figures = validate_table(table, names, schema)
        except InputError as exc:
            problems += exc.problems
    if not os.path.lexists(facts):
        problems.append(
            Problem(
                str(facts),
                _missing(folder, FACTS_JSON),
            )
        )
    else:
        try:
            publication = read_publication(facts)
        except InputError as exc:
            problems += exc.problems
    if publication is not None and publication.source_date.iso != folder.name:
        problems.append(
            Problem(
                str(facts),
                _(
                    "source_date is {date} but the folder is named {folder}: a publication's "
                    "folder is named by its date; rename the folder {date} or correct the date"
                ).format(date=publication.source_date.iso, folder=folder.name),
                column="source_date",
            )
        )
    return table, figures, publication, problems


_MISSING = {
    FIGURES_CSV: N_(
        "file not found; every publication needs its figures beside its {beside}: move "
        "{source} into {folder}/ (see data/README.md)"
    ),
    FACTS_JSON: N_(
        "file not found; every publication needs its facts (source_date and source at "
        "least) beside its {beside}: move {source} into {folder}/ (see data/README.md)"
    ),
}


def _missing(folder: Path, name: str) -> str:
    """Why a publication folder's file (``name``: the figures CSV or the facts) is
    missing, and what to move where: the single layout's file two folders up
    (data/publication.json), when it is there."""
    left = folder.parent.parent / name
    source = str(left) if os.path.lexists(left) else _("the publication's {name}").format(name=name)
    beside = FACTS_JSON if name == FIGURES_CSV else FIGURES_CSV
    return _(_MISSING[name]).format(beside=beside, source=source, folder=folder)


def load_history(root: Path, geo: Path, encoding: str | None = None) -> History:
    """Read and check every publication under ``root``; report every problem of every
    publication at once (InputError), or return them in date order."""
    boundaries = read_boundaries(geo)
    names = boundaries["nom"].to_dict()
    schema = default_schema()
    problems: list[Problem] = []
    read = []
    for folder in release_folders(root):
        table, figures, publication, found = _read_release(folder, names, schema, encoding)
        problems += found
        read.append((folder, table, figures, publication))
    dated = [(folder / FACTS_JSON, pub.source_date) for folder, _, _, pub in read if pub]
    problems += order_problems(dated)
    if problems:
        raise InputError(problems)
    regions = tuple(
        sorted({code for _, _, figures, _ in read for code in covered_regions(figures, boundaries)})
    )
    releases = []
    for folder, table, figures, publication in read:
        assert table is not None and figures is not None  # no problem was found
        inputs = Inputs(
            join(figures, boundaries, regions),
            boundaries,
            publication,
            table.encoding,
            table.separator,
            len(figures),
        )
        releases.append(Release(folder.name, folder, inputs, figures_of(figures)))
    return History(root, tuple(releases), boundaries)


# --- warnings across publications -------------------------------------------------

_TOTAL_KEYS = {"projets": "total_projets_publie", "emplois": "total_emplois_publie"}


def decrease_warnings(history: History) -> list[Problem]:
    """Departments whose projects or jobs, and published totals that, went down from one
    publication to the next: each located in the later publication's file."""
    folder_of: dict[str, Path] = {release.key: release.folder for release in history.releases}
    warnings = []
    for change, column in decreases(history.keyed_figures()):
        assert change.current is not None and change.previous is not None
        warnings.append(
            Problem(
                str(folder_of[change.publication] / FIGURES_CSV),
                _(
                    "{name} ({code}): {column} went down from {before} in {publication} to "
                    "{after} ({change}); check the figure (projects can be abandoned)"
                ).format(
                    name=change.name,
                    code=change.code,
                    column=column,
                    before=plain(change.previous.count(column).worded),
                    publication=change.previous_publication,
                    after=plain(change.current.count(column).worded),
                    change=plain(change.delta_words(column)),
                ),
                change.current.line,
                column,
            )
        )
    for before, after in zip(history.releases, history.releases[1:], strict=False):
        for what, key in _TOTAL_KEYS.items():
            old, new = _total(before.publication, what), _total(after.publication, what)
            if old is not None and new is not None and new < old:
                warnings.append(
                    Problem(
                        str(after.facts),
                        _(
                            "{key} went down from {old} in {publication} to {new} "
                            "({change}); check the total"
                        ).format(
                            key=key,
                            old=old,
                            publication=before.key,
                            new=new,
                            change=plain(signed(new - old)),
                        ),
                        column=key,
                    )
                )
    return warnings


def _total(publication: Publication, column: str) -> int | None:
    total = publication.total_projets if column == "projets" else publication.total_emplois
    return None if total is None else total.value
