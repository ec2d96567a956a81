"""The build: the checked inputs of one publication or of a publications folder turned
into every output (classified once, rendered, then written as one set)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import pandas as pd

from relocmap.base import layout
from relocmap.base.errors import InputError, Problem
from relocmap.base.i18n import _
from relocmap.files import writing
from relocmap.history.changes import Status
from relocmap.history.folder import History, load_history
from relocmap.inputs.checked import Inputs, load_inputs
from relocmap.inputs.consistency import headline_concerns
from relocmap.inputs.join import JoinedFigures
from relocmap.outputs import exports
from relocmap.outputs.classify import (
    VIEWS,
    Classes,
    View,
    classify,
    classify_change,
    classify_together,
)
from relocmap.outputs.evolution import render_evolution
from relocmap.outputs.images import render_static
from relocmap.outputs.trajectory import render_trajectory
from relocmap.outputs.wording import french_date
from relocmap.page import MapOptions, build_editions_page, build_page, iframe_snippet
from relocmap.page.edition import Edition
from relocmap.page.publishing import ASSETS_LOCAL, local_asset_files
from relocmap.page.trajectory import trajectory_html


def classify_views(joined: JoinedFigures, views: Sequence[View] | None = None) -> list[Classes]:
    """Classify every view once; the page and the static image share the result."""

    return [classify(joined.frame[view.key], view) for view in (views or VIEWS)]


def classify_history(history: History) -> dict[str, list[Classes]]:
    """Per publication, one Classes per view of the page: every view classified over all
    publications together (one colour means one value in every publication), then the
    change in jobs since the previous publication (diverging, centred on 0)."""

    releases = history.releases
    shared = [
        classify_together({r.key: r.inputs.joined.frame[view.key] for r in releases}, view)
        for view in VIEWS
    ]
    later = history.changes()
    if not later:  # one publication: nothing to compare, no change view
        return {r.key: [classes[r.key] for classes in shared] for r in releases}
    deltas = {
        key: pd.Series({code: c.delta("emplois") for code, c in per_code.items()}, dtype=float)
        for key, per_code in later.items()
    }
    new = {
        key: {code for code, c in per_code.items() if c.status in (Status.NEW, Status.BACK)}
        for key, per_code in later.items()
    }
    back = any(c.status is Status.BACK for per_code in later.values() for c in per_code.values())
    change = classify_change(deltas, new, "nouveau ou de retour" if back else "nouveau")
    result = {}
    for index, release in enumerate(releases):
        per_view = [classes[release.key] for classes in shared]
        if index == 0:
            first = next(iter(change.values()))
            per_view.append(replace(first, class_of={}, counts=(0,) * len(first.colors)))
        else:
            per_view.append(change[release.key])
        result[release.key] = per_view
    return result


def history_editions(history: History) -> list[Edition]:
    """Every publication as the page shows it (:class:`relocmap.page.edition.Edition`)."""

    later = history.changes()
    # One fictitious publication makes the whole page's titles say FICTIF.
    facts = [
        replace(r.publication, donnees_fictives=True) if history.fictitious else r.publication
        for r in history.releases
    ]
    return [
        Edition(
            release.key,
            release.inputs.joined,
            facts[index],
            later.get(release.key),
            facts[index - 1] if index else None,
        )
        for index, release in enumerate(history.releases)
    ]


def build_map(
    data: Path,
    geo: Path,
    out_dir: Path,
    facts: Path | None = None,
    options: MapOptions | None = None,
    encoding: str | None = None,
    check: Callable[[Inputs, Path, Path | None], None] | None = None,
) -> list[Path]:
    """Check the inputs, render every output, then put them into ``out_dir`` as one set.

    Outputs: carte.html (the map), carte-iframe.html (the embed snippet),
    carte.png and carte.svg (static image of the jobs view),
    relocalisations.geojson and relocalisations.csv (data exports), with two or
    more publications evolution.png and trajectoire.png, and with
    ``options.assets == "local"`` Leaflet's leaflet.js and leaflet.css; outputs of
    an earlier build that this one does not write are removed.
    ``data`` may be a publications folder (:mod:`relocmap.history.folder`; ``facts``
    is then ignored): the map shows the latest publication, and with two or more
    the exports carry every publication (:func:`history_files`).
    Nothing is written unless every input is valid and every output rendered, and
    the set is swapped in whole (:func:`relocmap.files.writing.replace_outputs`): a failed,
    interrupted or killed build leaves the previous set. ``check``, if given, sees the
    checked inputs of each publication with its figures and facts paths before
    anything is rendered, and may refuse them by raising.
    """

    options = options or MapOptions()
    names = layout.OUTPUT_NAMES + (
        layout.LOCAL_ASSET_NAMES if options.assets == ASSETS_LOCAL else ()
    )
    # Refusals that need no rendering come first (a symbolic link in out/, --out data).
    writing.check_output_folder(out_dir, names, (data, geo, facts))
    if data.is_dir():
        history = load_history(data, geo, encoding)
        for release in history.releases:
            if check is not None:
                check(release.inputs, release.data, release.facts)
        inputs = history.shown_inputs()  # FICTIF in its titles if any publication is
        if len(history.releases) > 1:
            files = map_files(inputs, options, history)
        else:
            files = map_files(inputs, options)
        sources: tuple[Path | None, ...] = (geo, *(r.data for r in history.releases))
        sources += tuple(r.facts for r in history.releases)
    else:
        inputs = load_inputs(data, geo, facts, encoding)
        if check is not None:
            check(inputs, data, facts)
        files = map_files(inputs, options)
        sources = (data, geo, facts)
    return writing.replace_outputs(out_dir, files, sources)


def map_files(
    inputs: Inputs, options: MapOptions | None = None, history: History | None = None
) -> dict[str, bytes | str]:
    """Every output of the map, by file name (nothing written): of one publication
    (``inputs``), or with ``history`` (two or more publications, ``inputs`` the
    latest's) of all of them: the page then offers every publication and the change,
    the exports and images follow (:func:`history_files`)."""

    options = options or MapOptions()
    joined = inputs.joined
    # The static image shows one publication, classified on its own (as with one).
    classes = classify_views(joined)
    if history is None:
        page = build_page(joined, inputs.publication, classes, options)
    else:
        by_edition = classify_history(history)
        page = build_editions_page(
            history_editions(history), by_edition, options, trajectory_html(history.trajectory())
        )
    files: dict[str, bytes | str] = {
        layout.PAGE_HTML: page,
        layout.SNIPPET_HTML: iframe_snippet(joined, inputs.publication, options.base_url),
        layout.EXPORT_GEOJSON: exports.relocalisations_geojson(joined.frame),
        layout.EXPORT_CSV: exports.relocalisations_csv(joined.frame),
    }
    files.update(render_static(joined, classes[0], inputs.publication))
    if options.assets == ASSETS_LOCAL:
        files.update(local_asset_files())  # leaflet.js, leaflet.css beside carte.html
    if history is not None:
        files.update(history_files(history, by_edition))
    return files


def history_files(
    history: History, classes: Mapping[str, Sequence[Classes]]
) -> dict[str, bytes | str]:
    """What two or more publications add to (or change in) the outputs: the exports
    carry every publication (CSV, long format) and the change since the previous one
    (both), and two images: evolution.png (small multiples of the jobs, in the page's
    classes shared by every publication: ``classes``, from :func:`classify_history`) and
    trajectoire.png (total jobs against the objective)."""

    releases = history.releases
    changes = history.changes()
    latest, previous = releases[-1], releases[-2]
    frames = [(r.key, r.inputs.joined.frame) for r in releases]
    panels = [
        (french_date(r.publication.source_date), r.inputs.joined, classes[r.key][0])
        for r in releases
    ]
    points = [
        (publication, total, published) for _, publication, total, published in history.trajectory()
    ]
    return {
        layout.EXPORT_CSV: exports.relocalisations_history_csv(frames, changes),
        layout.EXPORT_GEOJSON: exports.relocalisations_history_geojson(
            latest.key, previous.key, latest.inputs.joined.frame, changes[latest.key]
        ),
        layout.EVOLUTION_PNG: render_evolution(panels, history.shown_inputs().publication),
        layout.TRAJECTORY_PNG: render_trajectory(points),
    }


def headline_check(
    accept_total_mismatch: bool, warn: Callable[[str], None]
) -> Callable[[Inputs, Path, Path | None], None]:
    """What 'build' does with validate's warnings: ``warn`` each; refuse a contradicted
    total unless accepted. With several publications, each one's headline is checked so."""

    def check(inputs: Inputs, data: Path, facts: Path | None) -> None:
        concerns = headline_concerns(inputs.joined, inputs.publication, data, facts)
        refused = [c for c in concerns if c.kind == "total" and not accept_total_mismatch]
        if refused:
            raise InputError(
                [
                    *(Problem(str(facts), c.message) for c in refused),
                    Problem(
                        str(facts),
                        _(
                            "nothing was built: the headline would contradict the map; fix "
                            "the facts or the figures, or pass --accept-total-mismatch if the "
                            "Région published these totals (to accept them for every build, "
                            "record them in the facts: the ecart_accepte_ keys, "
                            "data/README.md)"
                        ),
                    ),
                ]
            )
        for concern in concerns:
            warn(concern.message)

    return check
