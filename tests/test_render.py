"""The page as text: determinism, assets, weight, escaping, framing other data."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from relocmap.cli import main
from relocmap.pipeline import build_map, load_inputs
from relocmap.render import MapOptions, as_published, ordinal

BUDGET_BYTES = 100_000  # "100 KB", read strictly
OUTPUTS = (
    "carte.html",
    "carte-iframe.html",
    "carte.png",
    "carte.svg",
    "relocalisations.geojson",
    "relocalisations.csv",
)


@pytest.fixture(scope="module")
def page_html(paths, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("page")
    build_map(paths["data"], paths["geo"], out, paths["facts"], MapOptions())
    return (out / "carte.html").read_text(encoding="utf-8")


def embedded_features(html: str) -> list[dict]:
    match = re.search(r"var data = (\{.*?\});\n", html)
    return json.loads(match.group(1))["features"]


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
    styles = re.findall(r'<link[^>]+href="([^"]+)"', page_html)
    assert scripts == ["https://unpkg.com/leaflet@1.9.4/dist/leaflet.js"]
    assert styles == ["https://unpkg.com/leaflet@1.9.4/dist/leaflet.css"]
    for unwanted in ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers"):
        assert unwanted not in page_html.lower()


def test_no_random_element_ids(page_html):
    assert not re.search(r"[0-9a-f]{32}", page_html)


def test_geometry_is_written_once(page_html):
    features = embedded_features(page_html)
    assert len(features) == 12
    first_ring = json.dumps(features[0]["geometry"]["coordinates"][0][:3], separators=(",", ":"))
    assert page_html.count(first_ring[1:-1]) == 1


def test_page_is_french_and_titled(page_html):
    assert '<html lang="fr">' in page_html
    assert "<title>Relocalisations industrielles en Auvergne-Rhône-Alpes</title>" in page_html
    assert "user-scalable=no" not in page_html  # people may zoom the page


def test_tiles_none_loads_no_tiles(paths, tmp_path):
    build_map(paths["data"], paths["geo"], tmp_path, paths["facts"], MapOptions(tiles=None))
    html = (tmp_path / "carte.html").read_text(encoding="utf-8")
    assert "tileLayer" not in html and "arcgisonline" not in html


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
    features = embedded_features(html)
    assert sorted(f["id"] for f in features) == ["22", "29", "35", "56"]
    assert "Relocalisations industrielles en Bretagne" in html
    no_data = next(f for f in features if f["id"] == "22")
    assert no_data["properties"]["fill"]["emplois"] == "#d9d9d9"
    bounds = json.loads(re.search(r"map\.fitBounds\((\[\[.*?\]\])", html).group(1))
    (south, west), (north, east) = bounds
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
    assert len(embedded_features(html)) == 101
    (south, west), (north, east) = json.loads(
        re.search(r"map\.fitBounds\((\[\[.*?\]\])", html).group(1)
    )
    assert 41 < south < 42.5 and 51 < north < 51.2 and -5.2 < west < -4.5 and 9.5 < east < 9.7
    assert "Relocalisations industrielles par département" in html
