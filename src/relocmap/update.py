"""From a new press release to new figures and facts, checked before anything is written.

'relocmap update' reads the release with the extract stage, makes the figures CSV
and the publication facts of that release (its date, its source, its regional
totals and their wording), checks both as 'validate' would, and only then
writes them together. A fact of the previous release that the new one does not
give is dropped, never carried over; only the facts of the plan itself
(:data:`relocmap.inputs.facts.PLAN_KEYS`: adoption, budget, objective) are kept,
and ``donnees_fictives`` (figures invented for tests and examples): a release read
after invented figures is labelled FICTIF too, until someone who knows it is
real removes the key by hand. Wrongly labelling real figures FICTIF shows on
every title and is undone in one edit; the reverse would show invented figures
as the Région's.
Pure apart from reading the inputs: the caller writes and prints.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from relocmap.base.errors import InputError, Problem
from relocmap.base.i18n import _
from relocmap.base.layout import FACTS_JSON, FIGURES_CSV
from relocmap.extract.found import Announced, Extraction, RegionalTotals
from relocmap.extract.output import (
    announced_facts,
    chosen_announced,
    release_outputs,
    totals_facts,
)
from relocmap.extract.quantities import semicolons
from relocmap.extract.release import check_totals_region, extract_release, names_in
from relocmap.files.writing import output_folder
from relocmap.history.changes import DepartmentFigures, figures_of
from relocmap.history.folder import (
    History,
    Release,
    dates_overlap,
    load_history,
    release_folders,
    strictly_after,
)
from relocmap.history.folder import decrease_warnings as across
from relocmap.inputs.boundaries import read_boundaries
from relocmap.inputs.checked import Inputs, load_inputs
from relocmap.inputs.consistency import Concern, total_concerns
from relocmap.inputs.dates import PartialDate
from relocmap.inputs.facts import (
    FICTITIOUS_KEY,
    PLAN_KEYS,
    accepted_mismatch_keys,
    facts_json,
    read_facts,
)
from relocmap.inputs.figures import default_schema, read_csv_table
from relocmap.inputs.validate import validate_table

_CSV_KEY = Path(FIGURES_CSV)
# What the desk (an editor's corrections) does to the figures CSV and the facts read from
# the release before they are checked: the same checks then apply to what is written.
Edit = Callable[[str, dict[str, Any]], tuple[str, dict[str, Any]]]


@dataclass(frozen=True)
class Update:
    """A release read and checked: what to write, what it changes, what to look at."""

    extraction: Extraction
    csv_text: str
    facts: dict[str, Any]
    previous_facts: dict[str, Any] | None
    # None when the previous figures could not be read
    before: dict[str, DepartmentFigures] | None
    before_problem: str | None
    after: dict[str, DepartmentFigures]
    inputs: Inputs
    concerns: list[Concern]
    # Mismatches accepted (--accept-total-mismatch) and recorded in the facts.
    accepted: list[Concern] = field(default_factory=list)


def read_release_figures(
    release: Path, boundaries: gpd.GeoDataFrame, partial: bool, encoding: str | None
) -> tuple[Extraction, str]:
    """The extract stage, called in this one place: the extraction and its figures CSV.

    Refuses (InputError) a release that was not read whole, unless ``partial``.
    """
    departments, regions = names_in(boundaries)
    found = extract_release(release, departments, regions, encoding)
    check_totals_region(found, boundaries, release)
    files = release_outputs(found, release, partial, _CSV_KEY, None)
    return found, files[_CSV_KEY]


def release_totals(found: Extraction, release: Path) -> RegionalTotals | None:
    """The release's regional totals; several that disagree are refused, not guessed."""
    if not found.totals:
        return None
    first = found.totals[0]
    figures = {
        (t.projects.value, t.projects.precision, t.jobs.value, t.jobs.precision)
        for t in found.totals
    }
    if len(figures) > 1:
        listed = semicolons(
            [
                _("line {line}: {words}").format(
                    line=t.line, words=f"{t.projects.words}, {t.jobs.words}"
                )
                for t in found.totals
            ]
        )
        raise InputError.single(
            release,
            _(
                "several different regional totals ({listed}); cannot tell which one is the "
                "release's: keep only the release's own total in the text, nothing was "
                "changed"
            ).format(listed=listed),
        )
    return first


def release_facts(
    date: str,
    source: str,
    totals: RegionalTotals | None,
    previous: Mapping[str, Any] | None,
    announced: Mapping[str, Announced] | None = None,
) -> dict[str, Any]:
    """The facts of the new release: date, source, totals, the figures it announces for
    later (projects, jobs, with their horizon); the plan's facts kept, and
    ``donnees_fictives`` when the previous facts set it (never set otherwise)."""
    facts: dict[str, Any] = {"source_date": date, "source": source}
    if totals is not None:
        facts.update(totals_facts(totals))
    given = announced_facts(dict(announced or {})).items()
    facts.update((key, value) for key, value in given if value is not None)
    for key in PLAN_KEYS:
        if previous is not None and previous.get(key) is not None:
            facts[key] = previous[key]
    if previous is not None and previous.get(FICTITIOUS_KEY) is True:
        facts[FICTITIOUS_KEY] = True
    return facts


def _previous_facts(facts_path: Path) -> dict[str, Any] | None:
    """The facts the update replaces (it keeps their plan facts), if there is a file."""
    if not os.path.lexists(facts_path):
        return None
    try:
        return read_facts(facts_path)
    except InputError as exc:
        raise InputError(
            [
                *exc.problems,
                Problem(
                    str(facts_path),
                    _(
                        "nothing was changed; fix this file, or delete it (the update keeps "
                        "only the plan's facts and whether the figures are fictitious from "
                        "it: {keys})"
                    ).format(keys=", ".join((*PLAN_KEYS, FICTITIOUS_KEY))),
                ),
            ]
        ) from None


def _figures_of(path: Path, department_names: Mapping[str, str]) -> dict[str, DepartmentFigures]:
    return figures_of(validate_table(read_csv_table(path), department_names, default_schema()))


def previous_figures(
    data: Path, department_names: Mapping[str, str]
) -> tuple[dict[str, DepartmentFigures] | None, str | None]:
    """The figures the update replaces, or None and why they cannot be compared."""
    if not data.exists():
        return {}, None
    try:
        return _figures_of(data, department_names), None
    except InputError as exc:
        return None, _("the previous figures in {path} could not be read ({problem})").format(
            path=data, problem=exc.problems[0]
        )


def accepted_facts(concerns: list[Concern], today: str) -> dict[str, Any]:
    """The facts that record the totals' mismatches as accepted on ``today``."""
    facts: dict[str, Any] = {}
    for concern in concerns:
        if concern.kind == "total" and concern.column is not None:
            total_key, given_key, date_key = accepted_mismatch_keys(concern.column)
            facts |= {total_key: concern.total, given_key: concern.given, date_key: today}
    return facts


def _checked(
    files: tuple[str, Mapping[str, Any]],
    data: Path,
    facts_path: Path,
    geo: Path,
    names: Mapping[str, str],
) -> tuple[Inputs, pd.DataFrame]:
    """The new figures and facts checked in a temporary folder, exactly as 'validate'
    checks data/."""
    csv_text, facts = files
    with tempfile.TemporaryDirectory(prefix="relocmap-update-") as folder:
        new_data, new_facts = Path(folder) / data.name, Path(folder) / facts_path.name
        new_data.write_text(csv_text, encoding="utf-8")
        new_facts.write_text(facts_json(facts), encoding="utf-8")
        try:
            inputs = load_inputs(new_data, geo, new_facts)
            frame = validate_table(read_csv_table(new_data), names, default_schema())
        except InputError as exc:
            # The checks name the temporary copies; the user knows the files by their place.
            renamed = {str(new_data): str(data), str(new_facts): str(facts_path)}
            raise InputError(
                [
                    Problem(renamed.get(p.path, p.path), p.reason, p.line, p.column)
                    for p in exc.problems
                ]
            ) from None
    return inputs, frame


def prepare_update(
    release: Path,
    data: Path,
    facts_path: Path,
    geo: Path,
    *,
    date: str,
    source: str,
    partial: bool = False,
    encoding: str | None = None,
    previous_data: Path | None = None,
    previous_facts_path: Path | None = None,
    accept_total_mismatch: bool = False,
    today: str | None = None,
    edit: Edit | None = None,
) -> Update:
    """Read the release and check what it would write; raise InputError if anything is off.

    Nothing is written: the new files are checked in a temporary folder, exactly
    as 'validate' checks data/. The figures and facts it replaces (compared, and
    the plan's facts kept) are ``data`` and ``facts_path`` unless
    ``previous_data`` and ``previous_facts_path`` name others (the previous
    publication, when the release is added as a new one). With
    ``accept_total_mismatch``, totals that contradict the departments' sum are
    recorded in the facts as accepted on ``today`` (default: the clock's day), so
    that every later 'validate' and 'build' knows it (:attr:`Update.accepted`).
    ``edit``, if given, turns the figures CSV's text and the facts read from the
    release into those to write (the desk's corrections), before any check.
    """
    boundaries = read_boundaries(geo)
    previous = _previous_facts(previous_facts_path or facts_path)
    found, csv_text = read_release_figures(release, boundaries, partial, encoding)
    totals = release_totals(found, release)
    facts = release_facts(date, source, totals, previous, chosen_announced(found, str(release)))
    if edit is not None:
        csv_text, facts = edit(csv_text, facts)
    names = boundaries["nom"].to_dict()
    inputs, frame = _checked((csv_text, facts), data, facts_path, geo, names)
    concerns = total_concerns(inputs.joined, inputs.publication, within_release=True)
    accepted: list[Concern] = []
    if accept_total_mismatch and concerns:
        facts |= accepted_facts(concerns, today or datetime.date.today().isoformat())
        inputs, frame = _checked((csv_text, facts), data, facts_path, geo, names)
        accepted, concerns = concerns, []
    before, before_problem = previous_figures(previous_data or data, names)
    return Update(
        found,
        csv_text,
        facts,
        previous,
        before,
        before_problem,
        figures_of(frame),
        inputs,
        concerns,
        accepted,
    )


@dataclass(frozen=True)
class NewPublication:
    """Where a release added as a new publication goes, and the one before it."""

    folder: Path
    data: Path
    facts: Path
    previous: Path | None  # the latest publication's folder; None for the first


def new_publication(root: Path, date: str) -> NewPublication:
    """The folder of the publication dated ``date`` under ``root``, refused (InputError)
    if it exists or is not strictly after the latest publication: a publication,
    once added, is never changed."""

    iso = PartialDate.parse(date).iso
    folder = root / iso
    if os.path.lexists(folder):
        raise InputError.single(
            folder,
            _(
                "publication {date} already exists; update adds a new publication and never "
                "changes one: nothing was changed (to correct it, edit its files by hand and "
                "run '.venv/bin/relocmap validate')"
            ).format(date=iso),
        )
    has_folders = root.is_dir() and any(
        entry.is_dir() and not entry.name.startswith(".") for entry in root.iterdir()
    )
    previous = release_folders(root)[-1] if has_folders else None
    if previous is not None:
        latest_facts = previous / FACTS_JSON
        latest = PartialDate.parse(read_facts(latest_facts)["source_date"])
        new = PartialDate.parse(iso)
        if not strictly_after(new, latest):
            if dates_overlap(new, latest):
                why = _(
                    "{date} and {latest} may be the same day, so their order is not "
                    "certain; give both dates to the day (or the month)"
                )
            else:
                why = _("{date} is earlier than {latest}")
            raise InputError.single(
                latest_facts,
                _(
                    "--date {date}: the release would be added as {folder}, but publications "
                    "must come strictly after the latest one (source_date {latest}): {why}; "
                    "nothing was changed"
                ).format(
                    date=iso,
                    folder=folder,
                    latest=latest.iso,
                    why=why.format(date=iso, latest=latest.iso),
                ),
                column="source_date",
            )
    return NewPublication(folder, folder / FIGURES_CSV, folder / FACTS_JSON, previous)


def prepare_new_publication(
    release: Path,
    root: Path,
    geo: Path,
    *,
    date: str,
    source: str,
    partial: bool = False,
    encoding: str | None = None,
    accept_total_mismatch: bool = False,
    edit: Edit | None = None,
) -> tuple[Update, NewPublication]:
    """As :func:`prepare_update`, for a release added to the publications folder ``root``:
    compared with the latest publication, whose plan facts it keeps."""

    target = new_publication(root, date)
    previous = target.previous
    found = prepare_update(
        release,
        target.data,
        target.facts,
        geo,
        date=date,
        source=source,
        partial=partial,
        encoding=encoding,
        accept_total_mismatch=accept_total_mismatch,
        edit=edit,
        previous_data=None if previous is None else previous / FIGURES_CSV,
        previous_facts_path=None if previous is None else previous / FACTS_JSON,
    )
    return found, target


def decrease_warnings(
    update: Update, target: NewPublication, root: Path, geo: Path
) -> list[Problem]:
    """What 'validate' will warn about the new publication once added: a department's
    projects or jobs, or a published total, that go down from the latest publication.

    The publications already in ``root`` are read and checked as 'validate' reads them;
    if one of them is broken, nothing is added (InputError): the map could not be
    rebuilt from the folder.
    """

    if target.previous is None:
        return []
    try:
        history = load_history(root, geo)
    except InputError as exc:
        raise InputError(
            [
                *exc.problems,
                Problem(
                    str(root),
                    _(
                        "nothing was changed: the publications already there must pass "
                        "'.venv/bin/relocmap validate' before one is added"
                    ),
                ),
            ]
        ) from None
    added = Release(target.folder.name, target.folder, update.inputs, update.after)
    return across(History(root, (history.latest, added), history.boundaries))


def read_update(
    release: Path, data: Path, geo: Path, out_dir: Path, **options: Any
) -> tuple[Update, Path, Path, str, list[Problem]]:
    """The release read and checked against ``data`` (one publication, or a publications
    folder it joins), with the files it would write, the report's heading and, for a
    folder, the decrease warnings. ``out_dir``, rebuilt once they are written, is
    checked first (OutputError): the figures are never written for a map that cannot be."""
    output_folder(out_dir)
    if data.is_dir():  # a publications folder: the release becomes a new publication
        found, target = prepare_new_publication(release, data, geo, **options)
        previous = _("none") if target.previous is None else target.previous.name
        heading = _("New publication {date} (against the previous one: {previous})").format(
            date=target.folder.name, previous=previous
        )
        return (
            found,
            target.data,
            target.facts,
            heading,
            decrease_warnings(found, target, data, geo),
        )
    facts = data.parent / FACTS_JSON
    found = prepare_update(release, data, facts, geo, **options)
    return found, data, facts, _("What changes"), []


def refuse_contradicted_totals(update: Update, release: Path) -> None:
    """A release whose totals contradict its own departments is not written."""
    if update.concerns:
        raise InputError(
            [
                *(Problem(str(release), concern.message) for concern in update.concerns),
                Problem(
                    str(release),
                    _(
                        "nothing was changed; correct the release's text if it was misread, "
                        "or pass --accept-total-mismatch if the Région published these figures"
                    ),
                ),
            ]
        )


def files_to_write(update: Update, data: Path, facts_path: Path) -> dict[Path, bytes | str]:
    """DepartmentFigures first, then facts: the facts file is never older than the figures."""
    files: dict[Path, bytes | str] = {data: update.csv_text, facts_path: facts_json(update.facts)}
    return files
