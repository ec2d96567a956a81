"""The published page as one HTML document: :func:`build_page` (one publication),
:func:`build_editions_page` (several) and the embed snippet (:func:`iframe_snippet`)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import cast

import folium
from branca.element import Element, Figure
from folium.template import Template

from relocmap.base import layout
from relocmap.inputs.facts import Publication
from relocmap.inputs.join import JoinedFigures
from relocmap.outputs.classify import Classes
from relocmap.outputs.wording import (
    description_text,
    figures_source,
    source_lines,
    subtitle_text,
    title_text,
)
from relocmap.page import publishing
from relocmap.page.assets import add_leaflet_and_style, page_script
from relocmap.page.config import config_json, page_config
from relocmap.page.edition import Edition
from relocmap.page.features import department_paths
from relocmap.page.headline import headline_html, summary_text
from relocmap.page.options import DEFAULT_OPTIONS, MapOptions
from relocmap.page.sketch import reader_map_height, sketch_address, sketch_svg
from relocmap.page.table import FiguresTable, table_html
from relocmap.page.templating import package_text, snippet

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

    _template = Template(package_text("page.html.j2"))

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
        self.sketch_address = ""  # the address whose colours the drawing has (sketch.py)
        self.page_js = ""
        self.header._children.clear()  # our template writes the charset itself


class PageMap(folium.Map):
    """The map container (Leaflet's map is made by the page script), accessible, with
    Leaflet as the only external asset."""

    _template = Template(package_text("map.j2"))

    def __init__(self, accessible_name: str, summary: str):
        super().__init__(tiles=None)
        self.accessible_name = accessible_name
        self.summary = summary
        self.sketch = ""  # the departments' inline drawing, set once the config is made
        # The boxes as HTML of the page (set with the config): in the reader's layout
        # they stay where they are, around the map; the script may move them onto it.
        self.switch_html = ""
        self.legends_html = ""
        self.reader_height = "auto"  # the map's height in the reader's layout (CSS)
        self.default_js = []
        self.default_css = []


def _stable_ids(root: Element) -> None:
    """Replace branca's random element ids by a counter in tree order (byte-identical output)."""
    counter = itertools.count()

    def visit(element: Element) -> None:
        element._id = f"{next(counter):04d}"
        for child in element._children.values():
            visit(child)

    visit(root)


def build_page(
    joined: JoinedFigures,
    publication: Publication | None,
    classes: list[Classes],
    options: MapOptions = DEFAULT_OPTIONS,
) -> str:
    """Render the whole HTML page of one publication as text."""
    edition = Edition(
        publication.source_date.iso if publication else "chiffres", joined, publication
    )
    return build_editions_page([edition], {edition.key: classes}, options)


def build_editions_page(
    editions: Sequence[Edition],
    classes: Mapping[str, Sequence[Classes]],
    options: MapOptions = DEFAULT_OPTIONS,
    trajectory: str = "",
) -> str:
    """Render the whole HTML page as text: the latest edition shown first (and the only
    one readable without script); with several, a selector picks another, an Évolution
    view shows the change, and ``trajectory``
    (:func:`relocmap.page.trajectory.trajectory_html`) heads the panel."""
    latest = editions[-1]
    joined, publication = latest.joined, latest.publication
    title = title_text(joined, publication)
    title_html = snippet(
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
    add_leaflet_and_style(fmap, options)
    downloads = publishing.downloads(joined.frame, options.offline)
    source = figures_source(publication)
    label = latest.label if len(editions) > 1 else None
    fmap.add_child(FiguresTable(table_html(joined, publication, source, downloads, label)))
    _stable_ids(page)
    config = page_config(editions, classes, options, container=fmap.get_name())
    fmap.sketch = sketch_svg(config, department_paths(editions))
    page.sketch_address = sketch_address(config)
    # The switch and the legends are the page's HTML, not the script's (config.py's
    # _html_parts makes them; the credit line's sources stay in the configuration).
    boxes = cast(dict[str, str], config["html"])
    fmap.switch_html = boxes.pop("switch")
    fmap.legends_html = boxes.pop("legends")
    fmap.reader_height = reader_map_height(cast(dict, config["map"])["bounds"])
    page.config_json = config_json(config)
    page.page_js = page_script()
    return page.render()


def iframe_snippet(
    joined: JoinedFigures,
    publication: Publication | None = None,
    base_url: str | None = None,
) -> str:
    """The HTML to paste into a web page to embed the map: a lazy iframe whose height
    follows what the page asks for (a few lines of script; without script, an
    aspect ratio between two heights), and a caption with the credit and a plain
    link to the map. ``base_url`` (normalised, see
    :func:`relocmap.page.publishing.normalize_base_url`) makes the address absolute."""
    names = sorted(joined.frame["region_nom"].unique())
    title = title_text(joined, publication)
    base_url = publishing.normalize_base_url(base_url) if base_url is not None else None
    src = (base_url or "") + layout.PAGE_HTML
    return (
        snippet(
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
