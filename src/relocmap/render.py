"""The interactive page: folium map, one GeoJSON layer, and small templated controls."""

from __future__ import annotations

import itertools
import json
import math
import re
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

from . import codes, publishing
from .classify import NO_DATA_COLOR, Classes, View
from .join import JoinedFigures
from .numbers import fr_decimal, fr_int
from .precision import Precision
from .publication import Publication
from .wording import (
    figures_source,
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
)

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


@cache
def _snippets() -> jinja2.Environment:
    loader = jinja2.PackageLoader("relocmap", "templates")
    return jinja2.Environment(loader=loader, autoescape=True, keep_trailing_newline=False)


def _snippet(name: str, **context: object) -> str:
    return _snippets().get_template(name).render(**context).strip()


def _package_text(name: str, folder: str = "templates") -> str:
    return resources.files("relocmap").joinpath(folder).joinpath(name).read_text("utf-8")


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
    build = json.loads(_package_text(PAGE_BUILD, "page"))
    return tuple(build["sources"]), build["output"]


def page_script() -> str:
    """The page's JavaScript as inlined into the page: the committed minified file
    ``src/relocmap/page/relocmap.min.js`` as it is (``npm run build`` writes it from the
    sources; ``npm test`` checks it is up to date)."""
    sources, output = page_script_files()
    script = _package_text(output, "page")
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


def popup_rows(row: pd.Series, region_count: int, tied: bool = False) -> list[tuple[str, str]]:
    """The popup's figures; ``tied``: another department of the region has the same rank."""
    if pd.isna(row["emplois"]):
        return []
    rows = [
        ("Projets soutenus", as_published(row["projets"], row["projets_precision"])),
        ("Emplois annoncés", as_published(row["emplois"], row["emplois_precision"])),
    ]
    if not pd.isna(row["emplois_par_projet"]):
        rows.append(("Emplois par projet", from_jobs(row, "emplois_par_projet")))
    if not pd.isna(row["emplois_pour_10000_hab"]):
        rows.append(
            ("Emplois pour 10\u202f000 habitants", from_jobs(row, "emplois_pour_10000_hab"))
        )
    rows += [
        ("Part des emplois de la région", from_jobs(row, "part_emplois", "\u00a0%")),
        (
            "Rang dans la région (emplois)",
            f"{ordinal(int(row['rang_emplois']), tied)} sur {region_count}",
        ),
    ]
    return rows


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


def feature_collection(
    joined: JoinedFigures, classes: list[Classes], source: str
) -> dict[str, object]:
    """The departments for the page: geometry, class per view, texts and figures.
    (``source`` is unused here: the popups' source line is in the configuration's texts.)

    Texts are plain (the script writes them as text) except ``popup``, HTML rendered
    here with every value escaped.
    """
    frame = joined.frame
    largest = frame["emplois"].max()
    geometry = page_geometry(frame)
    with_data = frame["emplois"].notna().groupby(frame["region_code"]).sum()
    # How many departments of a region share each jobs rank (ties: "10e ex aequo").
    sharing = frame.groupby(["region_code", "rang_emplois"])["rang_emplois"].transform("size")
    tied = sharing.fillna(1).astype(int).gt(1)
    features = []
    for code, row in frame.iterrows():
        features.append(
            {
                "type": "Feature",
                "id": code,
                "geometry": shapely.geometry.mapping(geometry[code]),
                "properties": {
                    "nom": row["nom"],
                    # class index per view (null: no figure); colours are in config.views
                    "classes": {c.view.key: c.class_of.get(code) for c in classes},
                    "tips": {c.view.key: view_value(row, c.view) for c in classes},
                    "popup": _snippet(
                        "popup.html.j2",
                        nom=row["nom"],
                        code=code,
                        rows=popup_rows(
                            row,
                            int(with_data[row["region_code"]]),
                            tied=bool(tied[code]),
                        ),
                        note=row["note"] if isinstance(row["note"], str) else "",
                    ),
                    "area": round(float(row["superficie_km2"])),
                    "radius": 0
                    if pd.isna(row["emplois"])
                    else circle_radius(row["emplois"], largest),
                    "circleTip": as_published(row["emplois"], row["emplois_precision"], "emplois"),
                    "labelAt": label_point(row.geometry),
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
        f"d'emplois : {top['nom']} ({as_published(top['emplois'], top['emplois_precision'])})."
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


def headline_html(joined: JoinedFigures, publication: Publication | None) -> str:
    """Regional totals as published, progress toward the objective, budget and date:
    each line only when the facts give it; nothing at all when they give none."""
    if publication is None:
        return ""
    totals = published_totals(publication)
    progress = _progress(publication)
    facts = plan_facts_text(publication)
    if not (totals or progress or facts):
        return ""
    sums = {column: int(joined.frame[column].sum()) for column in ("projets", "emplois")}
    return _snippet(
        "headline.html.j2",
        totals=totals,
        sum_notes=sum_notes(sums, publication),
        progress=progress,
        facts=facts,
    )


class FiguresTable(MacroElement):
    """The figures as an HTML table in a dialog: keyboard and screen-reader friendly, sortable."""

    _template = Template(_package_text("table.j2"))

    def __init__(self, table_html: str):
        super().__init__()
        self.table_html = table_html


def _cell(text: str, sort: object) -> dict[str, object]:
    return {"text": text, "sort": "" if sort is None or pd.isna(sort) else sort}


def table_html(
    joined: JoinedFigures,
    publication: Publication | None,
    source: str,
    downloads: list[publishing.Download] | None = None,
) -> str:
    frame = joined.frame
    columns = [
        {"label": "Département", "numeric": False},
        {"label": "Projets", "numeric": True},
        {"label": "Emplois (tels que publiés)", "numeric": True},
        {"label": "Emplois pour 10\u202f000 habitants", "numeric": True},
        {"label": "Part des emplois de la région", "numeric": True},
    ]
    rows = []
    for code, row in frame.iterrows():
        missing = pd.isna(row["emplois"])
        rows.append(
            [
                _cell(f"{row['nom']} ({code})", row["nom"]),
                _cell(
                    "–" if missing else as_published(row["projets"], row["projets_precision"]),
                    None if missing else int(row["projets"]),
                ),
                _cell(
                    "pas de données"
                    if missing
                    else as_published(row["emplois"], row["emplois_precision"]),
                    None if missing else int(row["emplois"]),
                ),
                _cell(
                    "–" if missing else from_jobs(row, "emplois_pour_10000_hab"),
                    row["emplois_pour_10000_hab"],
                ),
                _cell(
                    "–" if missing else from_jobs(row, "part_emplois", "\u00a0%"),
                    row["part_emplois"],
                ),
            ]
        )
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
                    f"{emplois.wording('emplois')} ({fr_int(emplois.value)})" if emplois else "",
                    "",
                    "",
                ],
            }
        )
    caption = f"{title_text(joined)} : projets et emplois par département"
    return _snippet(
        "table.html.j2",
        caption=caption,
        columns=columns,
        rows=rows,
        footer=footer,
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


def page_config(
    joined: JoinedFigures,
    publication: Publication | None,
    classes: list[Classes],
    options: MapOptions,
    container: str,
) -> dict[str, object]:
    """The one object the page script reads: map, basemap, views, boxes, texts, departments."""
    source = figures_source(publication)
    downloads = publishing.downloads(joined.frame, options.offline)
    has_missing = bool(joined.missing)
    legends = [
        {
            "key": c.view.key,
            "title": c.view.legend_title,
            "entries": legend_items(c, has_missing),
            "note": legend_note(joined, c),
        }
        for c in classes
    ]
    circles = circle_legend(joined.frame["emplois"].max())
    views = [c.view for c in classes]
    minx, miny, maxx, maxy = _frame_bounds(joined)
    return {
        "map": {
            "container": container,
            "options": MAP_OPTIONS,
            "bounds": [[round(miny, 4), round(minx, 4)], [round(maxy, 4), round(maxx, 4)]],
        },
        "tiles": None if options.offline else tiles_config(options.tiles),
        "views": [{"key": c.view.key, "colors": list(c.colors)} for c in classes],
        "noDataColor": NO_DATA_COLOR,
        # The popups' source line, written once (the script adds it to every popup).
        "texts": {**PAGE_TEXTS, "popupSource": f"Source : {source}"},
        "html": {
            "attributionPrefix": LEAFLET_PREFIX,
            "legends": _snippet("legends.html.j2", legends=legends, circles=circles),
            "switch": _snippet("switch.html.j2", views=views, circles=circles),
            "sources": _snippet(
                "sources.html.j2", sources=source_lines(publication), downloads=downloads
            ),
        },
        "features": feature_collection(joined, classes, source),
    }


def build_page(
    joined: JoinedFigures,
    publication: Publication | None,
    classes: list[Classes],
    options: MapOptions = MapOptions(),
) -> str:
    """Render the whole HTML page as text."""
    title = title_text(joined)
    title_html = _snippet(
        "title.html.j2",
        title=title,
        subtitle=subtitle_text(publication),
        headline=headline_html(joined, publication),
    )
    description = subtitle_text(publication) or title
    social = publishing.social_tags(title, description, options.base_url)
    page = Page(title, description, title_html, social)
    fmap = PageMap(accessible_name=f"Carte : {title}", summary=summary_text(joined, publication))
    page.add_child(fmap)
    _add_leaflet_and_style(fmap, options)
    downloads = publishing.downloads(joined.frame, options.offline)
    source = figures_source(publication)
    fmap.add_child(FiguresTable(table_html(joined, publication, source, downloads)))
    _stable_ids(page)
    config = page_config(joined, publication, classes, options, container=fmap.get_name())
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
    from .offline import leaflet_css, leaflet_js

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
    title = title_text(joined)
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
