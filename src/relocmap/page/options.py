"""How the page is built (:class:`MapOptions`): the basemap (:data:`TILES`), offline or
not, where Leaflet comes from, the public address."""

from __future__ import annotations

from dataclasses import dataclass

import folium
from folium.utilities import camelize

from relocmap.page import publishing

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


@dataclass(frozen=True)
class MapOptions:
    """How the page is built; every field has a sensible default."""

    tiles: str | None = DEFAULT_TILES
    offline: bool = False
    # Where Leaflet comes from: "cdn" (with integrity hashes) or "local" (files
    # beside the page); --offline inlines it instead. See relocmap.page.publishing.
    assets: str = publishing.ASSETS_CDN
    # The folder's public address (normalised to end with "/"), or None.
    base_url: str | None = None

    def __post_init__(self) -> None:
        publishing.check_assets(self.assets, self.offline)
        if self.base_url is not None:
            object.__setattr__(self, "base_url", publishing.normalize_base_url(self.base_url))


# The default of build_page and build_editions_page (one frozen instance).
DEFAULT_OPTIONS = MapOptions()


def assets() -> dict[str, str]:
    """The pinned URLs of the only external files the page loads (Leaflet)."""
    return publishing.cdn_urls()


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
