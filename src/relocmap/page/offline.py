"""Leaflet's own files, read from the django-js-lib-leaflet package.

The package (BSD-2, no dependencies) ships Leaflet 1.9.4 unchanged: its
``leaflet.js`` and ``leaflet.css`` are byte for byte the files of the npm
package ``leaflet@1.9.4`` (``dist/``), which is what unpkg.com serves. So the
same bytes give the Subresource Integrity hashes of the CDN links
(:mod:`relocmap.page.publishing`), the files written beside the page by
``--assets local`` and the code inlined by ``--offline``. Nothing is copied
into this repository.
"""

from __future__ import annotations

import re
from importlib import resources

from relocmap.base.errors import RelocmapError
from relocmap.base.i18n import _
from relocmap.base.layout import LEAFLET_CSS, LEAFLET_JS

_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")


def leaflet_bytes(name: str) -> bytes:
    """One file of Leaflet 1.9.4's ``dist/`` folder (``leaflet.js``, ``leaflet.css``), unchanged."""
    try:
        path = (
            resources.files("js_lib_leaflet")
            .joinpath("static")
            .joinpath("js_lib_leaflet")
            .joinpath(name)
        )
        return path.read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise RelocmapError(
            _(
                "Leaflet's {name} comes from the package django-js-lib-leaflet ({error}); "
                "reinstall relocmap with its dependencies"
            ).format(name=name, error=exc)
        ) from None


def _leaflet_file(name: str) -> str:
    return leaflet_bytes(name).decode("utf-8")


def _inlinable(text: str, closing_tag: str, name: str) -> str:
    # An inlined file must not close its own <script>/<style> element early.
    if closing_tag in text.lower():
        raise RelocmapError(
            _("{name} holds '{tag}' and cannot be inlined").format(name=name, tag=closing_tag)
        )
    return text


def without_source_map(js: str) -> str:
    """leaflet.js without its source-map comment (the map file is not shipped, so a
    browser's developer tools would ask for it in vain)."""
    return _SOURCE_MAP.sub("", js)


def leaflet_js() -> str:
    """leaflet.js to inline, without its source-map comment."""
    return _inlinable(without_source_map(_leaflet_file(LEAFLET_JS)), "</script", LEAFLET_JS)


def leaflet_css() -> str:
    return _inlinable(_leaflet_file(LEAFLET_CSS), "</style", LEAFLET_CSS)
