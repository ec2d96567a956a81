"""The static map (carte.png, carte.svg): size, content, colours, determinism."""

from __future__ import annotations

import dataclasses
import io
import xml.etree.ElementTree as ET

import matplotlib
import pytest
from matplotlib.transforms import Bbox
from PIL import Image

from relocmap.build import classify_views
from relocmap.inputs.checked import load_inputs
from relocmap.outputs.classify import NO_DATA_COLOR
from relocmap.outputs.drawing import FONT_RC, literal, local_crs
from relocmap.outputs.images import build_figure, department_labels, render_static
from relocmap.outputs.wording import (
    BOUNDARY_SOURCE,
    NO_DATA_LABEL,
    department_label,
    figures_source,
    subtitle_text,
    title_text,
)

SVG = "{http://www.w3.org/2000/svg}"
NNBSP = "\u202f"


@pytest.fixture(scope="module")
def inputs(paths):
    return load_inputs(paths["data"], paths["geo"], paths["facts"])


@pytest.fixture(scope="module")
def jobs(inputs):
    return classify_views(inputs.joined)[0]


@pytest.fixture(scope="module")
def files(inputs, jobs) -> dict[str, bytes]:
    return render_static(inputs.joined, jobs, inputs.publication)


def rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))


def png_colors(data: bytes) -> dict[tuple[int, int, int], int]:
    """Pixel count of every colour of the PNG."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    return {color: count for count, color in image.getcolors(maxcolors=image.width * image.height)}


def svg_texts(data: bytes) -> list[str]:
    """The text of every <text> element (the SVG keeps its text as text)."""
    root = ET.fromstring(data)
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def render_csv(paths, tmp_path, csv_text: str) -> dict[str, bytes]:
    data = tmp_path / "figures.csv"
    data.write_text(csv_text, encoding="utf-8")
    inputs = load_inputs(data, paths["geo"], paths["facts"])
    return render_static(inputs.joined, classify_views(inputs.joined)[0], inputs.publication)


def test_two_files_named_as_published(files):
    assert sorted(files) == ["carte.png", "carte.svg"]
    assert files["carte.png"].startswith(b"\x89PNG\r\n\x1a\n")


def test_png_is_wide_enough_for_print_and_social_media(files):
    image = Image.open(io.BytesIO(files["carte.png"]))
    assert image.width >= 1600
    assert 1.2 <= image.width / image.height <= 2.0  # landscape, fits a feed


def test_png_is_not_blank(files):
    colors = png_colors(files["carte.png"])
    assert len(colors) > 200  # fills, borders, anti-aliased text
    white = colors.get((255, 255, 255), 0)
    assert white < 0.8 * sum(colors.values())


def test_png_shows_every_class_colour(files, jobs):
    colors = png_colors(files["carte.png"])
    for color in jobs.colors:  # each class holds a department here, and has a swatch
        assert colors.get(rgb(color), 0) > 500, color
    # The darkest class is Rhône alone: well over its legend swatch's pixels.
    assert colors[rgb(jobs.colors[-1])] > 5000
    # Every department has data: no grey area (a few anti-aliased edge pixels may match).
    assert colors.get(rgb(NO_DATA_COLOR), 0) < 300


def test_svg_has_title_labels_legend_and_sources(files, inputs, jobs):
    texts = svg_texts(files["carte.svg"])
    publication = inputs.publication
    assert (
        title_text(inputs.joined, publication)
        == "Relocalisations industrielles en Auvergne-Rhône-Alpes"
    )
    assert title_text(inputs.joined, publication) in texts
    assert subtitle_text(publication) in texts
    assert f"Chiffres : {figures_source(publication)} · {BOUNDARY_SOURCE}" in texts
    for name in inputs.joined.frame["nom"]:
        assert name in texts
    assert "Rhône" in texts and "Haute-Savoie" in texts
    assert jobs.view.legend_title == "Emplois annoncés" and "Emplois annoncés" in texts
    assert f"918 à 1{NNBSP}220" in texts
    for label in jobs.labels():
        assert label in texts
    assert NO_DATA_LABEL not in texts
    assert any(text.startswith("Classes : seuils naturels") for text in texts)


def test_svg_is_well_formed_and_sized_in_points(files):
    root = ET.fromstring(files["carte.svg"])
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "576pt" and root.get("height") == "360pt"


def test_same_inputs_give_byte_identical_files(inputs, jobs, files):
    again = render_static(inputs.joined, jobs, inputs.publication)
    assert again["carte.png"] == files["carte.png"]
    assert again["carte.svg"] == files["carte.svg"]
    assert b"Matplotlib v" not in files["carte.svg"] and b"<dc:date>" not in files["carte.svg"]


def test_render_writes_no_file(inputs, jobs, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    render_static(inputs.joined, jobs, inputs.publication)
    assert list(tmp_path.iterdir()) == []


def test_missing_department_is_grey_with_its_legend_entry(paths, tmp_path):
    lines = paths["data"].read_text(encoding="utf-8").splitlines(keepends=True)
    without_cantal = "".join(line for line in lines if not line.startswith("15,"))
    files = render_csv(paths, tmp_path, without_cantal)
    colors = png_colors(files["carte.png"])
    assert colors.get(rgb(NO_DATA_COLOR), 0) > 5000  # Cantal, not only the swatch
    texts = svg_texts(files["carte.svg"])
    assert NO_DATA_LABEL in texts and "Cantal" in texts


def test_mainland_and_overseas_draws_the_mainland_and_says_so(paths, tmp_path):
    files = render_csv(
        paths,
        tmp_path,
        "code,departement,projets,emplois,emplois_precision\n"
        "01,Ain,25,564,exact\n03,Allier,5,100,environ\n974,La Réunion,4,80,exact\n",
    )
    texts = svg_texts(files["carte.svg"])
    assert "Ain" in texts and "Allier" in texts
    assert "La Réunion" not in texts  # no label: not drawn
    assert any("outre-mer" in text and "La Réunion" in text for text in texts)
    assert "Relocalisations industrielles par département" in texts
    assert Image.open(io.BytesIO(files["carte.png"])).width >= 1600


def test_projection_is_centred_on_the_departments(inputs):
    crs = local_crs(inputs.joined.frame)
    assert crs.startswith("+proj=laea +lat_0=45.")
    lat = float(crs.split("+lat_0=")[1].split()[0])
    lon = float(crs.split("+lon_0=")[1].split()[0])
    assert 44.5 < lat < 46.5 and 3.5 < lon < 5.5
    assert round(lat, 2) == lat and round(lon, 2) == lon


def test_overseas_only_draws_them_without_a_note(paths, tmp_path):
    # Fictitious figures.
    files = render_csv(
        paths,
        tmp_path,
        "code,departement,projets,emplois,emplois_precision\n974,La Réunion,4,80,exact\n",
    )
    texts = svg_texts(files["carte.svg"])
    assert "La Réunion" in texts  # its label: drawn
    assert not any("outre-mer" in text for text in texts)


# --- labels: each department's figure as published ------------------------------------


def test_label_wording_gives_the_figure_as_published():
    assert department_label("Isère", 670, "pres_de") == "Isère · près de 670"
    assert department_label("Rhône", 1220, "exact") == f"Rhône · 1{NNBSP}220"
    assert department_label("Allier", 100, "environ", separator="\n") == "Allier\nenviron 100"
    assert department_label("Cantal", float("nan"), None) == "Cantal"


def test_each_label_carries_its_figure_as_published(files, inputs, jobs):
    labels = department_labels(inputs.joined.frame, jobs)
    by_name = dict(label.split("\n") for label in labels)
    assert by_name["Isère"] == "près de 670"
    assert by_name["Savoie"] == "plus de 100"
    assert by_name["Allier"] == "environ 100"
    assert by_name["Rhône"] == f"1{NNBSP}220"
    texts = svg_texts(files["carte.svg"])
    for name, figure in by_name.items():
        assert name in texts and figure in texts  # real text, name over figure


def test_labels_do_not_overlap(inputs, jobs):
    with matplotlib.rc_context(FONT_RC):
        fig = build_figure(inputs.joined, jobs, inputs.publication)
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        # The texts on top (the halos carry path effects); a name and its figure follow
        # each other and make one label.
        texts = [t for t in ax.texts if not t.get_path_effects()]
        boxes = [t.get_window_extent(renderer) for t in texts]
    labels = [Bbox.union(boxes[i : i + 2]) for i in range(0, len(boxes), 2)]
    assert len(labels) == 12
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not a.overlaps(b), (a, b)


def test_department_without_data_is_labelled_by_name_alone(paths, tmp_path):
    # Fictitious figures.
    data = tmp_path / "figures.csv"
    data.write_text(
        "code,departement,projets,emplois,emplois_precision\n01,Ain,25,564,exact\n",
        encoding="utf-8",
    )
    inputs = load_inputs(data, paths["geo"], paths["facts"])
    labels = department_labels(inputs.joined.frame, classify_views(inputs.joined)[0])
    assert "Ain\n564" in labels and "Savoie" in labels


def test_static_image_draws_no_proportional_circles(files):
    # The still image is the choropleth alone (the page adds circles on demand): no
    # circle can shrink out of sight. If circles are added, give them a minimum size.
    root = ET.fromstring(files["carte.svg"])
    assert not [e for e in root.iter() if e.tag in (f"{SVG}circle", f"{SVG}ellipse")]


# --- text from the data, whatever it holds (issue 13) ------------------------------------

HOSTILE = "$\\alpha$ <b>&amp; \x01\x0b\x1b\x7f\x85\ud800 fin"


def test_any_text_is_drawn_literally_in_a_well_formed_svg(inputs, jobs):
    """'$…$' is not read as mathematics; '<' and '&' are escaped; characters XML cannot
    hold (controls, a lone surrogate) are drawn as U+FFFD: the SVG always parses."""
    frame = inputs.joined.frame.copy()
    frame["nom"] = frame["nom"].astype(object)
    frame.loc["69", "nom"] = HOSTILE
    frame["region_nom"] = "Région " + HOSTILE
    joined = dataclasses.replace(inputs.joined, frame=frame)
    files = render_static(joined, jobs, inputs.publication)
    texts = svg_texts(files["carte.svg"])  # ET.fromstring: fails on a malformed SVG
    drawn = "$\\alpha$ <b>&amp; " + "\ufffd" * 6 + " fin"
    assert literal(HOSTILE) == drawn
    assert drawn in texts
    assert f"Relocalisations industrielles en Région {drawn}" in texts
    assert not any("α" in text for text in texts)  # no mathtext rendering of \alpha
    assert files["carte.png"].startswith(b"\x89PNG")


def test_dollar_signs_in_a_name_do_not_change_the_drawing_into_mathematics(inputs, jobs):
    """With math parsing, '$10$' would be drawn in the math font, '10' without dollars."""
    frame = inputs.joined.frame.copy()
    frame["nom"] = frame["nom"].astype(object)
    frame.loc["69", "nom"] = "$10$"
    joined = dataclasses.replace(inputs.joined, frame=frame)
    assert "$10$" in svg_texts(render_static(joined, jobs, inputs.publication)["carte.svg"])
