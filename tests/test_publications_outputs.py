"""What 'relocmap build' writes from a publications folder (publications FICTITIOUS)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import REPO_ROOT, page_config, page_features

from relocmap.pipeline import build_map
from relocmap.render import MapOptions

FICTIVES = REPO_ROOT / "tests" / "data" / "publications-fictives"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("history-out")
    geo = REPO_ROOT / "geo" / "departements.geojson"
    build_map(FICTIVES, geo, out, None, MapOptions(tiles=None))
    return out


def test_one_publication_in_a_folder_builds_what_the_single_layout_builds(
    tmp_path: Path, paths: dict[str, Path]
) -> None:
    folder = tmp_path / "publications" / "2022"
    folder.mkdir(parents=True)
    shutil.copy(paths["data"], folder / "relocalisations.csv")
    shutil.copy(paths["facts"], folder / "publication.json")
    build_map(tmp_path / "publications", paths["geo"], tmp_path / "a", None, MapOptions())
    build_map(paths["data"], paths["geo"], tmp_path / "b", paths["facts"], MapOptions())
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert "evolution.png" not in names
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_several_publications_add_the_images(built: Path) -> None:
    assert sorted(p.name for p in built.iterdir()) == [
        "carte-iframe.html",
        "carte.html",
        "carte.png",
        "carte.svg",
        "evolution.png",
        "relocalisations.csv",
        "relocalisations.geojson",
        "trajectoire.png",
    ]
    for name in ("evolution.png", "trajectoire.png"):
        assert (built / name).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_history_build_is_deterministic(built: Path, tmp_path: Path) -> None:
    geo = REPO_ROOT / "geo" / "departements.geojson"
    build_map(FICTIVES, geo, tmp_path, None, MapOptions(tiles=None))
    for path in built.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_the_map_shows_the_latest_publication(built: Path, tmp_path: Path) -> None:
    geo = REPO_ROOT / "geo" / "departements.geojson"
    latest = FICTIVES / "2024-01"
    build_map(
        latest / "relocalisations.csv",
        geo,
        tmp_path,
        latest / "publication.json",
        MapOptions(tiles=None),
    )
    for name in ("carte-iframe.html", "carte.png", "carte.svg"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name
    # The page opens on the latest publication: the same figures, words and table as
    # the page of that publication alone (classes differ: shared by all publications).
    single = (tmp_path / "carte.html").read_text(encoding="utf-8")
    several = (built / "carte.html").read_text(encoding="utf-8")
    alone = {f["id"]: f["properties"]["editions"][0] for f in page_features(single)}
    last = {f["id"]: f["properties"]["editions"][-1] for f in page_features(several)}
    for code, entry in alone.items():
        for key in ("texts", "sort", "note"):
            assert last[code].get(key) == entry.get(key), (code, key)
        # Tooltips of the views both pages have (the page of several adds Évolution).
        assert last[code]["tips"][:3] == entry["tips"], code
    assert page_config(several)["editions"][-1]["key"] == "2024-01"
    switch = page_config(several)["html"]["switch"]
    assert '<option value="2024-01" selected>janvier 2024</option>' in switch
    title = re.search(r"<title>.*</title>", single)
    assert title is not None and title.group(0) in several


def test_long_csv_has_every_publication_and_the_change(built: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((built / "relocalisations.csv").read_text("utf-8"))))
    assert len(rows) == 3 * 12
    assert [r["publication"] for r in rows[::12]] == ["2022-10", "2023-06", "2024-01"]
    by = {(r["publication"], r["code"]): r for r in rows}
    assert by["2022-10", "01"]["statut"] == "" and by["2022-10", "01"]["evolution_emplois"] == ""
    assert by["2023-06", "01"]["evolution_emplois"] == "120"
    assert by["2023-06", "01"]["statut"] == "suivi"
    assert by["2023-06", "42"]["evolution_emplois"] == "-30"
    assert by["2023-06", "15"]["statut"] == "nouveau"
    assert by["2023-06", "15"]["evolution_emplois"] == ""
    assert by["2022-10", "15"]["emplois"] == "" and by["2022-10", "15"]["statut"] == ""
    assert by["2024-01", "07"]["statut"] == "retire" and by["2024-01", "07"]["emplois"] == ""
    assert by["2024-01", "38"]["emplois_precision"] == "pres_de"
    assert by["2024-01", "38"]["part_emplois"] == str(round(100 * 740 / 5725, 1))


def test_geojson_carries_the_latest_publication_and_the_change(built: Path) -> None:
    data = json.loads((built / "relocalisations.geojson").read_text("utf-8"))
    props = {f["id"]: f["properties"] for f in data["features"]}
    assert props["69"]["publication"] == "2024-01"
    assert props["69"]["publication_precedente"] == "2023-06"
    assert (props["69"]["emplois"], props["69"]["evolution_emplois"]) == (1390, 180)
    assert props["07"]["statut"] == "retire" and props["07"]["emplois"] is None
    assert props["07"]["evolution_emplois"] is None


def test_trajectory_words_and_objective_line() -> None:
    from relocmap.publications import load_history
    from relocmap.static import build_trajectory_figure

    history = load_history(FICTIVES, REPO_ROOT / "geo" / "departements.geojson")
    points = [(r.publication, r.publication.total_emplois.value, True) for r in history.releases]
    fig = build_trajectory_figure(points)
    texts = [t.get_text() for t in fig.texts]
    # 5 725 of 30 000 jobs (fictitious) at the latest publication.
    assert (
        "Total régional à chaque publication ; dernière, janvier 2024 : 19,1 % de l'objectif"
        in texts
    )
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["Emplois annoncés", "Objectif : 30\u202f000 emplois en 6 ans"]
    objective = ax.get_lines()[1]
    x, y = objective.get_data()
    assert list(y) == [0, 30000]
    assert x[1] - x[0] == pytest.approx(6)  # from the adoption (December 2021), 6 years
    assert [round(v) for v in ax.get_lines()[0].get_ydata()] == [4400, 5180, 5725]


def test_long_csv_neutralises_formula_cells(tmp_path: Path) -> None:
    """Regression: the long CSV wrote notes as they were; a note starting with '=' must
    reach a spreadsheet as text, as in the single-publication CSV (fictitious data)."""
    folder = tmp_path / "publications"
    shutil.copytree(FICTIVES, folder)
    figures = folder / "2024-01" / "relocalisations.csv"
    lines = figures.read_text("utf-8").splitlines()
    header = lines[0].split(",")
    cells = next(csv.reader([lines[1]]))
    cells[header.index("note")] = "=HYPERLINK(1)"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    figures.write_text("\n".join([lines[0], buffer.getvalue().rstrip("\n"), *lines[2:]]) + "\n")
    out = tmp_path / "out"
    build_map(folder, REPO_ROOT / "geo" / "departements.geojson", out, None, MapOptions(tiles=None))
    rows = list(csv.DictReader(io.StringIO((out / "relocalisations.csv").read_text("utf-8"))))
    notes = [r["note"] for r in rows if r["publication"] == "2024-01" and r["code"] == cells[0]]
    assert notes == ["'=HYPERLINK(1)"]
