"""Leaflet's own files for a self-contained page, read from the django-js-lib-leaflet package.

The package (BSD-2, no dependencies) ships Leaflet 1.9.4 unchanged; nothing is
copied into this repository.
"""

from __future__ import annotations

import re
from importlib import resources

from .errors import RelocmapError

_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")


def _leaflet_file(name: str) -> str:
    try:
        path = (
            resources.files("js_lib_leaflet")
            .joinpath("static")
            .joinpath("js_lib_leaflet")
            .joinpath(name)
        )
        return path.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise RelocmapError(
            f"--offline needs Leaflet from the package django-js-lib-leaflet ({exc}); "
            "reinstall relocmap with its dependencies"
        ) from None


def _inlinable(text: str, closing_tag: str, name: str) -> str:
    # An inlined file must not close its own <script>/<style> element early.
    if closing_tag in text.lower():
        raise RelocmapError(f"{name} holds '{closing_tag}' and cannot be inlined")
    return text


def leaflet_js() -> str:
    """leaflet.js without its source-map comment (the map file is not inlined)."""
    return _inlinable(_SOURCE_MAP.sub("", _leaflet_file("leaflet.js")), "</script", "leaflet.js")


def leaflet_css() -> str:
    return _inlinable(_leaflet_file("leaflet.css"), "</style", "leaflet.css")
