"""The page as text: determinism, assets, weight, escaping, its configuration, framing
other data. The page's configuration is read as JSON (tests/helpers.py), as the browser
reads it."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from helpers import (
    HOSTILE_NAME,
    OUTPUTS,
    page_config,
    page_departments,
    page_features,
    page_sketch_paths,
    page_with_hostile_name,
)

from relocmap.build import build_map
from relocmap.cli import main
from relocmap.inputs.checked import load_inputs
from relocmap.page import MapOptions, assets
from relocmap.page.assets import page_script, page_script_files
from relocmap.page.config import config_json
from relocmap.page.offline import leaflet_bytes
from relocmap.page.publishing import subresource_integrity
from relocmap.page.texts import POPUP_TERMS, as_published, ordinal

BUDGET_BYTES = 100_000  # "100 KB", read strictly


@pytest.fixture(scope="module")
def page_html(paths, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("page")
    build_map(paths["data"], paths["geo"], out, paths["facts"], MapOptions())
    return (out / "carte.html").read_text(encoding="utf-8")


def test_committed_outputs_match_a_fresh_build(repo_root, tmp_path):
    """out/ is committed: it must be what 'relocmap build' gives from the committed data."""
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--data",
            str(repo_root / "data" / "relocalisations.csv"),
            "--geo",
            str(repo_root / "geo" / "departements.geojson"),
            "--out",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (repo_root / "out").iterdir()) == sorted(OUTPUTS)
    for name in OUTPUTS:
        assert (tmp_path / name).read_bytes() == (repo_root / "out" / name).read_bytes(), (
            f"out/{name} is stale: run 'relocmap build' and commit out/"
        )


def test_page_is_within_budget(page_html):
    assert len(page_html.encode("utf-8")) <= BUDGET_BYTES


def test_only_leaflet_loads_from_outside(page_html):
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', page_html)
    # Leaflet's stylesheet is preloaded, then applied by the page script (page.js).
    styles = re.findall(r'<link rel="(?:stylesheet|preload)"[^>]+href="([^"]+)"', page_html)
    assert scripts == ["https://unpkg.com/leaflet@1.9.4/dist/leaflet.js"]
    assert styles == ["https://unpkg.com/leaflet@1.9.4/dist/leaflet.css"]
    for unwanted in ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers"):
        assert unwanted not in page_html.lower()


def test_no_random_element_ids(page_html):
    assert not re.search(r"[0-9a-f]{32}", page_html)


def test_geometry_is_written_once(page_html):
    features = page_features(page_html)
    assert len(features) == 12
    assert '"coordinates"' not in page_html
    paths = page_sketch_paths(page_html)
    assert len(paths) == len(features)
    assert all(page_html.count(d) == 1 for d in paths)


def test_page_is_french_and_titled(page_html):
    assert '<html lang="fr">' in page_html
    assert "<title>Relocalisations industrielles en Auvergne-Rhône-Alpes</title>" in page_html
    assert "user-scalable=no" not in page_html  # people may zoom the page


def test_tiles_none_loads_no_tiles(paths, tmp_path):
    build_map(paths["data"], paths["geo"], tmp_path, paths["facts"], MapOptions(tiles=None))
    html = (tmp_path / "carte.html").read_text(encoding="utf-8")
    assert page_config(html)["tiles"] is None and "arcgisonline" not in html


def test_default_tiles_are_esri_grey_with_a_french_attribution(page_html):
    tiles = page_config(page_html)["tiles"]
    assert tiles["url"].startswith("https://server.arcgisonline.com/ArcGIS/rest/services/Canvas/")
    assert tiles["options"]["attribution"].startswith("Fond de carte © Esri")
    assert tiles["options"]["maxZoom"] == 16  # Leaflet's option names (camelCase)


def test_as_published_wording():
    assert as_published(670, "pres_de") == "près de 670"
    assert as_published(100, "plus_de", "emplois") == "plus de 100 emplois"
    assert as_published(100, "environ") == "environ 100"
    assert as_published(1220, "exact", "emplois") == "1\u202f220 emplois"
    assert as_published(1, "exact", "projets") == "1 projet"
    assert as_published(float("nan"), "exact") == "pas de données"
    assert [ordinal(n) for n in (1, 2, 12)] == ["1er", "2e", "12e"]


def write_csv(path, rows):
    path.write_text(
        "code,departement,projets,emplois,emplois_precision\n"
        + "".join(f"{c},{n},{p},{e},exact\n" for c, n, p, e in rows),
        encoding="utf-8",
    )


def test_another_region_gives_its_own_map(paths, tmp_path):
    data = tmp_path / "bretagne.csv"
    write_csv(
        data,
        [("29", "Finistère", 4, 120), ("35", "Ille-et-Vilaine", 7, 300), ("56", "Morbihan", 2, 40)],
    )
    build_map(data, paths["geo"], tmp_path, None, MapOptions(tiles=None))
    html = (tmp_path / "carte.html").read_text(encoding="utf-8")
    features = page_features(html)
    assert sorted(f["id"] for f in features) == ["22", "29", "35", "56"]
    assert "Relocalisations industrielles en Bretagne" in html
    no_data = page_departments(html)["22"]
    assert no_data["classes"] == {
        "emplois": None,
        "projets": None,
        "emplois_pour_10000_hab": None,
    }
    assert page_config(html)["noDataColor"] == "#d9d9d9"
    (south, west), (north, east) = page_config(html)["map"]["bounds"]
    assert 47 < south < north < 49 and -5.2 < west < east < -1


def test_all_france_csv_frames_the_mainland(paths, tmp_path):
    inputs_geo = load_inputs(paths["data"], paths["geo"]).boundaries
    data = tmp_path / "france.csv"
    write_csv(
        data,
        [
            (code, row["nom"], i % 40, (i * 37) % 1500)
            for i, (code, row) in enumerate(inputs_geo.iterrows())
        ],
    )
    build_map(data, paths["geo"], tmp_path, None, MapOptions(tiles=None))
    html = (tmp_path / "carte.html").read_text(encoding="utf-8")
    assert len(page_features(html)) == 101
    (south, west), (north, east) = page_config(html)["map"]["bounds"]
    assert 41 < south < 42.5 and 51 < north < 51.2 and -5.2 < west < -4.5 and 9.5 < east < 9.7
    assert "Relocalisations industrielles par département" in html


# --- the page script and its one configuration object --------------------------------


class _Scripts(HTMLParser):
    """Every <script> element of a page: its attributes and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict, str]] = []
        self.inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append((dict(attrs), ""))
            self.inside = True

    def handle_endtag(self, tag):
        if tag == "script":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def scripts_of(html: str) -> list[tuple[dict, str]]:
    parser = _Scripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


def test_page_has_leaflet_one_configuration_and_the_package_script(page_html):
    scripts = scripts_of(page_html)
    leaflet = leaflet_bytes("leaflet.js")
    # The head's few lines make the page a map before the first paint (the departments'
    # drawing shows at once), in the layout of its window; the next folds the headline
    # on small screens before it is painted; Leaflet (defer) and the page script (a
    # module: deferred too) run once the page is parsed, in this order.
    assert [attrs for attrs, _ in scripts] == [
        {},
        {
            "defer": None,
            "src": "https://unpkg.com/leaflet@1.9.4/dist/leaflet.js",
            "integrity": subresource_integrity(leaflet),
            "crossorigin": "anonymous",
        },
        {},
        {"type": "application/json", "id": "relocmap-config"},
        {"type": "module"},
    ]
    assert 'root.classList.add("relocmap-js")' in scripts[0][1]
    assert "headline.open = false" in scripts[2][1]
    assert scripts[4][1] == "\n" + page_script()


def test_page_script_is_the_committed_minified_file_of_the_sources_in_order():
    from importlib import resources

    page = resources.files("relocmap").joinpath("page")
    sources, output = page_script_files()
    assert (sources, output) == (
        ("core.js", "sketch.js", "page.js", "embed-height.js"),
        "relocmap.min.js",
    )
    script = page_script()
    assert script == page.joinpath(output).read_text("utf-8")
    # One header line naming the sources in order, then the minified code on one line
    # (tests/js/build.test.js checks it is the build of today's sources).
    header, code = script.splitlines()
    assert header == (
        "// relocmap.min.js: generated by `npm run build` (scripts/build-page-js.mjs) with"
        " terser from core.js, sketch.js, page.js, embed-height.js (src/relocmap/page/);"
        " do not edit by hand."
    )
    assert script.endswith(code + "\n")
    for name in sources:  # the readable sources stay beside it, with their comments
        assert page.joinpath(name).read_text("utf-8").startswith("// ")
    assert "relocmapCore" in code and "relocmap-config" in code
    # Jinja only places the script: no template syntax, no data inside it.
    for marker in ("{{", "{%", "Auvergne", "emplois"):
        assert marker not in script


def test_page_script_refuses_text_that_would_end_the_script_element(monkeypatch):
    original = assets.package_text
    _, output = page_script_files()

    def with_bad(name: str, folder: str = "templates", bad: str = "") -> str:
        text = original(name, folder)
        return text + f'x = "{bad}";\n' if name == output else text

    for bad in ("</script>", "</SCRIPT >", "<!--"):
        monkeypatch.setattr(
            assets,
            "package_text",
            lambda name, folder="templates", b=bad: with_bad(name, folder, b),
        )
        with pytest.raises(
            ValueError, match=r"relocmap\.min\.js, built from core\.js.*contains </script or <!--"
        ):
            assets.page_script()


def test_configuration_is_one_object_with_views_texts_and_departments(page_html):
    config = page_config(page_html)
    assert sorted(config) == [
        "circleView",
        "editions",
        "features",
        "html",
        "map",
        "noDataColor",
        "tableFigures",
        "texts",
        "tiles",
        "views",
    ]
    assert [view["key"] for view in config["views"]] == [
        "emplois",
        "projets",
        "emplois_pour_10000_hab",
    ]
    assert [view["name"] for view in config["views"]] == ["emplois", "projets", "par-habitant"]
    assert all(len(view["colors"]) == 5 for view in config["views"])
    # One publication: one edition, no selector, no change view.
    assert config["editions"] == [
        {
            "key": "2022",
            "label": "2022",
            "source": "Région Auvergne-Rhône-Alpes, communiqué de presse, 2022",
        }
    ]
    assert "<select" not in page_html
    assert "evolution" not in page_html and "Évolution" not in page_html
    assert config["texts"] == {
        "closePopup": "Fermer",
        "fullPage": "Ouvrir la carte en pleine page",
        "historyCaption": "Chiffres publiés",
        "historyHeads": ["Publication", "Projets", "Emplois"],
        "noFigures": "Pas de données publiées pour ce département.",
        "popupTerms": list(POPUP_TERMS),
        "recenter": "Recentrer",
        "recenterTitle": "Recentrer la carte sur la région",
        "source": "Source : ",
        "tableNoFigures": ["pas de données", "–"],
        "touchHint": "Utilisez deux doigts pour déplacer la carte",
        "wheelHint": "Ctrl + molette pour zoomer",
        "wheelHintMac": "⌘ + molette pour zoomer",
        "zoomIn": "Zoom avant",
        "zoomOut": "Zoom arrière",
    }
    assert f'<div class="folium-map" id="{config["map"]["container"]}"' in page_html
    # The switch and the legends are the page's HTML (page_switch, page_legends).
    assert sorted(config["html"]) == ["attributionPrefix", "sources"]
    feature = next(f for f in config["features"]["features"] if f["id"] == "69")
    assert sorted(feature["properties"]) == ["area", "editions", "labelAt", "nom"]
    rhone = page_departments(page_html)["69"]
    assert rhone["nom"] == "Rhône" and "name" not in rhone  # the script writes "Rhône (69)"
    # Rhône: most jobs and projects (top class), 6,6 jobs per 10 000 inhabitants (3rd class).
    assert rhone["classes"] == {"emplois": 4, "projets": 4, "emplois_pour_10000_hab": 2}
    assert rhone["tips"]["emplois"] == "1\u202f220 emplois"
    assert rhone["tips"]["emplois_pour_10000_hab"] == "6,6 emplois pour 10\u202f000 habitants"
    assert rhone["radius"] == 30.0
    assert rhone["texts"] == ["36", "1\u202f220", "33,9", "6,6", "22,9\u00a0%", "1er sur 12"]
    assert rhone["sort"] == [36.0, 1220.0, 6.6, 22.9]


def test_configuration_json_never_contains_a_less_than_sign():
    value = {"note": "</script><script>alert(1)</script><!-- & ' \" >", "n": [1, 2.5, None]}
    text = config_json(value)
    assert "<" not in text
    assert json.loads(text) == value
    assert text == json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    ).replace("<", "\\u003c")


def test_a_note_closing_the_script_stays_text(paths, tmp_path):
    """Regression guard: text from the CSV can never end the configuration block or run."""
    hostile = "</script><script>alert(1)</script>"
    data = tmp_path / "relocalisations.csv"
    data.write_text(
        "code,departement,projets,emplois,emplois_precision,projets_precision,note\n"
        f"69,Rhône,36,1220,exact,exact,{hostile}\n",
        encoding="utf-8",
    )
    build_map(data, paths["geo"], tmp_path / "out", None, MapOptions(tiles=None))
    html = (tmp_path / "out" / "carte.html").read_text(encoding="utf-8")
    assert hostile not in html and "alert(1)</script>" not in html
    # the head's layout, the headline's folding, Leaflet, the configuration, the page script
    assert len(scripts_of(html)) == 5
    # The note reaches the script as a JSON string, which it writes as text.
    assert page_departments(html)["69"]["note"] == hostile


def test_a_name_closing_the_script_stays_text(paths):
    html = page_with_hostile_name(paths)
    assert HOSTILE_NAME not in html and "alert(1)</script>" not in html
    assert len(scripts_of(html)) == 5
    rhone = next(f for f in page_features(html) if f["id"] == "69")["properties"]
    assert rhone["nom"] == HOSTILE_NAME


def test_the_first_paint_waits_until_the_map_and_its_legend_are_parsed(page_html):
    """No paint of a half-parsed page (the title alone, then the drawing a frame later):
    the head holds rendering until the legends under the map, after the drawing, are
    parsed (Chromium; other browsers paint as they parse)."""
    head = page_html.split("</head>")[0]
    anchor = re.search(r'<link rel="expect" href="#([\w-]+)" blocking="render">', head).group(1)
    place = page_html.index(f'id="{anchor}"')
    assert place > page_html.index('<svg class="relocmap-sketch"')
    assert page_html[page_html.rindex("<", 0, place) :].startswith('<div class="relocmap-legends"')
