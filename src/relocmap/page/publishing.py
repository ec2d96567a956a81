"""Publishing the page: where Leaflet comes from, the page's public address, the
social-card tags, and the links to download the figures.

Leaflet is loaded one of three ways:

- ``cdn`` (default): from unpkg.com, each ``<script>``/``<link>`` with its
  Subresource Integrity hash (sha384 of the package's own copy, which is byte
  for byte the file unpkg serves: see :mod:`relocmap.page.offline`) and
  ``crossorigin="anonymous"``, so a tampered file is refused by the browser;
- ``local``: Leaflet's files written beside ``carte.html`` and linked
  relatively, for sites that load no third-party script;
- ``--offline``: inlined into the page (:func:`relocmap.page.build_page`).

Pure functions: nothing here writes a file (the build, :mod:`relocmap.build`, writes every
output at once) or reaches the network.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from urllib.parse import quote, urlsplit, urlunsplit

import pandas as pd

from relocmap.base.errors import RelocmapError
from relocmap.base.i18n import _
from relocmap.base.layout import EXPORT_CSV, EXPORT_GEOJSON, MAP_PNG, PAGE_HTML
from relocmap.outputs.exports import relocalisations_csv
from relocmap.page.offline import leaflet_bytes, without_source_map

ASSETS_CDN = "cdn"
ASSETS_LOCAL = "local"
ASSET_MODES = (ASSETS_CDN, ASSETS_LOCAL)


BASE_URL_EXAMPLE = "https://www.example.org/cartes/"
# Characters an address never holds unencoded (RFC 3986), and which HTML or a
# script would have to escape.
UNSAFE_URL_CHARACTERS = frozenset("<>\"'\\`{}|^")


@dataclass(frozen=True)
class AssetLink:
    """A ``<script src>`` (``kind="script"``) or ``<link rel="stylesheet">`` (``"style"``)."""

    kind: str
    href: str
    integrity: str = ""
    crossorigin: str = ""


@dataclass(frozen=True)
class MetaTag:
    """``<meta {attribute}="{key}" content="{content}">``."""

    attribute: str
    key: str
    content: str


@dataclass(frozen=True)
class Download:
    """A link to download the figures: ``href`` is a file beside the page or a data: URL."""

    label: str
    href: str
    filename: str


def cdn_urls() -> dict[str, str]:
    """The pinned CDN addresses of Leaflet's files (``templates/assets.json``)."""
    text = (
        resources.files("relocmap.page")
        .joinpath("templates")
        .joinpath("assets.json")
        .read_text("utf-8")
    )
    urls: dict[str, str] = json.loads(text)
    return urls


def file_name(url: str) -> str:
    """``https://unpkg.com/leaflet@1.9.4/dist/leaflet.js`` gives ``leaflet.js``."""
    return urlsplit(url).path.rsplit("/", 1)[-1]


def subresource_integrity(data: bytes) -> str:
    """The ``integrity`` attribute value of a file: ``sha384-`` and its base64 digest."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def local_asset_files() -> dict[str, bytes]:
    """Leaflet's files to write beside the page for ``--assets local``.

    leaflet.js loses only its last line, the source-map comment (the map file is
    not shipped). Leaflet's CSS also names images (layer switcher, default
    marker), but the page uses neither, so none is written.
    """
    files = {}
    for url in cdn_urls().values():
        name = file_name(url)
        data = leaflet_bytes(name)
        if name.endswith(".js"):
            data = without_source_map(data.decode("utf-8")).encode("utf-8")
        files[name] = data
    return files


def leaflet_links(assets: str) -> list[AssetLink]:
    """The head links to Leaflet: the CDN with integrity, or the local copies."""
    links = []
    for key, url in sorted(cdn_urls().items(), key=lambda item: not item[0].endswith("_js")):
        kind = "script" if key.endswith("_js") else "style"
        if assets == ASSETS_LOCAL:
            links.append(AssetLink(kind, file_name(url)))
        else:
            digest = subresource_integrity(leaflet_bytes(file_name(url)))
            links.append(AssetLink(kind, url, digest, "anonymous"))
    return links


def check_assets(assets: str, offline: bool) -> None:
    """``assets`` is one of :data:`ASSET_MODES`; ``--offline`` inlines Leaflet, so it
    cannot also link local copies."""
    if assets not in ASSET_MODES:
        raise RelocmapError(
            _("--assets {value}: expected one of {modes}, got {value}").format(
                value=repr(assets), modes=", ".join(ASSET_MODES)
            )
        )
    if offline and assets == ASSETS_LOCAL:
        raise RelocmapError(
            _("--offline writes Leaflet into carte.html itself: use it without --assets local")
        )


def normalize_base_url(text: str) -> str:
    """The address of the folder where the outputs are published, ending with ``/``.

    Accepts http and https addresses without query, fragment or credentials;
    adds the final ``/`` when it is missing. Anything else is a
    :class:`RelocmapError` that says what was expected.
    """

    def refuse(why: str) -> RelocmapError:
        return RelocmapError(
            _(
                "--base-url {value}: {reason}; expected the http:// or https:// address of "
                "the folder where carte.html will be published, such as {example}"
            ).format(value=repr(text), reason=why, example=BASE_URL_EXAMPLE)
        )

    if not text or any(ch.isspace() or ord(ch) < 32 for ch in text):
        raise refuse(_("empty or contains spaces"))
    odd = sorted({ch for ch in text if ch in UNSAFE_URL_CHARACTERS})
    if odd:
        raise refuse(
            _("{characters} cannot appear in an address as typed").format(characters=" ".join(odd))
        )
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        raise refuse(
            _("the scheme is {scheme}").format(scheme=parts.scheme + ":")
            if parts.scheme
            else _("the scheme is missing")
        )
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        raise refuse(_("the port is not a number")) from None
    if not host:
        raise refuse(_("no host name"))
    if parts.username is not None or parts.password is not None:
        raise refuse(_("a user name or password has no place in a public address"))
    if parts.query or parts.fragment or text.endswith(("?", "#")):
        raise refuse(_("a query (?…) or fragment (#…) has no place in a folder address"))
    if parts.path.lower().endswith((".html", ".htm")):
        raise refuse(_("this is a page; give the folder that holds it"))
    default_port = {"http": 80, "https": 443}[parts.scheme]
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != default_port:
        netloc += f":{port}"
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme, netloc, path, "", ""))


def origin(base_url: str) -> str:
    """``https://www.example.org/cartes/`` gives ``https://www.example.org``."""
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}"


def social_tags(title: str, description: str, base_url: str | None) -> list[MetaTag]:
    """Open Graph and Twitter card tags; none without a public address (og:url and
    og:image must be absolute)."""
    if base_url is None:
        return []
    return [
        MetaTag("property", "og:type", "website"),
        MetaTag("property", "og:locale", "fr_FR"),
        MetaTag("property", "og:title", title),
        MetaTag("property", "og:description", description),
        MetaTag("property", "og:url", base_url + PAGE_HTML),
        MetaTag("property", "og:image", base_url + MAP_PNG),
        MetaTag("property", "og:image:alt", f"Carte : {title}"),
        MetaTag("name", "twitter:card", "summary_large_image"),
    ]


def data_url(text: str, media_type: str) -> str:
    """``text`` as a data: URL (UTF-8, percent-encoded; readable characters kept)."""
    return f"data:{media_type};charset=utf-8," + quote(text, safe=",.;:-_/()")


def downloads(frame: pd.DataFrame, offline: bool) -> list[Download]:
    """The figures to download from the page: the exported CSV and GeoJSON beside it,
    or, offline, the CSV inside the page itself (a data: URL). The GeoJSON is not
    embedded offline: its outlines would more than double the page."""
    csv_label = "Télécharger les données (CSV)"
    if offline:
        csv_href = data_url(relocalisations_csv(frame), "text/csv")
        return [Download(csv_label, csv_href, EXPORT_CSV)]
    return [
        Download(csv_label, EXPORT_CSV, EXPORT_CSV),
        Download("Données et contours (GeoJSON)", EXPORT_GEOJSON, EXPORT_GEOJSON),
    ]
