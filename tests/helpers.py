"""Constants and small helpers shared by several test modules (fixtures stay in conftest)."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from relocmap.build import classify_views
from relocmap.inputs.checked import load_inputs
from relocmap.page.document import build_page
from relocmap.page.options import MapOptions

REPO_ROOT = Path(__file__).resolve().parents[1]

# The Tab order of the committed page, as the README documents it, before the 12
# departments: the map, the title's headline, zoom, Recentrer, then the view box
# (Chromium and Firefox alike).
TAB_ORDER_START = [
    "map",
    "Bilan du plan",
    "Zoom avant",
    "Zoom arrière",
    "Recentrer",
    "view emplois",
    "Cercles : emplois",
    "Tableau des chiffres",
]

# The header of data/relocalisations.csv, and a known-good row.
HEADER = "code,departement,projets,emplois,emplois_precision,projets_precision,note"
GOOD_ROW = "01,Ain,25,564,exact,exact,"


class _ConfigBlock(HTMLParser):
    """Collects the text of <script type="application/json" id="relocmap-config">."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.blocks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("id") == "relocmap-config":
            assert found.get("type") == "application/json", found
            self.inside = True
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.blocks[-1] += data


def page_config(html: str) -> dict:
    """The page's one configuration object, read as the browser reads it (JSON.parse of
    the block's text)."""
    parser = _ConfigBlock()
    parser.feed(html)
    parser.close()
    assert len(parser.blocks) == 1, f"{len(parser.blocks)} configuration blocks"
    return json.loads(parser.blocks[0])


def page_features(html: str) -> list[dict]:
    """The departments drawn by the page (GeoJSON features from its configuration)."""
    return page_config(html)["features"]["features"]


def page_sketch_paths(html: str) -> list[str]:
    """The path data of the departments' inline drawing, in the order of the features
    (the page's one copy of their outlines; see relocmap.page.sketch)."""
    (drawing,) = re.findall(r'<svg class="relocmap-sketch"[^>]*>(.*?)</svg>', html)
    return re.findall(r'<path fill="#[0-9a-f]{6}" d="([^"]+)"/>', drawing)


def page_departments(html: str, edition: int = -1) -> dict[str, dict]:
    """Each department of the page in one edition (the latest by default), by code: its
    name, and ``classes`` and ``tips`` by view key (the page has them as lists in the
    order of its views), ``texts``, ``sort``, ``radius``, ``change``, ``note`` as given."""
    config = page_config(html)
    views = [view["key"] for view in config["views"]]
    result = {}
    for feature in config["features"]["features"]:
        entry = dict(feature["properties"]["editions"][edition])
        entry["classes"] = dict(zip(views, entry["classes"], strict=True))
        entry["tips"] = dict(zip(views, entry["tips"], strict=True))
        entry["nom"] = feature["properties"]["nom"]
        result[feature["id"]] = entry
    return result


# What a build of one publication writes (spelled here on purpose, not taken from
# relocmap.base.layout, so that the tests check that list too).
OUTPUTS = (
    "carte.html",
    "carte-iframe.html",
    "carte.png",
    "carte.svg",
    "relocalisations.geojson",
    "relocalisations.csv",
)


HOSTILE_NAME = "</script><script>alert(1)</script><!--<script>"


def page_with_hostile_name(paths) -> str:
    """The page with Rhône renamed to markup: a name is plain text in the configuration
    (not HTML-escaped), so only the JSON escaping keeps it from ending the block."""
    inputs = load_inputs(paths["data"], paths["geo"])
    frame = inputs.joined.frame.copy()
    frame.loc["69", "nom"] = HOSTILE_NAME
    joined = dataclasses.replace(inputs.joined, frame=frame)
    return build_page(joined, None, classify_views(joined), MapOptions(tiles=None))


def snapshot(root: Path) -> dict[str, bytes]:
    """Every regular file under ``root`` (links not followed) and its bytes: what a refused
    command must leave as it was."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if not path.is_symlink() and path.is_file()
    }


def page_switch(html: str) -> str:
    """The views' and publications' switch, as the page writes it (above the map)."""
    return re.search(r'<form class="relocmap-switch".*?</form>', html, re.DOTALL).group(0)


def page_legends(html: str) -> str:
    """The legends, as the page writes them (under the map)."""
    start = html.index('<div class="relocmap-legends"')
    return html[start : html.index('<section id="relocmap-figures"', start)]


# The article columns (px) the embed snippet is tried in: small and common phones, a
# newspaper's column, a wide column (conftest's ``article``).
ARTICLE_COLUMNS = [320, 390, 680, 840]
