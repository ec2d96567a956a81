"""The page's one JSON configuration, read by the page script: map and basemap, views
and legends, each publication's texts, Leaflet's words in French, the departments."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from relocmap.base import codes
from relocmap.inputs.join import JoinedFigures
from relocmap.outputs.classify import CHANGE_VIEW, NO_DATA_COLOR, Classes
from relocmap.outputs.wording import (
    BOUNDARY_SOURCE,
    figures_source,
    french_date,
    french_when,
    legend_items,
    legend_note,
    subtitle_text,
)
from relocmap.page import publishing
from relocmap.page.edition import Edition
from relocmap.page.features import circle_legend, feature_collection
from relocmap.page.headline import headline_body, summary_text
from relocmap.page.options import MapOptions, tiles_config
from relocmap.page.sketch import SKETCH_ZOOM
from relocmap.page.table import TABLE_FIGURES, TABLE_NO_FIGURES, table_caption, table_footer
from relocmap.page.templating import snippet
from relocmap.page.texts import POPUP_TERMS

# Leaflet's own words, in French.
PAGE_TEXTS = {
    "zoomIn": "Zoom avant",
    "zoomOut": "Zoom arrière",
    "closePopup": "Fermer",
    "recenter": "Recentrer",
    "recenterTitle": "Recentrer la carte sur la région",
    # The hints of a map inside an article (page.js, wireGestures).
    "wheelHint": "Ctrl + molette pour zoomer",
    "wheelHintMac": "⌘ + molette pour zoomer",
    "touchHint": "Utilisez deux doigts pour déplacer la carte",
    # The footer of the reader's layout, in a frame (page.js, createFooter).
    "fullPage": "Ouvrir la carte en pleine page",
}
LEAFLET_PREFIX = (
    '<a href="https://leafletjs.com" title="Bibliothèque JavaScript de cartes interactives">'
    "Leaflet</a>"
)
# Leaflet map options. No centre: the script frames the region with fitBounds, whose
# zoom arithmetic starts from this zoom (kept at 7, as the page always had it).
MAP_OPTIONS = {"zoom": 7, "zoomControl": False, "zoomSnap": 0}


def config_json(config: dict[str, object]) -> str:
    """The configuration as JSON to place inside ``<script type="application/json">``.

    Every ``<`` (only ever inside a JSON string) is written ``\\u003c``: the HTML parser
    ends a script element only at ``</script`` and enters its odd states only at
    ``<!--``, so no text from the data can close the element or start markup.
    ``JSON.parse`` reads the escape back as ``<``. Keys are sorted (deterministic).
    """
    text = json.dumps(config, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")


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


def _legend_entries(
    editions: Sequence[Edition], classes: Mapping[str, Sequence[Classes]], index: int
) -> list[dict[str, str]]:
    """A view's legend entries: "Pas de données" only if a department is grey in some
    publication (the Évolution view: the first publication, and the departments that
    have figures in only one of two), marked with those publications' keys when not in
    all of them (the script shows it with them only)."""
    grey = [
        e.key for e in editions if set(e.joined.frame.index) - set(classes[e.key][index].class_of)
    ]
    items = legend_items(classes[editions[-1].key][index], bool(grey))
    if grey and len(grey) < len(editions):
        hidden = "" if editions[-1].key in grey else "hidden"
        items[-1] = {**items[-1], "editions": " ".join(grey), "hidden": hidden}
    return items


def _html_parts(
    editions: Sequence[Edition], classes: Mapping[str, Sequence[Classes]], offline: bool
) -> dict[str, str]:
    """The boxes the script places on the map, as HTML: the legends (one per view, and
    the reference circles), the view and publication switch, the credit line."""
    latest = editions[-1]
    several = len(editions) > 1
    shown = classes[latest.key]
    legends = [
        {
            "key": c.view.key,
            "title": c.view.legend_title,
            "entries": _legend_entries(editions, classes, index),
            "note": _legend_note(latest.joined, c, several),
        }
        for index, c in enumerate(shown)
    ]
    largest = max(e.joined.frame["emplois"].max() for e in editions)
    circles = circle_legend(largest)
    views = [c.view for c in shown]
    return {
        "attributionPrefix": LEAFLET_PREFIX,
        "legends": snippet("legends.html.j2", legends=legends, circles=circles, several=several),
        "switch": snippet("switch.html.j2", views=views, circles=circles, editions=editions),
        # The figures' source in its own element: the script changes it with the
        # publication; the rest of the credit line stays as it is.
        "sources": snippet(
            "sources.html.j2",
            figures=figures_source(latest.publication),
            boundaries=BOUNDARY_SOURCE,
            downloads=publishing.downloads(latest.joined.frame, offline),
        ),
    }


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
    minx, miny, maxx, maxy = _frame_bounds(latest.joined)
    return {
        "map": {
            "container": container,
            "options": MAP_OPTIONS,
            # the zoom whose pixels are the units of the departments' drawing (sketch.py)
            "sketchZoom": SKETCH_ZOOM,
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
        "html": _html_parts(editions, classes, options.offline),
        "features": feature_collection(editions, classes),
    }


def _frame_bounds(joined: JoinedFigures) -> tuple[float, float, float, float]:
    """Bounds of the departments :func:`relocmap.base.codes.framed` keeps (with data or not);
    the overseas ones left out of the frame stay drawn at their true place."""
    frame = joined.frame
    return tuple(frame[codes.framed(frame.index)].total_bounds)
