"""Invented figures are labelled FICTIF in every title (issue 12); real ones never are.

Every publication used here is FICTITIOUS (tests/data/publications-fictives), except
the committed data/ and out/, which are the Région's 2022 figures.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO_ROOT
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from relocmap.build import build_map
from relocmap.history.folder import load_history
from relocmap.inputs.facts import Publication
from relocmap.outputs import evolution, trajectory
from relocmap.outputs.drawing import MARGIN_X, PNG_DPI, draw_title, save_png
from relocmap.outputs.evolution import EVOLUTION_FIGSIZE_IN
from relocmap.page import MapOptions

FICTIVES = REPO_ROOT / "tests" / "data" / "publications-fictives"
GEO = REPO_ROOT / "geo" / "departements.geojson"
TITLE = "Relocalisations industrielles en Auvergne-Rhône-Alpes"
MARKED = f"FICTIF — {TITLE}"
BASE_URL = "https://www.example.org/cartes/"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, list[str]]]]:
    """The fictitious publications built (with --base-url, for the social tags), and the
    text drawn on each PNG the history adds, by the title it was saved with."""
    out = tmp_path_factory.mktemp("fictives-out")
    drawn: dict[str, list[str]] = {}

    def recording(fig: Any, title: str) -> bytes:
        drawn[title] = [text.get_text() for text in fig.texts]
        return save_png(fig, title)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(evolution, "save_png", recording)
        patch.setattr(trajectory, "save_png", recording)
        build_map(FICTIVES, GEO, out, None, MapOptions(tiles=None, base_url=BASE_URL))
    yield out, drawn


def png_title(path: Path) -> str:
    image = Image.open(io.BytesIO(path.read_bytes()))
    return str(image.text["Title"])  # type: ignore[attr-defined]


def total_jobs(publication: Publication) -> int:
    assert publication.total_emplois is not None  # every fictitious publication gives it
    return publication.total_emplois.value


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def test_page_titles_say_fictif(built: tuple[Path, dict[str, list[str]]]) -> None:
    out, _ = built
    html = (out / "carte.html").read_text("utf-8")
    assert re.findall(r"<title>(.*?)</title>", html) == [MARKED]
    assert re.findall(r"<h1>(.*?)</h1>", html) == [MARKED]
    (description,) = re.findall(r'<meta name="description" content="([^"]*)"', html)
    assert description.startswith("FICTIF — Plan stratégique de relocalisation")
    social = dict(re.findall(r'<meta property="(og:[a-z:]+)" content="([^"]*)"', html))
    assert social["og:title"] == MARKED
    assert social["og:description"] == description
    assert social["og:image:alt"] == f"Carte : {MARKED}"
    assert f'aria-label="Carte : {MARKED}"' in html
    # The figures table, in the page's data: its caption.
    assert f"{MARKED} : projets et emplois par département" in html


def test_embed_snippet_says_fictif(built: tuple[Path, dict[str, list[str]]]) -> None:
    out, _ = built
    snippet = (out / "carte-iframe.html").read_text("utf-8")
    assert f'title="Carte : {MARKED}"' in snippet
    assert re.search(rf"<figcaption[^>]*>{MARKED}\. ", snippet)


def test_still_map_title_says_fictif(built: tuple[Path, dict[str, list[str]]]) -> None:
    out, _ = built
    svg = (out / "carte.svg").read_bytes()
    assert MARKED in svg_texts(svg)
    assert f"<title>{MARKED}</title>" in svg.decode("utf-8")  # the SVG's own title
    assert png_title(out / "carte.png") == MARKED


def test_history_images_titles_say_fictif(built: tuple[Path, dict[str, list[str]]]) -> None:
    out, drawn = built
    evolution = f"{MARKED} : évolution"
    trajectory = "FICTIF — Emplois annoncés et objectif du plan"
    assert png_title(out / "evolution.png") == evolution
    assert png_title(out / "trajectoire.png") == trajectory
    # The title drawn on each image, not only its metadata.
    assert evolution in drawn[evolution]
    assert trajectory in drawn[trajectory]


def test_long_titles_are_made_smaller_to_fit_the_image(
    built: tuple[Path, dict[str, list[str]]],
) -> None:
    """Regression: "FICTIF — " pushed the end of evolution.png's title (": évolution")
    past the image's right edge."""
    out, _ = built
    image = Image.open(out / "evolution.png").convert("L")
    # The right margin beside the title and subtitle is white: the title ends before it.
    margin = image.crop((image.width - 60, 0, image.width, int(0.12 * image.height)))
    darkest, _ = margin.getextrema()
    assert isinstance(darkest, int) and darkest > 250
    # Any title: at most the width between the margins, never under 9 pt.
    fig = Figure(figsize=EVOLUTION_FIGSIZE_IN, dpi=PNG_DPI)
    FigureCanvasAgg(fig)
    long_title = draw_title(fig, f"FICTIF — {'Relocalisations industrielles ' * 3}", 14)
    box = long_title.get_window_extent()
    assert box.x1 <= (1 - MARGIN_X) * fig.bbox.width
    assert 9 <= float(long_title.get_fontsize()) < 14
    short = draw_title(fig, "Emplois", 14)
    assert short.get_fontsize() == 14


def test_any_fictitious_publication_labels_the_whole_map(tmp_path: Path) -> None:
    """Only the first publication invented: the map shows all three, so it is labelled."""
    folder = tmp_path / "publications"
    shutil.copytree(FICTIVES, folder)
    for name in ("2023-06", "2024-01"):
        path = folder / name / "publication.json"
        facts = json.loads(path.read_text("utf-8"))
        del facts["donnees_fictives"]
        path.write_text(json.dumps(facts, ensure_ascii=False), "utf-8")
    history = load_history(folder, GEO)
    assert history.fictitious and not history.latest.publication.donnees_fictives
    shown = history.shown_inputs().publication
    assert shown is not None and shown.donnees_fictives
    assert shown.source == history.latest.publication.source  # only the label differs
    points = [(r.publication, total_jobs(r.publication), True) for r in history.releases]
    assert trajectory.trajectory_title(points).startswith("FICTIF — ")
    out = tmp_path / "out"
    build_map(folder, GEO, out, None, MapOptions(tiles=None))
    assert f"<title>{MARKED}</title>" in (out / "carte.html").read_text("utf-8")
    for name in ("carte.png", "evolution.png", "trajectoire.png"):
        assert png_title(out / name).startswith("FICTIF — "), name


def test_real_publications_are_never_labelled(tmp_path: Path) -> None:
    folder = tmp_path / "publications"
    shutil.copytree(FICTIVES, folder)
    for path in folder.glob("*/publication.json"):
        facts = json.loads(path.read_text("utf-8"))
        del facts["donnees_fictives"]
        path.write_text(json.dumps(facts, ensure_ascii=False), "utf-8")
    history = load_history(folder, GEO)
    assert not history.fictitious
    assert history.shown_inputs() is history.latest.inputs
    points = [(r.publication, total_jobs(r.publication), True) for r in history.releases]
    assert trajectory.trajectory_title(points) == "Emplois annoncés et objectif du plan"


def test_committed_map_of_the_real_figures_says_no_fictif(repo_root: Path) -> None:
    """The committed out/ (a test compares it with a fresh build, byte for byte)."""
    out = repo_root / "out"
    for path in sorted(out.iterdir()):
        assert b"FICTIF" not in path.read_bytes(), path.name
    html = (out / "carte.html").read_text("utf-8")
    assert re.findall(r"<title>(.*?)</title>", html) == [TITLE]
    assert png_title(out / "carte.png") == TITLE
