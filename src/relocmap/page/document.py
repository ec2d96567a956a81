"""The interactive page: folium map, one GeoJSON layer, and small templated controls."""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import folium
import jinja2
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, Figure, MacroElement
from folium.template import Template
from folium.utilities import camelize

from relocmap.base import codes
from relocmap.base.numbers import fr_decimal, fr_int
from relocmap.base.precision import Precision
from relocmap.history.changes import Change, Status
from relocmap.inputs.facts import Publication, Total
from relocmap.inputs.join import JoinedFigures
from relocmap.outputs.classify import CHANGE_VIEW, NO_DATA_COLOR, Classes, View
from relocmap.outputs.wording import (
    BOUNDARY_SOURCE,
    description_text,
    figures_source,
    french_date,
    french_when,
    label_point,
    legend_items,
    legend_note,
    objective_text,
    plan_facts_text,
    published_totals,
    source_lines,
    subtitle_text,
    sum_notes,
    title_text,
    trajectory_total,
)
from relocmap.page import publishing
from relocmap.page.offline import leaflet_css, leaflet_js

TILES = {
    # option value -> (xyzservices provider, attribution in French). "light" is a grey
    # basemap that keeps the class colours readable and needs no API key (CARTO's
    # Positron now does).
    "light": ("Esri.WorldGrayCanvas", "Fond de carte © Esri — Esri, DeLorme, NAVTEQ"),
    "osm": (
        "OpenStreetMap.Mapnik",
        '© les contributeurs d’<a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
    ),
}
DEFAULT_TILES = "light"
# Simplification for the page only (degrees, coverage-preserving): the boundaries
# file keeps 250 m detail; the page keeps ~550-780 m (0.007°: about a pixel at the
# regional zoom; IoU with the boundaries file ≥ 0.988 in Auvergne-Rhône-Alpes, was
# 0.989 at 0.0065°, which no longer fitted the 100 000-byte budget once the page
# gained its accessible, content-first and publishing parts) and rounds to 3
# decimals (~100 m), which halves its weight.
PAGE_SIMPLIFY_DEG = 0.007
PAGE_DECIMALS = 3


@dataclass(frozen=True)
class MapOptions:
    """How the page is built; every field has a sensible default."""

    tiles: str | None = DEFAULT_TILES
    offline: bool = False
    # Where Leaflet comes from: "cdn" (with integrity hashes) or "local" (files
    # beside the page); --offline inlines it instead. See relocmap.publishing.
    assets: str = publishing.ASSETS_CDN
    # The folder's public address (normalised to end with "/"), or None.
    base_url: str | None = None

    def __post_init__(self) -> None:
        publishing.check_assets(self.assets, self.offline)
        if self.base_url is not None:
            object.__setattr__(self, "base_url", publishing.normalize_base_url(self.base_url))


@dataclass(frozen=True)
class Edition:
    """One publication as the page shows it: its figures, its facts and, from the second
    publication on, each department's change since the previous one (``changes``, by
    code; None for the first or only publication). Every edition of a page has the same
    departments (one set of regions)."""

    key: str  # the publication's date, ISO 8601 (its name in the page's address)
    joined: JoinedFigures
    publication: Publication | None
    changes: Mapping[str, Change] | None = None
    previous: Publication | None = None

    @property
    def label(self) -> str:
        """``juin 2023``: the publication's date in French."""
        return french_date(self.publication.source_date) if self.publication else self.key


@cache
def _snippets() -> jinja2.Environment:
    loader = jinja2.PackageLoader("relocmap.page", "templates")
    return jinja2.Environment(loader=loader, autoescape=True, keep_trailing_newline=False)


def _snippet(name: str, **context: object) -> str:
    return _snippets().get_template(name).render(**context).strip()


def _package_text(name: str, folder: str | None = "templates") -> str:
    """A file of this package's data: a template, or (``folder=None``) the page script."""
    root = resources.files("relocmap.page")
    return (root.joinpath(folder) if folder else root).joinpath(name).read_text("utf-8")


def assets() -> dict[str, str]:
    """The pinned URLs of the only external files the page loads (Leaflet)."""
    return publishing.cdn_urls()


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


# --- page elements ----------------------------------------------------------

# Shown until the script has drawn the map: with no script, or when Leaflet could not
# load (a blocked CDN), the reader still gets the title, the headline and the table.
FALLBACK_NOTE = (
    "La carte interactive ne peut pas s’afficher (JavaScript désactivé ou bibliothèque "
    "de cartes bloquée) : les chiffres sont dans le tableau ci-dessous."
)
# The page's icon, inline (no request, no 404): a square in the headline's blue.
PAGE_ICON = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 8 8'%3E"
    "%3Crect width='8' height='8' rx='2' fill='%231d6a96'/%3E%3C/svg%3E"
)


class Page(Figure):
    """The HTML document: French, titled, with a proper viewport (zoom allowed).

    Its template places the page's one JSON configuration (``config_json``) and its
    script (``page_js``, package files) at the end of the body; no element writes
    script of its own.
    """

    _template = Template(_package_text("page.html.j2"))

    def __init__(
        self,
        title: str,
        description: str,
        title_html: str,
        social: list[publishing.MetaTag] | None = None,
    ):
        super().__init__(title=title)
        self.description = description
        self.social = social or []  # Open Graph / Twitter card tags (with --base-url)
        # Content first: the title and headline are HTML of the page itself (readable
        # without script); the script moves them into a box on the map.
        self.title_html = title_html
        self.fallback = FALLBACK_NOTE
        self.icon = PAGE_ICON
        self.config_json = ""  # set once the map's element id is known
        self.page_js = ""
        self.header._children.clear()  # our template writes the charset itself


class PageMap(folium.Map):
    """The map container (Leaflet's map is made by the page script), accessible, with
    Leaflet as the only external asset."""

    _template = Template(_package_text("map.j2"))

    def __init__(self, accessible_name: str, summary: str):
        super().__init__(tiles=None)
        self.accessible_name = accessible_name
        self.summary = summary
        self.default_js = []
        self.default_css = []


class LeafletLinks(MacroElement):
    """Leaflet's script and stylesheet in the page head: CDN with integrity, or local."""

    _template = Template(
        "{% macro header(this, kwargs) %}"
        "{% for link in this.links %}"
        "{% if link.kind == 'script' %}<script src=\"{{ link.href|e }}\""
        '{% else %}<link rel="stylesheet" href="{{ link.href|e }}"{% endif %}'
        '{% if link.integrity %} integrity="{{ link.integrity }}"'
        ' crossorigin="{{ link.crossorigin }}"{% endif %}'
        "{% if link.kind == 'script' %}></script>{% else %}>{% endif %}\n"
        "{% endfor %}{% endmacro %}"
    )

    def __init__(self, links: list[publishing.AssetLink]):
        super().__init__()
        self.links = links


class InlineStyle(MacroElement):
    """Package CSS (and, offline, Leaflet's own CSS) written into the page head."""

    _template = Template(
        "{% macro header(this, kwargs) %}<style>\n{{ this.css }}</style>\n{% endmacro %}"
    )

    def __init__(self, css: str):
        super().__init__()
        self.css = css


class InlineScript(MacroElement):
    """A script written into the page head (Leaflet itself, for --offline)."""

    _template = Template(
        "{% macro header(this, kwargs) %}<script>\n{{ this.js }}</script>\n{% endmacro %}"
    )

    def __init__(self, js: str):
        super().__init__()
        self.js = js


# --- the page script and its configuration ------------------------------------

# The page's JavaScript, package data in src/relocmap/page/: readable sources, in the
# order PAGE_BUILD gives (the pure functions of core.js, also unit-tested with Node, then
# the DOM and Leaflet part, page.js, which reads the configuration block, then, inside
# the embed snippet's iframe, the height message to the host page, embed-height.js),
# minified with terser by `npm run build` (scripts/build-page-js.mjs, which reads the
# same PAGE_BUILD) into one committed file, the one the page inlines.
PAGE_BUILD = "scripts.json"  # {"sources": [file, ...], "output": file}
# Leaflet's own words, in French.
PAGE_TEXTS = {
    "zoomIn": "Zoom avant",
    "zoomOut": "Zoom arrière",
    "closePopup": "Fermer",
    "recenter": "Recentrer",
    "recenterTitle": "Recentrer la carte sur la région",
}
LEAFLET_PREFIX = (
    '<a href="https://leafletjs.com" title="Bibliothèque JavaScript de cartes interactives">'
    "Leaflet</a>"
)
# Leaflet map options. No centre: the script frames the region with fitBounds, whose
# zoom arithmetic starts from this zoom (kept at 7, as the page always had it).
MAP_OPTIONS = {"zoom": 7, "zoomControl": False, "zoomSnap": 0}


def page_script_files() -> tuple[tuple[str, ...], str]:
    """The page script's sources, in order, and the generated file the page inlines
    (names in ``src/relocmap/page/``, from its ``scripts.json``)."""
    build = json.loads(_package_text(PAGE_BUILD, None))
    return tuple(build["sources"]), build["output"]


def page_script() -> str:
    """The page's JavaScript as inlined into the page: the committed minified file
    ``src/relocmap/page/relocmap.min.js`` as it is (``npm run build`` writes it from the
    sources; ``npm test`` checks it is up to date)."""
    sources, output = page_script_files()
    script = _package_text(output, None)
    # Inlined text must not end the <script> element or open an HTML comment in it.
    if re.search(r"</script|<!--", script, re.IGNORECASE):
        raise ValueError(
            f"the page script ({output}, built from {', '.join(sources)}) contains </script or <!--"
        )
    return script


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_SPACE = re.compile(r"\s*([{};,])\s*|:\s+")


def compact_css(css: str) -> str:
    """The package CSS as inlined: without comments, indentation and the spaces around
    ``{ } ; ,`` and after ``:`` (the file keeps them; the page is lighter)."""
    text = _CSS_COMMENT.sub("", css)
    lines = (line.strip() for line in text.splitlines())
    joined = "\n".join(line for line in lines if line)
    return _CSS_SPACE.sub(lambda m: m.group(1) or ":", joined) + "\n"


def config_json(config: dict[str, object]) -> str:
    """The configuration as JSON to place inside ``<script type="application/json">``.

    Every ``<`` (only ever inside a JSON string) is written ``\\u003c``: the HTML parser
    ends a script element only at ``</script`` and enters its odd states only at
    ``<!--``, so no text from the data can close the element or start markup.
    ``JSON.parse`` reads the escape back as ``<``. Keys are sorted (deterministic).
    """
    text = json.dumps(config, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")


def tiles_config(tiles: str | None) -> dict[str, object] | None:
    """URL template and Leaflet options of the basemap, ``None`` for no basemap."""
    if not tiles:
        return None
    if tiles not in TILES:
        raise ValueError(f"unknown tiles {tiles!r}")
    provider, attribution = TILES[tiles]
    layer = folium.TileLayer(provider, attr=attribution)
    return {
        "url": layer.tiles,
        "options": {camelize(key): value for key, value in layer.options.items()},
    }


# --- content -----------------------------------------------------------------


def page_geometry(frame: pd.DataFrame) -> pd.Series:
    """Lighter outlines for the page, still a coverage (shared borders shared)."""
    simplified = shapely.coverage_simplify(frame.geometry.to_numpy(), PAGE_SIMPLIFY_DEG)
    rounded = [shapely.transform(g, lambda xy: np.round(xy, PAGE_DECIMALS)) for g in simplified]
    return pd.Series(rounded, index=frame.index)


def from_jobs(row: pd.Series, column: str, suffix: str = "", digits: int = 1) -> str:
    """A figure derived from the jobs count (per project, per inhabitant, share),
    French-formatted, "environ" when that count was published as approximate."""
    approx = Precision.ENVIRON.words if Precision(row["emplois_precision"]).approximate else ""
    return f"{approx}{fr_decimal(row[column], digits)}{suffix}"


def view_value(row: pd.Series, view: View) -> str:
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


# The table's figure columns: the index of each in figure_texts, and the column of the
# frame it sorts by. The script fills the table of another publication the same way
# (config "tableFigures").
TABLE_FIGURES = (
    (0, "projets"),
    (1, "emplois"),
    (3, "emplois_pour_10000_hab"),
    (4, "part_emplois"),
)


def table_sort_keys(row: pd.Series) -> list[float | None]:
    """The table's sort key of each figure column (:data:`TABLE_FIGURES`)."""
    return [_sort_number(row[column]) for _, column in TABLE_FIGURES]


def popup_rows(row: pd.Series, region_count: int, tied: bool = False) -> list[tuple[str, str]]:
    """The popup's (term, figure) pairs, as the page script lays them out."""
    texts = figure_texts(row, region_count, tied)
    pairs = zip(POPUP_TERMS, texts, strict=False)  # no texts: no figures, no rows
    return [(term, text) for term, text in pairs if text is not None]


def _sort_number(value: float | None) -> float | None:
    """A sort key: the value to 3 decimals, a whole number written without ".0"."""
    if value is None or pd.isna(value):
        return None
    number = round(float(value), 3)
    return int(number) if number.is_integer() else number


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


CIRCLE_MAX_RADIUS_PX = 30


def circle_radius(value: float, largest: float) -> float:
    """Radius in pixels of a circle whose area is proportional to ``value``."""
    return round(CIRCLE_MAX_RADIUS_PX * math.sqrt(value / largest), 1) if largest > 0 else 0.0


def circle_legend(largest: float) -> dict | None:
    """Two or three nested reference circles with round values below the largest."""
    if not largest or pd.isna(largest):
        return None
    magnitude = 10 ** math.floor(math.log10(largest))
    top = max(m * magnitude for m in (1, 2, 5) if m * magnitude <= largest)
    references = [v for v in (top, top / 2, top / 10) if v >= 1]
    radius = circle_radius(top, largest)
    cx, bottom = radius + 2, 2 * radius + 4
    refs = []
    for value in references:
        r = circle_radius(value, largest)
        refs.append(
            {
                "r": r,
                "cy": round(bottom - r, 1),
                "top": round(bottom - 2 * r, 1),
                "label": fr_int(value),
            }
        )
    return {
        "references": refs,
        "cx": cx,
        "line_end": round(2 * radius + 10, 1),
        "width": round(2 * radius + 60),
        "height": round(bottom + 2),
        "description": "Cercles de référence : " + ", ".join(f"{r['label']} emplois" for r in refs),
    }


def _edition_entry(
    edition: Edition,
    code: str,
    classes: Sequence[Classes],
    largest: float,
    region_count: int,
    tied: bool,
) -> dict[str, object]:
    """One department in one edition: class and tooltip figure per view, and with
    figures, their texts (popup and table), sort keys, circle radius, change, note."""
    row = edition.joined.frame.loc[code]
    tips = [
        change_tip(edition, code) if c.view is CHANGE_VIEW else view_value(row, c.view)
        for c in classes
    ]
    entry: dict[str, object] = {
        "classes": [c.class_of.get(code) for c in classes],
        "tips": tips,
    }
    texts = figure_texts(row, region_count, tied)
    if texts:
        entry["texts"] = texts
        entry["sort"] = table_sort_keys(row)
        entry["radius"] = circle_radius(row["emplois"], largest)
    change = change_words(edition.changes.get(code)) if edition.changes is not None else None
    if change is not None:
        entry["change"] = change
    if isinstance(row["note"], str) and row["note"]:
        entry["note"] = row["note"]
    return entry


def feature_collection(
    editions: Sequence[Edition], classes: Mapping[str, Sequence[Classes]]
) -> dict[str, object]:
    """The departments for the page: geometry once, then per edition (in the order of
    ``editions``) each department's classes, texts and figures (:func:`_edition_entry`).

    Texts are plain: the script writes them as text, never as markup.
    """
    frame = editions[-1].joined.frame
    largest = max(e.joined.frame["emplois"].max() for e in editions)
    geometry = page_geometry(frame)
    counts, ties = [], []
    for edition in editions:
        shown = edition.joined.frame
        counts.append(shown["emplois"].notna().groupby(shown["region_code"]).sum())
        # How many departments of a region share each jobs rank (ties: "10e ex aequo").
        sharing = shown.groupby(["region_code", "rang_emplois"])["rang_emplois"].transform("size")
        ties.append(sharing.fillna(1).astype(int).gt(1))
    features = []
    for code, row in frame.iterrows():
        entries = [
            _edition_entry(
                edition,
                str(code),
                classes[edition.key],
                largest,
                int(count[row["region_code"]]),
                bool(tied[code]),
            )
            for edition, count, tied in zip(editions, counts, ties, strict=True)
        ]
        features.append(
            {
                "type": "Feature",
                "id": code,
                "geometry": shapely.geometry.mapping(geometry[code]),
                "properties": {
                    "nom": row["nom"],
                    "area": round(float(row["superficie_km2"])),
                    "labelAt": label_point(row.geometry),
                    "editions": entries,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def summary_text(joined: JoinedFigures, publication: Publication | None) -> str:
    """One sentence for screen readers: what the map shows and its main figures."""
    data = joined.with_data
    top = data.sort_values(["emplois", "nom"], ascending=[False, True]).iloc[0]
    projects, jobs = fr_int(data["projets"].sum()), fr_int(data["emplois"].sum())
    announced = published_totals(publication)
    if announced:
        totals = (
            f"la Région annonce {' et '.join(announced)} "
            f"(somme des départements : {projects} projets, {jobs} emplois)"
        )
    else:
        totals = f"{projects} projets et {jobs} emplois au total"
    text = (
        f"Carte choroplèthe de {len(joined.frame)} départements : {totals} ; le plus "
        f"d’emplois : {top['nom']} ({as_published(top['emplois'], top['emplois_precision'])})."
    )
    if joined.missing:
        count = len(joined.missing)
        text += f" Pas de données pour {count} département{'s' if count > 1 else ''}."
    return text


def _progress(publication: Publication) -> dict | None:
    """The progress bar toward the jobs objective when both the goal and the jobs total are
    known; only the objective's words when the total is not."""
    goal, total = publication.objectif_emplois, publication.total_emplois
    objective = objective_text(publication)
    if goal is None or objective is None:
        return None
    if total is None:
        return {"objective": objective}
    share = 100 * total.value / goal
    return {
        "objective": objective,
        "goal_value": goal,
        "jobs_value": total.value,
        "percent": f"{fr_decimal(share)}\u00a0%",
        "percent_css": f"{min(share, 100):.1f}",
    }


def headline_body(joined: JoinedFigures, publication: Publication | None) -> str:
    """Regional totals as published, progress toward the objective, budget and date:
    each line only when the facts give it; empty when they give none."""
    if publication is None:
        return ""
    totals = published_totals(publication)
    progress = _progress(publication)
    facts = plan_facts_text(publication)
    if not (totals or progress or facts):
        return ""
    sums = {column: int(joined.frame[column].sum()) for column in ("projets", "emplois")}
    return _snippet(
        "headline-body.html.j2",
        totals=totals,
        sum_notes=sum_notes(sums, publication),
        progress=progress,
        facts=facts,
    )


def headline_html(
    joined: JoinedFigures, publication: Publication | None, trajectory: str = ""
) -> str:
    """The headline panel: :func:`headline_body`, then (several publications) the
    trajectory chart; nothing when there is neither."""
    body = headline_body(joined, publication)
    if not (body or trajectory):
        return ""
    return _snippet("headline.html.j2", body=body, trajectory=trajectory)


# The trajectory chart (px of its viewBox): plot area inside these margins.
TRAJECTORY_SIZE = (280, 118)
TRAJECTORY_MARGINS = {"left": 46, "right": 10, "top": 10, "bottom": 22}


def trajectory_html(points: Sequence[tuple[str, Publication, int, bool]]) -> str:
    """The headline's trajectory: total jobs at each publication (``(key, facts, total,
    published?)``, a sum of departments when the release gave no total) against the
    plan's objective line, as a small inline SVG, with its text alternative written out
    under it (which also gives the share of the objective at the latest publication).
    Empty with fewer than two publications."""
    if len(points) < 2:
        return ""
    latest = points[-1][1]
    goal, years, adopted = latest.objectif_emplois, latest.objectif_duree_ans, latest.adoption_plan
    has_goal = bool(goal and years and adopted is not None)
    xs = [p.source_date.year_fraction for _, p, _, _ in points]
    if has_goal:
        assert goal is not None and years is not None and adopted is not None
        start, end, top = adopted.year_fraction, adopted.year_fraction + years, float(goal)
    else:
        start, end, top = xs[0] - 0.25, xs[-1] + 0.25, max(t for _, _, t, _ in points) * 1.2
    width, height = TRAJECTORY_SIZE
    m = TRAJECTORY_MARGINS
    plot_w, plot_h = width - m["left"] - m["right"], height - m["top"] - m["bottom"]

    def x_of(value: float) -> float:
        return round(m["left"] + (value - start) / (end - start) * plot_w, 1)

    def y_of(value: float) -> float:
        return round(m["top"] + plot_h - value / top * plot_h, 1)

    dots = [
        {"key": key, "x": x_of(x), "y": y_of(total)}
        for (key, _, total, _), x in zip(points, xs, strict=True)
    ]
    years_shown = range(math.ceil(start), math.floor(end) + 1)
    ticks = [{"x": x_of(year), "label": str(year)} for year in years_shown if year % 2 == 0]

    said = "Emplois annoncés : " + ", ".join(
        f"{trajectory_total(p, total, published)} {french_when(p.source_date)}"
        for _, p, total, published in points
    )
    if has_goal:
        assert goal is not None and years is not None and adopted is not None
        share = fr_decimal(100 * points[-1][2] / goal)
        said += (
            f" ; objectif : {fr_int(goal)} emplois en {years} ans après l’adoption du plan "
            f"({french_date(adopted)}). Dernière publication : {share}\u00a0% de l’objectif."
        )
    return _snippet(
        "trajectory.html.j2",
        width=width,
        height=height,
        dots=dots,
        line=" ".join(f"{d['x']},{d['y']}" for d in dots),
        objective={"x1": x_of(start), "y1": y_of(0), "x2": x_of(end), "y2": y_of(top)}
        if has_goal
        else None,
        goal_label=fr_int(top) if has_goal else "",
        ticks=ticks,
        left=m["left"],
        right=width - m["right"],
        bottom=y_of(0),
        top_y=y_of(top),
        said=said,
    )


class FiguresTable(MacroElement):
    """The figures as an HTML table in a dialog: keyboard and screen-reader friendly, sortable."""

    _template = Template(_package_text("table.j2"))

    def __init__(self, table_html: str):
        super().__init__()
        self.table_html = table_html


def _cell(text: str, sort: object, code: str = "") -> dict[str, object]:
    return {"text": text, "sort": "" if sort is None or pd.isna(sort) else sort, "code": code}


# The table's words for a department without figures: jobs, and the other columns.
TABLE_NO_FIGURES = ("pas de données", "–")


def table_caption(
    joined: JoinedFigures, publication: Publication | None, label: str | None = None
) -> str:
    """``… : projets et emplois par département`` (``, juin 2023`` with several
    publications)."""
    caption = f"{title_text(joined, publication)} : projets et emplois par département"
    return f"{caption}, {label}" if label else caption


def _total_cell(total: Total) -> str:
    """The published jobs total as worded, with the number when the wording hides it:
    ``plus de 5 300 emplois (5 306)``, but ``6 860 emplois``."""
    worded = total.wording("emplois")
    plain = f"{fr_int(total.value)} emplois"
    return worded if worded == plain else f"{worded} ({fr_int(total.value)})"


def table_footer(joined: JoinedFigures, publication: Publication | None) -> str:
    """The table's footer rows (sum of the departments; total as published) as HTML."""
    frame = joined.frame
    footer = [
        {
            "label": "Somme des départements",
            "cells": [
                fr_int(frame["projets"].sum()),
                fr_int(frame["emplois"].sum()),
                "",
                "100\u00a0%",
            ],
        }
    ]
    if publication is not None and (publication.total_projets or publication.total_emplois):
        projets, emplois = publication.total_projets, publication.total_emplois
        footer.append(
            {
                "label": "Total publié par la Région",
                "cells": [
                    fr_int(projets.value) if projets else "",
                    _total_cell(emplois) if emplois else "",
                    "",
                    "",
                ],
            }
        )
    return _snippet("table-foot.html.j2", footer=footer)


def table_html(
    joined: JoinedFigures,
    publication: Publication | None,
    source: str,
    downloads: list[publishing.Download] | None = None,
    label: str | None = None,
) -> str:
    frame = joined.frame
    columns = [
        {"label": "Département", "numeric": False},
        {"label": "Projets", "numeric": True},
        {"label": "Emplois (tels que publiés)", "numeric": True},
        {"label": "Emplois pour 10\u202f000 habitants", "numeric": True},
        {"label": "Part des emplois de la région", "numeric": True},
    ]
    no_jobs, dash = TABLE_NO_FIGURES
    rows = []
    for code, row in frame.iterrows():
        texts = figure_texts(row, None)
        if texts:
            cells = [
                _cell(texts[index] or dash, sort)
                for (index, _), sort in zip(TABLE_FIGURES, table_sort_keys(row), strict=True)
            ]
        else:
            cells = [_cell(text, None) for text in (dash, no_jobs, dash, dash)]
        rows.append([_cell(f"{row['nom']} ({code})", row["nom"], code), *cells])
    return _snippet(
        "table.html.j2",
        caption=table_caption(joined, publication, label),
        columns=columns,
        rows=rows,
        footer=table_footer(joined, publication),
        source=source,
        downloads=downloads or [],
    )


def _stable_ids(root: Element) -> None:
    """Replace branca's random element ids by a counter in tree order (byte-identical output)."""
    counter = itertools.count()

    def visit(element: Element) -> None:
        element._id = f"{next(counter):04d}"
        for child in element._children.values():
            visit(child)

    visit(root)


def _edition_config(edition: Edition, several: bool) -> dict[str, object]:
    """What the script shows of one edition besides the departments: its source, and with
    several publications the texts and HTML it swaps in when the reader picks it."""
    config: dict[str, object] = {
        "key": edition.key,
        "label": edition.label,
        "source": figures_source(edition.publication),
    }
    if several:
        label = edition.label
        capital = label[:1].upper() + label[1:]
        previous = edition.previous.source_date if edition.previous else None
        since = compared = None
        if previous is not None:
            # "Depuis octobre 2022" / "Depuis le 14 juin 2023"; "par rapport à octobre
            # 2022" / "par rapport au 14 juin 2023".
            day = previous.day is not None
            since = f"Depuis {'le ' if day else ''}{french_date(previous)}"
            compared = f"{capital}, par rapport {'au' if day else 'à'} {french_date(previous)}"
        config.update(
            {
                "subtitle": subtitle_text(edition.publication),
                "summary": summary_text(edition.joined, edition.publication),
                "headline": headline_body(edition.joined, edition.publication),
                "caption": table_caption(edition.joined, edition.publication, label),
                "foot": table_footer(edition.joined, edition.publication),
                "since": since,
                "when": "Chiffres publiés " + french_when(edition.publication.source_date)
                if edition.publication
                else label,
                "compared": compared
                or f"{capital} : première publication, pas d’évolution à montrer",
            }
        )
    return config


# Under the legends of a page of several publications.
SHARED_CLASSES_NOTE = " ; classes communes à toutes les publications"
CHANGE_NOTE = (
    "Emplois de la publication moins ceux de la précédente ; classes : seuils naturels "
    "(Fisher-Jenks) de part et d’autre de 0, communes à toutes les publications"
)


def _legend_note(joined: JoinedFigures, classes: Classes, several: bool) -> str:
    if classes.view is CHANGE_VIEW:
        return CHANGE_NOTE
    return legend_note(joined, classes) + (SHARED_CLASSES_NOTE if several else "")


def _view_config(classes: Classes) -> dict[str, object]:
    """A view for the script: its key, its name in the address, its class colours, and
    whether it shows the change since the previous publication."""
    config: dict[str, object] = {
        "key": classes.view.key,
        "name": classes.view.address_name,
        "colors": list(classes.colors),
    }
    if classes.view is CHANGE_VIEW:
        config["change"] = True
    return config


def page_config(
    editions: Sequence[Edition],
    classes: Mapping[str, Sequence[Classes]],
    options: MapOptions,
    container: str,
) -> dict[str, object]:
    """The one object the page script reads: map, basemap, views, editions, boxes, texts,
    departments. ``classes``: per edition key, one Classes per view (same views, same
    bounds and colours in every edition)."""
    latest = editions[-1]
    several = len(editions) > 1
    shown = classes[latest.key]
    downloads = publishing.downloads(latest.joined.frame, options.offline)
    # The change view always has departments without a colour (the first edition's).
    has_missing = any(bool(e.joined.missing) for e in editions)
    legends = [
        {
            "key": c.view.key,
            "title": c.view.legend_title,
            "entries": legend_items(c, has_missing or c.view is CHANGE_VIEW),
            "note": _legend_note(latest.joined, c, several),
        }
        for c in shown
    ]
    largest = max(e.joined.frame["emplois"].max() for e in editions)
    circles = circle_legend(largest)
    views = [c.view for c in shown]
    minx, miny, maxx, maxy = _frame_bounds(latest.joined)
    return {
        "map": {
            "container": container,
            "options": MAP_OPTIONS,
            "bounds": [[round(miny, 4), round(minx, 4)], [round(maxy, 4), round(maxx, 4)]],
        },
        "tiles": None if options.offline else tiles_config(options.tiles),
        "views": [_view_config(c) for c in shown],
        # The circles' tooltip is the figure of this view (their area is its value).
        "circleView": "emplois",
        "tableFigures": [index for index, _ in TABLE_FIGURES],
        "editions": [_edition_config(e, several) for e in editions],
        "noDataColor": NO_DATA_COLOR,
        "texts": {
            **PAGE_TEXTS,
            "popupTerms": list(POPUP_TERMS),
            "source": "Source : ",
            "noFigures": "Pas de données publiées pour ce département.",
            "tableNoFigures": list(TABLE_NO_FIGURES),
            "historyCaption": "Chiffres publiés",
            "historyHeads": ["Publication", "Projets", "Emplois"],
        },
        "html": {
            "attributionPrefix": LEAFLET_PREFIX,
            "legends": _snippet(
                "legends.html.j2", legends=legends, circles=circles, several=several
            ),
            "switch": _snippet("switch.html.j2", views=views, circles=circles, editions=editions),
            # The figures' source in its own element: the script changes it with the
            # publication; the rest of the credit line stays as it is.
            "sources": _snippet(
                "sources.html.j2",
                figures=figures_source(latest.publication),
                boundaries=BOUNDARY_SOURCE,
                downloads=downloads,
            ),
        },
        "features": feature_collection(editions, classes),
    }


def build_page(
    joined: JoinedFigures,
    publication: Publication | None,
    classes: list[Classes],
    options: MapOptions = MapOptions(),
) -> str:
    """Render the whole HTML page of one publication as text."""
    edition = Edition(
        publication.source_date.iso if publication else "chiffres", joined, publication
    )
    return build_editions_page([edition], {edition.key: classes}, options)


def build_editions_page(
    editions: Sequence[Edition],
    classes: Mapping[str, Sequence[Classes]],
    options: MapOptions = MapOptions(),
    trajectory: str = "",
) -> str:
    """Render the whole HTML page as text: the latest edition shown first (and the only
    one readable without script); with several, a selector picks another, an Évolution
    view shows the change, and ``trajectory`` (:func:`trajectory_html`) heads the panel."""
    latest = editions[-1]
    joined, publication = latest.joined, latest.publication
    title = title_text(joined, publication)
    title_html = _snippet(
        "title.html.j2",
        title=title,
        subtitle=subtitle_text(publication),
        headline=headline_html(joined, publication, trajectory),
    )
    description = description_text(joined, publication)
    social = publishing.social_tags(title, description, options.base_url)
    page = Page(title, description, title_html, social)
    fmap = PageMap(accessible_name=f"Carte : {title}", summary=summary_text(joined, publication))
    page.add_child(fmap)
    _add_leaflet_and_style(fmap, options)
    downloads = publishing.downloads(joined.frame, options.offline)
    source = figures_source(publication)
    label = latest.label if len(editions) > 1 else None
    fmap.add_child(FiguresTable(table_html(joined, publication, source, downloads, label)))
    _stable_ids(page)
    config = page_config(editions, classes, options, container=fmap.get_name())
    page.config_json = config_json(config)
    page.page_js = page_script()
    return page.render()


def _frame_bounds(joined: JoinedFigures) -> tuple[float, float, float, float]:
    """Bounds of the departments :func:`relocmap.codes.framed` keeps (with data or not);
    the overseas ones left out of the frame stay drawn at their true place."""
    frame = joined.frame
    return tuple(frame[codes.framed(frame.index)].total_bounds)


def _add_leaflet_and_style(fmap: PageMap, options: MapOptions) -> None:
    """Leaflet (linked from the CDN or beside the page, or inlined offline), then the
    page's own CSS, which comes after Leaflet's so that it wins."""

    css = compact_css(_package_text("relocmap.css"))
    if options.offline:
        css = leaflet_css() + "\n" + css
        fmap.add_child(InlineScript(leaflet_js()))
    else:
        fmap.add_child(LeafletLinks(publishing.leaflet_links(options.assets)))
    fmap.add_child(InlineStyle(css))


def iframe_snippet(
    joined: JoinedFigures,
    publication: Publication | None = None,
    base_url: str | None = None,
) -> str:
    """The HTML to paste into a web page to embed the map: a lazy iframe whose height
    follows what the page asks for (a few lines of script; without script, an
    aspect ratio between two heights), and a caption with the credit and a plain
    link to the map. ``base_url`` (normalised, see
    :func:`relocmap.publishing.normalize_base_url`) makes the address absolute."""
    names = sorted(joined.frame["region_nom"].unique())
    title = title_text(joined, publication)
    base_url = publishing.normalize_base_url(base_url) if base_url is not None else None
    src = (base_url or "") + publishing.PAGE_NAME
    return (
        _snippet(
            "iframe.html.j2",
            src=src,
            absolute=base_url is not None,
            origin=publishing.origin(base_url) if base_url else "",
            title=f"Carte : {title}",
            caption=title,
            sources=source_lines(publication),
            region=", ".join(names),
        )
        + "\n"
    )
