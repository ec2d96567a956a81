"""The words both maps show: the interactive page and the static image import them here.

Title, subtitle (dates in French: "chiffres publiés en octobre 2022"), source
lines, the headline's words, legend entries and notes, and where each
department's name is placed. Figures invented for tests and examples (the facts'
``donnees_fictives``) put "FICTIF" at the head of every title
(:func:`mark_fictitious`). Neither renderer imports the other: a change of
wording here shows on the page and on the image alike. All text is French.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd
import shapely
from shapely.ops import polylabel

from relocmap.base.numbers import fold, fr_int
from relocmap.base.precision import Precision
from relocmap.inputs.dates import MONTHS, PartialDate
from relocmap.inputs.facts import Publication
from relocmap.inputs.join import JoinedFigures
from relocmap.outputs.classify import NO_DATA_COLOR, Classes, View

NO_DATA_LABEL = "Pas de données"
BOUNDARY_SOURCE = "Contours : IGN ADMIN EXPRESS et INSEE, Licence Ouverte 2.0"
# Label points are rounded to 3 decimals of a degree (~100 m): finer than a pixel
# at the regional zoom, and the same on every platform.
LABEL_DECIMALS = 3
# What every title starts with when the figures were invented (tests, examples).
FICTITIOUS_MARK = "FICTIF"


def is_fictitious(publication: Publication | None) -> bool:
    """Whether the facts say the figures were invented (``donnees_fictives``)."""
    return publication is not None and publication.donnees_fictives


def mark_fictitious(text: str, fictitious: bool) -> str:
    """``FICTIF — Relocalisations industrielles en …`` when the figures shown were
    invented, ``text`` unchanged otherwise (and empty stays empty). Every title goes
    through here (page, table, embed snippet, images), so that invented figures are
    never shown as the Région's."""
    return f"{FICTITIOUS_MARK} — {text}" if fictitious and text else text


def title_text(joined: JoinedFigures, publication: Publication | None) -> str:
    """``Relocalisations industrielles en Auvergne-Rhône-Alpes`` (or "par département"
    when the figures cover several regions), headed "FICTIF — " when the facts say the
    figures were invented."""
    names = sorted(joined.frame["region_nom"].unique())
    title = (
        f"Relocalisations industrielles en {names[0]}"
        if len(names) == 1
        else "Relocalisations industrielles par département"
    )
    return mark_fictitious(title, is_fictitious(publication))


def description_text(joined: JoinedFigures, publication: Publication | None) -> str:
    """The page's description (meta description, social tags): the subtitle, or the
    title without one; headed "FICTIF — " as the title is."""
    subtitle = mark_fictitious(subtitle_text(publication), is_fictitious(publication))
    return subtitle or title_text(joined, publication)


def french_date(date: PartialDate) -> str:
    """``14 octobre 2022``, ``1er octobre 2022``, ``octobre 2022`` or ``2022``."""
    if date.month is None:
        return str(date.year)
    month = f"{MONTHS[date.month - 1]} {date.year}"
    if date.day is None:
        return month
    return f"{'1er' if date.day == 1 else date.day} {month}"


def french_when(date: PartialDate) -> str:
    """A date with its preposition: ``le 14 octobre 2022``, ``en octobre 2022``, ``en 2022``."""
    return f"{'le' if date.day is not None else 'en'} {french_date(date)}"


def subtitle_text(publication: Publication | None) -> str:
    """The plan (adoption, budget) and the date of the figures, each only when the facts
    give it: "Plan stratégique de relocalisation adopté en décembre 2021 (1,2 milliard
    d'euros) · chiffres publiés en 2022", or "Chiffres publiés le 14 juin 2023" alone.
    Empty without publication."""
    if publication is None:
        return ""
    plan = ""
    if publication.adoption_plan is not None:
        plan = f"Plan stratégique de relocalisation adopté {french_when(publication.adoption_plan)}"
    if publication.budget_plan:
        plan = f"{plan or 'Plan stratégique de relocalisation'} ({publication.budget_plan})"
    published = f"chiffres publiés {french_when(publication.source_date)}"
    return f"{plan} · {published}" if plan else published[0].upper() + published[1:]


def published_totals(publication: Publication | None) -> list[str]:
    """The regional totals as published ("190 projets", "plus de 5 300 emplois"), those
    the facts give, projects first."""
    if publication is None:
        return []
    totals = [(publication.total_projets, "projets"), (publication.total_emplois, "emplois")]
    return [total.wording(noun) for total, noun in totals if total is not None]


def trajectory_total(publication: Publication, total: int, published: bool) -> str:
    """A point of the trajectory (page chart and trajectoire.png): the regional jobs total
    as the release worded it (``plus de 5 300 emplois``), or, when it gave none, the
    departments' sum said as such (``7 158 emplois (somme des départements)``)."""
    if published and publication.total_emplois is not None:
        return publication.total_emplois.wording("emplois")
    return f"{fr_int(total)} emplois (somme des départements)"


# A source ending with one of these names a document, which takes its date as a
# complement ("communiqué de presse du 14 juin 2023"); any other source is followed by
# the date after a comma ("Région Auvergne-Rhône-Alpes, 14 juin 2023").
_DOCUMENT_NOUN = re.compile(
    r"(?<![^\W_])(?:communiqu[ée]s?|presse|dossier|bilan|rapport|note|lettre|publication"
    r"|article|site|d[ée]lib[ée]ration|conf[ée]rence|point\s+d['’][ée]tape)\s*$",
    re.I,
)
# A year written last, after a comma or a space: "communiqué de presse, 2023".
_TRAILING_YEAR = re.compile(r"[,\s]\s*([0-9]{4})\s*$")


def _date_forms(date: PartialDate) -> list[str]:
    """The ways a text may already write ``date``, folded (:func:`fold`): "14 juin 2023",
    "2023 06 14" (ISO), "14 06 2023" (14/06/2023); "juin 2023"; "2023"."""
    if date.month is None:
        return [str(date.year)]
    month = f"{fold(MONTHS[date.month - 1])} {date.year}"
    numeric = [f"{date.year} {date.month:02d}", f"{date.month:02d} {date.year}"]
    if date.day is None:
        return [month, *numeric]
    days = {str(date.day), f"{date.day:02d}", *(["1er"] if date.day == 1 else [])}
    return [
        f"{date.year} {date.month:02d} {date.day:02d}",
        *(f"{day} {month}" for day in days),
        *(f"{day} {date.month:02d} {date.year}" for day in days),
    ]


def writes_date(text: str, date: PartialDate) -> bool:
    """Whether ``text`` already gives ``date`` (in French, ISO or as 14/06/2023)."""
    folded = f" {fold(text)} "
    return any(f" {form} " in folded for form in _date_forms(date))


def french_of(date: PartialDate) -> str:
    """A date as the complement of a noun: ``du 14 juin 2023``, ``de juin 2023``,
    ``d’avril 2023``, ``de 2023``."""
    written = french_date(date)
    if date.day is not None:
        return f"du {written}"
    return f"d’{written}" if written[0] in "aeiouéèêâîôû" else f"de {written}"


def dated_source(source: str, date: PartialDate) -> str:
    """The source with the release's date, written once: "Région …, communiqué de presse"
    dated 2023-06-14 gives "Région …, communiqué de presse du 14 juin 2023"; a source
    that already gives the date is unchanged; one that ends with only the year of a more
    precise date ("…, communiqué de presse, 2023") has that year replaced by the date."""
    if writes_date(source, date):
        return source
    trailing = _TRAILING_YEAR.search(source)
    if trailing is not None and int(trailing.group(1)) == date.year:
        source = source[: trailing.start()].rstrip(" ,")
    if _DOCUMENT_NOUN.search(source):
        return f"{source} {french_of(date)}"
    return f"{source}, {french_date(date)}"


def figures_source(publication: Publication | None) -> str:
    """Where the figures come from, as the credit line names it: the source, dated by
    ``source_date`` unless it already says that date (:func:`dated_source`)."""
    if publication is None:
        return "données fournies (source non précisée)"
    return dated_source(publication.source, publication.source_date)


def source_lines(publication: Publication | None) -> list[str]:
    """The credit lines: the figures' source, then the boundaries'."""
    return [f"Chiffres : {figures_source(publication)}", BOUNDARY_SOURCE]


def sum_notes(sums: Mapping[str, int], publication: Publication) -> list[str]:
    """ "Somme des départements : 5 320 emplois (total publié : 5 306)" for each published
    total that the departments' sum (``sums``, by column) differs from."""
    totals = {"projets": publication.total_projets, "emplois": publication.total_emplois}
    return [
        f"Somme des départements : {fr_int(sums[column])} {column} "
        f"(total publié : {fr_int(total.value)})"
        for column, total in totals.items()
        if total is not None and sums[column] != total.value
    ]


def objective_text(publication: Publication) -> str | None:
    """``30 000 emplois industriels en 6 ans``, or None without an objective."""
    goal, years = publication.objectif_emplois, publication.objectif_duree_ans
    if goal is None:
        return None
    return f"{fr_int(goal)} emplois industriels" + (f" en {years} ans" if years else "")


def announced_texts(publication: Publication) -> list[str]:
    """The forward-looking figures, projects first, as the release worded them, with
    their horizon: "une centaine de nouveaux projets prévus d'ici fin 2025", or
    "200 projets annoncés prochainement" without one; none for a count of 0."""
    texts = []
    for announced, noun in (
        (publication.projets_annonces, "projets"),
        (publication.emplois_annonces, "emplois"),
    ):
        if announced is None or not announced.count.value:
            continue
        words = announced.count.wording(noun)
        texts.append(
            f"{words} prévus {announced.horizon}"
            if announced.horizon
            else f"{words} annoncés prochainement"
        )
    return texts


def plan_facts_text(publication: Publication) -> str:
    """``Budget : 1,2 milliard d'euros · plan adopté en décembre 2021 · 200 projets annoncés
    prochainement``: those the facts give (the announced figures by
    :func:`announced_texts`), or empty."""
    parts = []
    if publication.budget_plan:
        parts.append(f"Budget : {publication.budget_plan}")
    if publication.adoption_plan is not None:
        parts.append(f"plan adopté {french_when(publication.adoption_plan)}")
    parts.extend(announced_texts(publication))
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]


def legend_items(classes: Classes, has_missing: bool) -> list[dict[str, str]]:
    """One ``{"color", "label"}`` entry per class, then "Pas de données" when a
    department shown has no value."""
    items = [
        {"color": color, "label": label}
        for color, label in zip(classes.colors, classes.labels(), strict=True)
    ]
    if has_missing:
        items.append({"color": NO_DATA_COLOR, "label": NO_DATA_LABEL})
    return items


def population_note(joined: JoinedFigures, view: View) -> str:
    """For a per-inhabitant view, which population the rate divides by; else empty."""
    if not view.per_inhabitant:
        return ""
    vintages = sorted(joined.frame["population_millesime"].dropna().astype(int).unique())
    return f" ; population municipale INSEE {', '.join(map(str, vintages))}"


def legend_note(joined: JoinedFigures, classes: Classes) -> str:
    """The line under a legend: how the classes were made, and for a rate, which population."""
    return classes.note() + population_note(joined, classes.view)


def overseas_note(names: list[str]) -> str:
    """Names the overseas departments a map leaves out."""
    return "Non représentés sur cette carte (outre-mer) : " + ", ".join(names) + "."


def label_point(geometry: shapely.Geometry) -> list[float]:
    """``[lat, lon]`` where a department's name goes: the pole of inaccessibility of its
    largest part, so the label sits well inside even a crescent-shaped department."""
    largest = max(shapely.get_parts(geometry), key=lambda part: part.area)
    point = polylabel(largest, tolerance=0.005)
    return [round(point.y, LABEL_DECIMALS), round(point.x, LABEL_DECIMALS)]


def department_label(
    name: str, value: float | None, precision: str | None, separator: str = " · "
) -> str:
    """A department's name with its figure as published: ``Isère · près de 670``
    (``separator="\\n"`` puts the figure on a second line); the name alone without
    a figure."""
    if value is None or pd.isna(value):
        return name
    return f"{name}{separator}{Precision(precision or Precision.EXACT).words}{fr_int(value)}"
