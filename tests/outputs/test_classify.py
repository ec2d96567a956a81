"""Classes: computed once with mapclassify, shared by the page and the image."""

from __future__ import annotations

import numpy as np
import pandas as pd
from helpers import page_config, page_departments

from relocmap.build import classify_views
from relocmap.inputs.checked import load_inputs
from relocmap.outputs.classify import NO_DATA_COLOR, VIEWS, classify
from relocmap.page import MapOptions, build_page


def test_classes_are_shared_and_fisher_jenks(paths):
    inputs = load_inputs(paths["data"], paths["geo"])
    jobs, projects, rate = classify_views(inputs.joined)
    assert jobs.bins == (210.0, 457.0, 670.0, 917.0, 1220.0)
    assert jobs.labels() == ["5 à 210", "211 à 457", "458 à 670", "671 à 917", "918 à 1\u202f220"]
    assert projects.labels()[-1] == "27 à 36"
    assert jobs.color("69") == jobs.colors[-1]
    assert rate.labels()[0] == "0,3" and rate.labels()[-1] == "9,0 à 11,4"
    # The page gets the same classes and colours: the script only looks them up.
    html = build_page(inputs.joined, None, [jobs, projects, rate], MapOptions(tiles=None))
    config = page_config(html)
    assert config["views"] == [
        {"key": c.view.key, "name": c.view.address_name, "colors": list(c.colors)}
        for c in (jobs, projects, rate)
    ]
    classes = {code: entry["classes"] for code, entry in page_departments(html).items()}
    assert classes["69"] == {
        "emplois": len(jobs.colors) - 1,
        "projets": len(projects.colors) - 1,
        "emplois_pour_10000_hab": rate.class_of["69"],
    }
    assert classes["74"]["emplois_pour_10000_hab"] == len(rate.colors) - 1  # 11,4 per 10 000
    assert all(classes[code]["emplois"] == jobs.class_of[code] for code in classes)


def test_fewer_distinct_values_than_classes(paths):
    import pandas as pd

    classes = classify(pd.Series([3.0, 3.0, 5.0], index=["01", "03", "07"]), VIEWS[0])
    assert len(classes.bins) == 2 and classes.labels() == ["3", "4 à 5"]


def test_note_says_the_method_and_counts_classes():
    one = classify(pd.Series([4.0, 4.0], index=["01", "03"]), VIEWS[0])
    assert one.note() == "Classes : seuils naturels (Fisher-Jenks), 1 classe"
    five = classify(
        pd.Series(range(20), index=[f"{i:02d}" for i in range(1, 21)], dtype=float), VIEWS[0]
    )
    assert five.note() == "Classes : seuils naturels (Fisher-Jenks), 5 classes"


def test_missing_value_gets_the_no_data_colour_not_a_class():
    classes = classify(pd.Series([3.0, None, 50.0], index=["01", "03", "07"]), VIEWS[1])
    assert classes.color("03") == NO_DATA_COLOR
    assert "03" not in classes.class_of and classes.counts == (1, 1)


# Colour-vision deficiency simulation, Machado, Oliveira & Fernandes (2009), severity 1.0
# (their published matrices, applied to linear RGB).
CVD_MATRICES = {
    "protanopia": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
}


def _lab(color: str, matrix: list[list[float]] | None = None) -> np.ndarray:
    """CIELAB (D65) of a #rrggbb colour, as seen with ``matrix``'s colour vision."""
    srgb = np.array([int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    if matrix is not None:
        linear = np.clip(np.array(matrix) @ linear, 0, 1)
    to_xyz = np.array(
        [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
    )
    t = (to_xyz @ linear) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > 0.008856, np.cbrt(t), 7.787 * t + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_change_colours_stay_apart_for_colour_blind_readers() -> None:
    """Every colour of the Évolution legend (losses, 0, gains, "nouveau") and the no-data
    grey differ by at least 10 (CIELAB ΔE76) with normal vision and as simulated for
    protanopia, deuteranopia and tritanopia; losses and gains never swap lightness order
    around 0."""
    from itertools import combinations

    from relocmap.outputs.classify import (
        CHANGE_GAIN_COLORS,
        CHANGE_LOSS_COLORS,
        CHANGE_NEW_COLOR,
        CHANGE_ZERO_COLOR,
    )

    colors = [
        *CHANGE_LOSS_COLORS,
        CHANGE_ZERO_COLOR,
        *CHANGE_GAIN_COLORS,
        CHANGE_NEW_COLOR,
        NO_DATA_COLOR,
    ]
    for vision, matrix in [("normal", None), *CVD_MATRICES.items()]:
        seen = {color: _lab(color, matrix) for color in colors}
        closest = min(
            (float(np.linalg.norm(seen[a] - seen[b])), a, b) for a, b in combinations(colors, 2)
        )
        assert closest[0] >= 10, (vision, closest)
        # Further from 0, darker: the order of the classes reads in any colour vision.
        for side in (CHANGE_LOSS_COLORS, CHANGE_GAIN_COLORS):
            lightness = [seen[CHANGE_ZERO_COLOR][0]] + [seen[c][0] for c in side]
            assert lightness == sorted(lightness, reverse=True), (vision, side)
