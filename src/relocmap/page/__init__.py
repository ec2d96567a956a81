"""The page stage: turns classified, worded figures into the published page (carte.html)
and its publishing variants (CDN, local or inlined Leaflet; the embed snippet).

Modules, from the page down to its parts:

- ``document``: the HTML document, :func:`build_page`, :func:`build_editions_page`,
  :func:`iframe_snippet`;
- ``config``: the one JSON configuration the page script reads;
- ``features``: the departments, with each publication's classes and texts;
- ``sketch``: the departments' outlines, once, as an inline SVG painted before Leaflet
  runs (the page script builds Leaflet's layer from it);
- ``table``, ``headline``, ``trajectory``: the parts readable without script;
- ``texts``: a department's figures in words (popups, tooltips, table);
- ``assets``: Leaflet, the package CSS and the page script in the page;
- ``options`` (:class:`MapOptions`), ``edition`` (one publication as shown);
- ``publishing`` and ``offline``: where Leaflet comes from, the public address, the
  social tags and downloads; Leaflet's own files;
- ``templating``: the package's templates and files.
"""

from relocmap.page.document import build_editions_page, build_page, iframe_snippet
from relocmap.page.options import MapOptions

__all__ = ["MapOptions", "build_editions_page", "build_page", "iframe_snippet"]
