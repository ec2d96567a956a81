"""The page as text: determinism, assets, weight, escaping, framing other data."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from relocmap.cli import main
from relocmap.classify import VIEWS, classify
from relocmap.pipeline import build_map, classify_views, load_inputs
from relocmap.render import MapOptions, as_published, build_page, ordinal

BUDGET_BYTES = 100_000  # "100 KB", read strictly
OUTPUTS = ("carte.html", "carte-iframe.html", "carte.png", "carte.svg",
           "relocalisations.geojson", "relocalisations.csv")


@pytest.fixture(scope="module")
def page_html(paths, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("page")
    build_map(paths["data"], paths["geo"], out, paths["facts"], MapOptions())
    return (out / "carte.html").read_text(encoding="utf-8")


def embedded_features(html: str) -> list[dict]:
    match = re.search(r"var data = (\{.*?\});\n", html)
    return json.loads(match.group(1))["features"]


def test_two_builds_are_byte_identical(paths, tmp_path):
    for name in ("a", "b"):
        build_map(paths["data"], paths["geo"], tmp_path / name, paths["facts"], MapOptions())
    assert (tmp_path / "a" / "carte.html").read_bytes() == (tmp_path / "b" / "carte.html").read_bytes()


def test_committed_outputs_match_a_fresh_build(repo_root, tmp_path):
    """out/ is committed: it must be what 'relocmap build' gives from the committed data."""
    result = CliRunner().invoke(main, ["build", "--data", str(repo_root / "data" / "relocalisations.csv"),
                                       "--geo", str(repo_root / "geo" / "departements.geojson"),
                                       "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (repo_root / "out").iterdir()) == sorted(OUTPUTS)
    for name in OUTPUTS:
        assert (tmp_path / name).read_bytes() == (repo_root / "out" / name).read_bytes(), \
            f"out/{name} is stale: run 'relocmap build' and commit out/"


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


def test_failed_build_keeps_previous_map(paths, tmp_path):
    out = tmp_path / "out"
    build_map(paths["data"], paths["geo"], out, paths["facts"], MapOptions())
    before = (out / "carte.html").read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text(paths["data"].read_text(encoding="utf-8").replace("1220", "douze"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--data", str(bad), "--geo", str(paths["geo"]),
                                       "--out", str(out)])
    assert result.exit_code == 2
    assert "line 11, column 'emplois'" in result.stderr
    assert "Traceback" not in result.output
    assert (out / "carte.html").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)


def test_missing_boundaries_file_is_a_clear_error(paths, tmp_path):
    result = CliRunner().invoke(main, ["build", "--data", str(paths["data"]),
                                       "--geo", str(tmp_path / "nope.geojson"),
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {tmp_path / 'nope.geojson'}: file not found")
    assert not (tmp_path / "out").exists()


def write_csv(path, rows):
    path.write_text("code,departement,projets,emplois,emplois_precision\n"
                    + "".join(f"{c},{n},{p},{e},exact\n" for c, n, p, e in rows), encoding="utf-8")


def test_another_region_gives_its_own_map(paths, tmp_path):
    data = tmp_path / "bretagne.csv"
    write_csv(data, [("29", "Finistère", 4, 120), ("35", "Ille-et-Vilaine", 7, 300),
                     ("56", "Morbihan", 2, 40)])
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
    write_csv(data, [(code, row["nom"], i % 40, (i * 37) % 1500)
                     for i, (code, row) in enumerate(inputs_geo.iterrows())])
    build_map(data, paths["geo"], tmp_path, None, MapOptions(tiles=None))
    html = (tmp_path / "carte.html").read_text(encoding="utf-8")
    assert len(embedded_features(html)) == 101
    (south, west), (north, east) = json.loads(re.search(r"map\.fitBounds\((\[\[.*?\]\])", html).group(1))
    assert 41 < south < 42.5 and 51 < north < 51.2 and -5.2 < west < -4.5 and 9.5 < east < 9.7
    assert "Relocalisations industrielles par département" in html


def test_classes_are_shared_and_fisher_jenks(paths):
    inputs = load_inputs(paths["data"], paths["geo"])
    jobs, projects, rate = classify_views(inputs.joined)
    assert jobs.bins == (210.0, 457.0, 670.0, 917.0, 1220.0)
    assert jobs.labels() == ["5 à 210", "211 à 457", "458 à 670", "671 à 917", "918 à 1\u202f220"]
    assert projects.labels()[-1] == "27 à 36"
    assert jobs.color("69") == jobs.colors[-1]
    assert rate.labels()[0] == "0,3" and rate.labels()[-1] == "9,0 à 11,4"
    html = build_page(inputs.joined, None, [jobs, projects, rate], MapOptions(tiles=None))
    fills = {f["id"]: f["properties"]["fill"] for f in embedded_features(html)}
    assert fills["69"] == {"emplois": jobs.colors[-1], "projets": projects.colors[-1],
                           "emplois_pour_10000_hab": rate.color("69")}
    assert fills["74"]["emplois_pour_10000_hab"] == rate.colors[-1]  # 11,4 per 10 000


def test_fewer_distinct_values_than_classes(paths):
    import pandas as pd

    classes = classify(pd.Series([3.0, 3.0, 5.0], index=["01", "03", "07"]), VIEWS[0])
    assert len(classes.bins) == 2 and classes.labels() == ["3", "4 à 5"]
