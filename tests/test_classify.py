"""Classes: computed once with mapclassify, shared by the page and the image."""

from __future__ import annotations

import pandas as pd
from helpers import page_config, page_departments

from relocmap.classify import NO_DATA_COLOR, VIEWS, classify
from relocmap.pipeline import classify_views, load_inputs
from relocmap.render import MapOptions, build_page


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
