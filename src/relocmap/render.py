"""The interactive page: folium map, one GeoJSON layer, and small templated controls."""

from __future__ import annotations

import itertools
import json
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
from jinja2.utils import htmlsafe_json_dumps
from shapely.ops import polylabel

from .classify import NO_DATA_COLOR, NO_DATA_LABEL, VIEWS, Classes, View
from .join import JoinedFigures
from .numbers import fr_decimal, fr_int
from .publication import Publication

TILES = {
    # option value -> xyzservices provider. "light" is a grey basemap that keeps
    # the class colours readable and needs no API key (CARTO's Positron now does).
    "light": "Esri.WorldGrayCanvas",
    "osm": "OpenStreetMap.Mapnik",
}
DEFAULT_TILES = "light"
# Simplification for the page only (degrees, coverage-preserving): the boundaries
# file keeps 250 m detail; the page keeps ~500 m, finer than a pixel at the
# regional zoom, and rounds to 3 decimals (~100 m), which halves its weight.
PAGE_SIMPLIFY_DEG = 0.006
PAGE_DECIMALS = 3
BOUNDARY_SOURCE = "Contours : IGN ADMIN EXPRESS et INSEE, Licence Ouverte 2.0"
PRECISION_WORDS = {"exact": "", "environ": "environ ", "pres_de": "près de ",
                   "plus_de": "plus de "}


@dataclass(frozen=True)
class MapOptions:
    """How the page is built; every field has a sensible default."""

    tiles: str | None = DEFAULT_TILES
    offline: bool = False


@cache
def _snippets() -> jinja2.Environment:
    loader = jinja2.PackageLoader("relocmap", "templates")
    return jinja2.Environment(loader=loader, autoescape=True, keep_trailing_newline=False)


def _snippet(name: str, **context) -> str:
    return _snippets().get_template(name).render(**context).strip()


def _package_text(name: str) -> str:
    return resources.files("relocmap").joinpath("templates").joinpath(name).read_text("utf-8")


def assets() -> dict[str, str]:
    """The pinned URLs of the only external files the page loads (Leaflet)."""
    return json.loads(_package_text("assets.json"))


def _js_json(value) -> str:
    """JSON safe inside <script>: <, >, & and ' are escaped, keys sorted."""
    return htmlsafe_json_dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def as_published(value, precision: str, unit: str | None = None) -> str:
    """``670, 'pres_de'`` gives ``près de 670``; with a unit, ``près de 670 emplois``."""
    if pd.isna(value):
        return "pas de données"
    text = PRECISION_WORDS.get(precision, "") + fr_int(value)
    if unit:
        text += " " + (unit if value >= 2 else unit.rstrip("s"))
    return text


def ordinal(rank: int) -> str:
    return "1er" if rank == 1 else f"{rank}e"


# --- page elements ----------------------------------------------------------

class Page(Figure):
    """The HTML document: French, titled, with a proper viewport (zoom allowed)."""

    _template = Template(_package_text("page.html.j2"))

    def __init__(self, title: str, description: str):
        super().__init__(title=title)
        self.description = description
        self.header._children.clear()  # our template writes the charset itself


class PageMap(folium.Map):
    """folium.Map with only Leaflet as external asset and an accessible container."""

    _template = Template(_package_text("map.j2"))

    def __init__(self, accessible_name: str, summary: str, offline: bool, **kwargs):
        super().__init__(tiles=None, **kwargs)
        self.accessible_name = accessible_name
        self.summary = summary
        urls = assets()
        self.default_js = [] if offline else [("leaflet", urls["leaflet_js"])]
        self.default_css = [] if offline else [("leaflet_css", urls["leaflet_css"])]


class InlineStyle(MacroElement):
    """Package CSS (and, offline, Leaflet's own CSS) written into the page head."""

    _template = Template("{% macro header(this, kwargs) %}<style>\n{{ this.css }}</style>\n{% endmacro %}")

    def __init__(self, css: str):
        super().__init__()
        self.css = css


class InlineScript(MacroElement):
    """A script written into the page head (Leaflet itself, for --offline)."""

    _template = Template("{% macro header(this, kwargs) %}<script>\n{{ this.js }}</script>\n{% endmacro %}")

    def __init__(self, js: str):
        super().__init__()
        self.js = js


class DepartmentViews(MacroElement):
    """The departments (geometry written once), the view switch, legends and labels."""

    _template = Template(_package_text("views.j2"))

    def __init__(self, features: dict, views: list[View], title_html: str,
                 legends_html: str, switch_html: str, sources_html: str,
                 bounds: list[list[float]]):
        super().__init__()
        self.sources_json = _js_json(sources_html)
        self.data_json = _js_json(features)
        self.views_json = _js_json([view.key for view in views])
        self.title_json = _js_json(title_html)
        self.legends_json = _js_json(legends_html)
        self.switch_json = _js_json(switch_html)
        self.bounds = bounds


# --- content -----------------------------------------------------------------

def page_geometry(frame: pd.DataFrame) -> pd.Series:
    """Lighter outlines for the page, still a coverage (shared borders shared)."""
    simplified = shapely.coverage_simplify(frame.geometry.to_numpy(), PAGE_SIMPLIFY_DEG)
    rounded = [shapely.transform(g, lambda xy: np.round(xy, PAGE_DECIMALS)) for g in simplified]
    return pd.Series(rounded, index=frame.index)


def label_point(geometry) -> list[float]:
    """[lat, lon] of the pole of inaccessibility of the largest part (labels sit well inside)."""
    largest = max(shapely.get_parts(geometry), key=lambda part: part.area)
    point = polylabel(largest, tolerance=0.005)
    return [round(point.y, PAGE_DECIMALS), round(point.x, PAGE_DECIMALS)]


def view_value(row: pd.Series, view: View) -> str:
    precision = row.get(f"{view.key}_precision", "exact")
    if view.decimals:
        value = row[view.key]
        return "pas de données" if pd.isna(value) else f"{fr_decimal(value, view.decimals)} {view.unit}"
    return as_published(row[view.key], precision if isinstance(precision, str) else "exact", view.unit)


def popup_rows(row: pd.Series, region_count: int) -> list[tuple[str, str]]:
    if pd.isna(row["emplois"]):
        return []
    approx = "environ " if row["emplois_precision"] != "exact" else ""
    rows = [
        ("Projets soutenus", as_published(row["projets"], row["projets_precision"])),
        ("Emplois annoncés", as_published(row["emplois"], row["emplois_precision"])),
    ]
    if not pd.isna(row["emplois_par_projet"]):
        rows.append(("Emplois par projet", approx + fr_decimal(row["emplois_par_projet"])))
    rows += [
        ("Part des emplois de la région", f"{approx}{fr_decimal(row['part_emplois'])}\u00a0%"),
        ("Rang dans la région (emplois)", f"{ordinal(int(row['rang_emplois']))} sur {region_count}"),
    ]
    return rows


def feature_collection(joined: JoinedFigures, classes: list[Classes], source: str) -> dict:
    frame = joined.frame
    geometry = page_geometry(frame)
    with_data = frame["emplois"].notna().groupby(frame["region_code"]).sum()
    features = []
    for code, row in frame.iterrows():
        features.append({
            "type": "Feature",
            "id": code,
            "geometry": shapely.geometry.mapping(geometry[code]),
            "properties": {
                "fill": {c.view.key: c.color(code) for c in classes},
                "tip": {c.view.key: _snippet("tooltip.html.j2", nom=row["nom"],
                                             value=view_value(row, c.view)) for c in classes},
                "popup": _snippet("popup.html.j2", nom=row["nom"], code=code,
                                  rows=popup_rows(row, int(with_data[row["region_code"]])),
                                  note=row["note"] if isinstance(row["note"], str) else "",
                                  source=source),
                "label": _snippet("label.html.j2", nom=row["nom"]),
                "label_at": label_point(row.geometry),
            },
        })
    return {"type": "FeatureCollection", "features": features}


def legend_items(classes: Classes, has_missing: bool) -> list[dict]:
    items = [{"color": color, "label": label} for color, label in zip(classes.colors, classes.labels())]
    if has_missing:
        items.append({"color": NO_DATA_COLOR, "label": NO_DATA_LABEL})
    return items


def title_text(joined: JoinedFigures) -> str:
    names = sorted(joined.frame["region_nom"].unique())
    return (f"Relocalisations industrielles en {names[0]}" if len(names) == 1
            else "Relocalisations industrielles par département")


def subtitle_text(publication: Publication | None) -> str:
    if publication is None:
        return ""
    return (f"Plan stratégique de relocalisation adopté en {publication.adoption_plan} "
            f"({publication.budget_plan}) · chiffres publiés en {publication.source_date}")


def figures_source(publication: Publication | None) -> str:
    return publication.source if publication else "données fournies (source non précisée)"


def summary_text(joined: JoinedFigures, publication: Publication | None) -> str:
    data = joined.with_data
    top = data.sort_values(["emplois", "nom"], ascending=[False, True]).iloc[0]
    text = (f"Carte choroplèthe de {len(joined.frame)} départements : "
            f"{fr_int(data['projets'].sum())} projets et {fr_int(data['emplois'].sum())} emplois "
            f"annoncés au total ; le plus d'emplois : {top['nom']} ({as_published(top['emplois'], top['emplois_precision'])}).")
    if joined.missing:
        text += f" Pas de données pour {len(joined.missing)} département(s)."
    return text


def _stable_ids(root: Element) -> None:
    """Replace branca's random element ids by a counter in tree order (byte-identical output)."""
    counter = itertools.count()

    def visit(element: Element) -> None:
        element._id = f"{next(counter):04d}"
        for child in element._children.values():
            visit(child)

    visit(root)


def build_page(joined: JoinedFigures, publication: Publication | None,
               classes: list[Classes], options: MapOptions = MapOptions()) -> str:
    """Render the whole HTML page as text."""
    title = title_text(joined)
    source = figures_source(publication)
    page = Page(title=title, description=subtitle_text(publication) or title)
    fmap = PageMap(accessible_name=f"Carte : {title}", summary=summary_text(joined, publication),
                   offline=options.offline, location=[46.0, 2.5], zoom_start=7,
                   zoom_snap=0.25, max_zoom=12, min_zoom=4)
    page.add_child(fmap)
    css = _package_text("relocmap.css")
    if options.offline:
        from .offline import leaflet_css, leaflet_js
        css = leaflet_css() + "\n" + css
        fmap.add_child(InlineScript(leaflet_js()))
    fmap.add_child(InlineStyle(css))
    if options.tiles and not options.offline:
        if options.tiles not in TILES:
            raise ValueError(f"unknown tiles {options.tiles!r}")
        fmap.add_child(folium.TileLayer(TILES[options.tiles]))
    sources = [f"Chiffres : {source}", BOUNDARY_SOURCE]
    minx, miny, maxx, maxy = _frame_bounds(joined)
    views = [c.view for c in classes]
    has_missing = bool(joined.missing)
    legends = [{"key": c.view.key, "title": c.view.legend_title,
                "entries": legend_items(c, has_missing),
                "note": f"Classes : seuils naturels (Fisher-Jenks), {len(c.bins)} classes"} for c in classes]
    fmap.add_child(DepartmentViews(
        feature_collection(joined, classes, source), views,
        _snippet("title.html.j2", title=title, subtitle=subtitle_text(publication)),
        _snippet("legends.html.j2", legends=legends),
        _snippet("switch.html.j2", views=views),
        _snippet("sources.html.j2", sources=sources),
        [[round(miny, 4), round(minx, 4)], [round(maxy, 4), round(maxx, 4)]],
    ))
    _stable_ids(page)
    return page.render()


def _frame_bounds(joined: JoinedFigures) -> tuple[float, float, float, float]:
    """Bounds of the departments with data; mainland only when the data has both
    mainland and overseas departments (overseas ones stay at their true place)."""
    data = joined.with_data
    mainland = data[~data.index.str.startswith("97")]
    shown = mainland if len(mainland) else data
    return tuple(shown.total_bounds)
