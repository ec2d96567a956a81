"""The page's code and style in its head: Leaflet (linked or inlined), the package CSS
(compacted) and the page script (the committed minified file)."""

from __future__ import annotations

import json
import re

import folium
from branca.element import MacroElement
from folium.template import Template

from relocmap.page import publishing
from relocmap.page.offline import leaflet_css, leaflet_js
from relocmap.page.options import MapOptions
from relocmap.page.templating import package_text


class LeafletLinks(MacroElement):
    """Leaflet's script and stylesheet in the page head: CDN with integrity, or local.
    Neither holds the first paint (the departments' drawing), which needs neither: the
    script is deferred, the stylesheet preloaded, and applied by the page script before
    it makes the map (page.js ``withLeafletStyle``, which finds it by its id)."""

    _template = Template(
        "{% macro header(this, kwargs) %}"
        "{% for link in this.links %}"
        "{% if link.kind == 'script' %}<script defer src=\"{{ link.href|e }}\""
        '{% else %}<link rel="preload" as="style" id="relocmap-leaflet-style"'
        ' href="{{ link.href|e }}"{% endif %}'
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
    """A script written into the page head (Leaflet itself, for --offline): a module, so
    that it runs once the page is parsed (as a deferred script would), after the
    departments' drawing is painted and before the page script."""

    _template = Template(
        "{% macro header(this, kwargs) %}"
        '<script type="module">\n{{ this.js }}</script>\n'
        "{% endmacro %}"
    )

    def __init__(self, js: str):
        super().__init__()
        self.js = js


# The page's JavaScript, package data in src/relocmap/page/: readable sources, in the
# order PAGE_BUILD gives (the pure functions of core.js, also unit-tested with Node, then
# the DOM and Leaflet part, page.js, which reads the configuration block, then, inside
# the embed snippet's iframe, the height message to the host page, embed-height.js),
# minified with terser by `npm run build` (scripts/build-page-js.mjs, which reads the
# same PAGE_BUILD) into one committed file, the one the page inlines.
PAGE_BUILD = "scripts.json"  # {"sources": [file, ...], "output": file}


def page_script_files() -> tuple[tuple[str, ...], str]:
    """The page script's sources, in order, and the generated file the page inlines
    (names in ``src/relocmap/page/``, from its ``scripts.json``)."""
    build = json.loads(package_text(PAGE_BUILD, None))
    return tuple(build["sources"]), build["output"]


def page_script() -> str:
    """The page's JavaScript as inlined into the page: the committed minified file
    ``src/relocmap/page/relocmap.min.js`` as it is (``npm run build`` writes it from the
    sources; ``npm test`` checks it is up to date)."""
    sources, output = page_script_files()
    script = package_text(output, None)
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


def add_leaflet_and_style(fmap: folium.Map, options: MapOptions) -> None:
    """Leaflet (linked from the CDN or beside the page, or inlined offline), then the
    page's own CSS, which comes after Leaflet's so that it wins."""
    css = compact_css(package_text("relocmap.css"))
    if options.offline:
        css = leaflet_css() + "\n" + css
        fmap.add_child(InlineScript(leaflet_js()))
    else:
        fmap.add_child(LeafletLinks(publishing.leaflet_links(options.assets)))
    fmap.add_child(InlineStyle(css))
