"""A department's figures in words, as the popup, the tooltips and the table write them:
published precision (``près de 670``), units that agree, ranks, changes since the
previous publication."""

from __future__ import annotations

import pandas as pd

from relocmap.base.numbers import fr_decimal, fr_int
from relocmap.base.precision import Precision
from relocmap.history.changes import Change, Status
from relocmap.outputs.classify import View
from relocmap.page.edition import Edition


def as_published(value: float, precision: str, unit: str | None = None) -> str:
    """``670, Precision.PRES_DE`` gives ``près de 670``; with a unit, ``près de 670 emplois``."""
    if pd.isna(value):
        return "pas de données"
    text = Precision(precision).words + fr_int(value)
    if unit:
        text += " " + unit_for(value, unit)
    return text


def unit_for(value: float, unit: str, digits: int = 0) -> str:
    """The unit after a figure, French rule: plural from 2 (on the figure as shown, rounded
    to ``digits``). ``0.3, "emplois pour 10 000 habitants"`` gives ``emploi pour 10 000
    habitants``; only the first word agrees."""
    if round(float(value), digits) >= 2:
        return unit
    first, *rest = unit.split(" ", 1)
    return " ".join([first.removesuffix("s"), *rest])


def ordinal(rank: int, tied: bool = False) -> str:
    """``1er``, ``2e``…; a rank shared with another department is ``10e ex aequo``."""
    text = "1er" if rank == 1 else f"{rank}e"
    return f"{text} ex aequo" if tied else text


def from_jobs(row: pd.Series, column: str, suffix: str = "", digits: int = 1) -> str:
    """A figure derived from the jobs count (per project, per inhabitant, share),
    French-formatted, "environ" when that count was published as approximate."""
    approx = Precision.ENVIRON.words if Precision(row["emplois_precision"]).approximate else ""
    return f"{approx}{fr_decimal(row[column], digits)}{suffix}"


def view_value(row: pd.Series, view: View) -> str:
    """The tooltip figure of a view: ``près de 670 emplois``, ``2,5 emplois pour…``."""
    if pd.isna(row[view.key]):
        return "pas de données"
    if view.decimals:
        unit = unit_for(row[view.key], view.unit, view.decimals)
        return f"{from_jobs(row, view.key, digits=view.decimals)} {unit}"
    return as_published(row[view.key], row[f"{view.key}_precision"], view.unit)


# The popup's terms; a department's figures come as texts in this order (a term without
# a figure, such as jobs per project with no project, is left out of its popup).
POPUP_TERMS = (
    "Projets soutenus",
    "Emplois annoncés",
    "Emplois par projet",
    "Emplois pour 10\u202f000 habitants",
    "Part des emplois de la région",
    "Rang dans la région (emplois)",
)


def figure_texts(row: pd.Series, region_count: int | None, tied: bool = False) -> list[str | None]:
    """A department's figures as the popup (:data:`POPUP_TERMS`) and the table write
    them; ``tied``: another department of the region has the same rank (the rank's text
    is None without ``region_count``: the table has no rank). Empty without figures."""
    if pd.isna(row["emplois"]):
        return []
    per_project = None
    if not pd.isna(row["emplois_par_projet"]):
        per_project = from_jobs(row, "emplois_par_projet")
    per_inhabitant = None
    if not pd.isna(row["emplois_pour_10000_hab"]):
        per_inhabitant = from_jobs(row, "emplois_pour_10000_hab")
    return [
        as_published(row["projets"], row["projets_precision"]),
        as_published(row["emplois"], row["emplois_precision"]),
        per_project,
        per_inhabitant,
        from_jobs(row, "part_emplois", "\u00a0%"),
        None
        if region_count is None
        else f"{ordinal(int(row['rang_emplois']), tied)} sur {region_count}",
    ]


def popup_rows(row: pd.Series, region_count: int, tied: bool = False) -> list[tuple[str, str]]:
    """The popup's (term, figure) pairs, as the page script lays them out."""
    texts = figure_texts(row, region_count, tied)
    pairs = zip(POPUP_TERMS, texts, strict=False)  # no texts: no figures, no rows
    return [(term, text) for term, text in pairs if text is not None]


# A department with figures in the previous publication and none in this one: the
# release does not say it left the plan ("retiré" read so), only that it is not there.
DROPPED_WORDS = "absent de cette publication"


def change_words(change: Change | None) -> str | None:
    """A department's change for its popup: ``+120 emplois, +3 projets``, ``environ +70
    emplois, 0 projet``, ``nouveau``, ``de retour``, :data:`DROPPED_WORDS`; None without
    a change."""
    if change is None:
        return None
    if change.status is Status.DROPPED:
        return DROPPED_WORDS
    if change.status is not Status.FOLLOWED:
        return change.delta_words("emplois")
    parts = []
    for column in ("emplois", "projets"):
        delta = change.delta(column)
        assert delta is not None  # followed: figures in both publications
        parts.append(f"{change.delta_words(column)} {unit_for(abs(delta), column)}")
    return ", ".join(parts)


def change_tip(edition: Edition, code: str) -> str:
    """The Évolution view's tooltip figure: ``+120 emplois``, ``nouveau``,
    :data:`DROPPED_WORDS`…"""
    if edition.changes is None:
        return "première publication"
    change = edition.changes.get(code)
    if change is None:
        return "pas de données"
    if change.status is Status.DROPPED:
        return DROPPED_WORDS
    delta = change.delta("emplois")
    if delta is None:
        return change.delta_words("emplois")
    return f"{change.delta_words('emplois')} {unit_for(abs(delta), 'emplois')}"
