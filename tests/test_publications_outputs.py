"""What 'relocmap build' writes from a publications folder (publications FICTITIOUS)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from helpers import REPO_ROOT, page_config, page_features, page_switch
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from relocmap.build import build_map
from relocmap.history.folder import load_history
from relocmap.inputs.facts import Publication
from relocmap.outputs.classify import VIEWS, classify_together
from relocmap.outputs.drawing import PNG_DPI
from relocmap.outputs.evolution import EVOLUTION_WIDTH_IN, build_evolution_figure
from relocmap.outputs.trajectory import LABEL_CLEARANCE_PT, build_trajectory_figure
from relocmap.outputs.wording import figures_source, french_date
from relocmap.page import MapOptions

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
    switch = page_switch(several)
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
    history = load_history(FICTIVES, REPO_ROOT / "geo" / "departements.geojson")
    points = [(r.publication, r.publication.total_emplois.value, True) for r in history.releases]
    fig = build_trajectory_figure(points)
    texts = [t.get_text() for t in fig.texts]
    # 5 725 of 30 000 jobs (fictitious) at the latest publication.
    assert (
        "Total régional à chaque publication ; dernière, janvier 2024 : 19,1 % de l’objectif"
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


# --- the still images' layout (evolution.png, trajectoire.png) ----------------------


def five_publications(root: Path) -> Path:
    """The three FICTITIOUS publications plus two more, also invented (FICTIF): jobs
    up 10 % (total worded "plus de …") then 25 % (no published total: the departments'
    sum, the longest label); the first total also worded "plus de …"."""
    folder = root / "publications"
    shutil.copytree(FICTIVES, folder)
    first = folder / "2022-10" / "publication.json"
    facts = json.loads(first.read_text("utf-8"))
    facts["total_emplois_precision"] = "plus_de"
    first.write_text(json.dumps(facts, ensure_ascii=False), "utf-8")
    for key, factor in (("2024-09", 1.1), ("2025-04", 1.25)):
        shutil.copytree(folder / "2024-01", folder / key)
        facts = json.loads((folder / key / "publication.json").read_text("utf-8"))
        table = folder / key / "relocalisations.csv"
        rows = list(csv.DictReader(io.StringIO(table.read_text("utf-8"))))
        for row in rows:
            row["emplois"] = str(round(int(row["emplois"]) * factor))
            assert row["note"] == "FICTIF"
        facts["source_date"] = key
        facts["source"] = f"FICTIF : données inventées pour les tests de relocmap ({key})"
        if factor < 1.2:
            facts["total_emplois_publie"] = 5 * sum(int(r["emplois"]) for r in rows) // 5
            facts["total_emplois_precision"] = "plus_de"
        else:
            del facts["total_emplois_publie"], facts["total_emplois_precision"]
        (folder / key / "publication.json").write_text(json.dumps(facts, ensure_ascii=False))
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        table.write_text(text.getvalue(), "utf-8")
    return folder


def agg_renderer(fig: Figure) -> RendererAgg:
    """The figure's renderer (its canvas is Agg), for boxes of text as drawn."""
    canvas = fig.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    return canvas.get_renderer()


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    return {3: FICTIVES, 5: five_publications(tmp_path_factory.mktemp("five"))}


def history_figures(folder: Path) -> tuple[Figure, Figure, list[tuple[Publication, int, bool]]]:
    """evolution.png's and trajectoire.png's figures, from the same inputs as a build."""
    history = load_history(folder, REPO_ROOT / "geo" / "departements.geojson")
    frames = {r.key: r.inputs.joined.frame["emplois"] for r in history.releases}
    jobs = classify_together(frames, VIEWS[0])
    panels = [
        (french_date(r.publication.source_date), r.inputs.joined, jobs[r.key])
        for r in history.releases
    ]
    points = [(p, total, published) for _, p, total, published in history.trajectory()]
    evolution = build_evolution_figure(panels, history.shown_inputs().publication)
    return evolution, build_trajectory_figure(points), points


@pytest.mark.parametrize("count", [3, 5])
def test_evolution_panels_fill_the_figure(folders: dict[int, Path], count: int) -> None:
    """Regression: evolution.png (1760 × 836) had an empty band over its lower 40 %: the
    small maps, kept to the region's shape, were far shorter than their boxes."""
    fig, _, _ = history_figures(folders[count])
    fig.draw_without_rendering()
    renderer = agg_renderer(fig)
    assert len(fig.axes) == count
    # The maps as drawn (boxes after the aspect is applied) with their dates above.
    boxes = [box for ax in fig.axes if (box := ax.get_tightbbox(renderer)) is not None]
    assert len(boxes) == count
    top, bottom = max(b.y1 for b in boxes), min(b.y0 for b in boxes)
    # The room they have: between the subtitle and the credit line.
    title, subtitle, credit = sorted(fig.texts, key=lambda t: -t.get_window_extent().y0)
    room = subtitle.get_window_extent().y0 - credit.get_window_extent().y1
    assert (top - bottom) >= 0.85 * room
    # 1760 px wide, as the map; every map inside the figure, none over another.
    assert fig.bbox.width == EVOLUTION_WIDTH_IN * PNG_DPI
    assert all(fig.bbox.contains(b.x0, b.y0) and fig.bbox.contains(b.x1, b.y1) for b in boxes)
    maps = [ax.get_window_extent(renderer) for ax in fig.axes]
    assert not any(a.overlaps(b) for i, a in enumerate(maps) for b in maps[i + 1 :])
    # Three maps make one row, five two (3 + 2).
    assert len({round(m.y0) for m in maps}) == (1 if count == 3 else 2)
    assert "Contours" in credit.get_text()  # a map: the boundaries are credited


@pytest.mark.parametrize("count", [3, 5])
def test_trajectory_labels_clear_the_objective_line_and_each_other(
    folders: dict[int, Path], count: int
) -> None:
    _, fig, points = history_figures(folders[count])
    fig.draw_without_rendering()
    renderer = agg_renderer(fig)
    ax = fig.axes[0]
    totals, objective = ax.get_lines()
    assert objective.get_linestyle() == "--"
    line = objective.get_transform().transform_path(objective.get_path())
    labels = list(ax.texts)
    assert len(labels) == count
    if count == 5:
        words = [t.get_text() for t in labels]
        assert words[0] == "plus de 4\u202f400" and words[3].startswith("plus de ")
        assert words[4].endswith(" (somme des départements)")
    boxes = [t.get_window_extent(renderer) for t in labels]
    for text, box in zip(labels, boxes, strict=True):
        assert not line.intersects_bbox(box, filled=False), text.get_text()
        assert ax.bbox.contains(box.x0, box.y0) and ax.bbox.contains(box.x1, box.y1)
    for i, box in enumerate(boxes):
        for other in boxes[i + 1 :]:
            assert not box.padded(LABEL_CLEARANCE_PT).overlaps(other)
    if count == 5:
        # The reviewer's case: centred above its point, "plus de 4 400" is crossed by
        # the line (the first total lies on it), so the check above can fail.
        first = labels[0]
        assert isinstance(first, Annotation)
        first.xyann = (0, 6)
        first.set_horizontalalignment("center")
        first.set_verticalalignment("bottom")
        assert line.intersects_bbox(first.get_window_extent(renderer), filled=False)
    # The objective's end stays in view, and the chart spans the figure's width.
    assert ax.get_xlim()[1] >= np.asarray(objective.get_xdata(), dtype=float)[-1]
    assert ax.get_window_extent(renderer).x1 >= 0.9 * fig.bbox.width
    drawn = np.asarray(totals.get_ydata(), dtype=float)
    assert [round(v) for v in drawn] == [total for _, total, _ in points]


def test_trajectory_credit_gives_only_the_figures_source(folders: dict[int, Path]) -> None:
    """Regression: the chart, which draws no map, credited "Contours : IGN ADMIN EXPRESS"."""
    _, fig, points = history_figures(folders[3])
    texts = [t.get_text() for t in fig.texts]
    assert f"Chiffres : {figures_source(points[-1][0])}" in texts
    assert not any("Contours" in text or "IGN" in text for text in texts)
